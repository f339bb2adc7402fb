# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: finds or builds pgo-helper.

include_guard(GLOBAL)

# Called by PGO.cmake: sets OUT to the pgo-helper to run.  PGO_HELPER wins;
# otherwise the helper is built from source, once per build tree, with the
# host's default C compiler (not the project's, which may be a cross compiler,
# nor one named by CC or CMAKE_TOOLCHAIN_FILE in the environment).
function(_pgo_get_helper out)
  set(PGO_HELPER "" CACHE FILEPATH "A prebuilt pgo-helper (empty: build it from source at configure time)")
  mark_as_advanced(PGO_HELPER)
  if(PGO_HELPER)
    if(NOT EXISTS "${PGO_HELPER}" OR IS_DIRECTORY "${PGO_HELPER}")
      message(FATAL_ERROR "PGO_HELPER is '${PGO_HELPER}', which is not a file. "
        "Point it at a built pgo-helper, or clear it to build one from source.")
    endif()
    # Anything else would fail only in the build, as a compiler launcher that compiles
    # nothing ("llvm-ar: work.c.o: No such file or directory").
    execute_process(COMMAND "${PGO_HELPER}" --version RESULT_VARIABLE rc
      OUTPUT_VARIABLE text ERROR_VARIABLE text OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT rc EQUAL 0 OR NOT text MATCHES "^pgo-helper [0-9]")
      string(REGEX REPLACE "\n.*" "" text "${text}")
      message(FATAL_ERROR "PGO_HELPER is '${PGO_HELPER}', which is not a pgo-helper: "
        "'${PGO_HELPER} --version' gave '${text}' (${rc}). Point it at a built pgo-helper, "
        "or clear it to build one from source.")
    endif()
    set(${out} "${PGO_HELPER}" PARENT_SCOPE)
    return()
  endif()

  set(here "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  set(src "")
  foreach(dir IN ITEMS "${here}/helper" "${here}/../../helper")
    if(EXISTS "${dir}/CMakeLists.txt")
      cmake_path(ABSOLUTE_PATH dir NORMALIZE)
      set(src "${dir}")
      break()
    endif()
  endforeach()
  if(NOT src)
    message(FATAL_ERROR "PGO cannot find the pgo-helper sources beside ${here}: "
      "copy the toolkit's modules/ and helper/ side by side (or an installed share/pgo/modules, which "
      "holds the sources in PGO/helper), or set PGO_HELPER to a built pgo-helper.")
  endif()

  set(bin "${CMAKE_BINARY_DIR}/_pgo/helper")
  set(exe "${bin}/pgo-helper")
  set(log "${bin}/build.log")
  # The helper runs on the host: what the environment says about the project's compiler
  # (CC=aarch64-linux-gnu-gcc, CFLAGS, a toolchain file, which CMake >= 3.21 reads from
  # CMAKE_TOOLCHAIN_FILE) must not reach its build.
  set(host_env "${CMAKE_COMMAND}" -E env --unset=CC --unset=CXX --unset=CFLAGS --unset=CXXFLAGS
    --unset=CPPFLAGS --unset=LDFLAGS --unset=CMAKE_TOOLCHAIN_FILE --unset=CMAKE_C_COMPILER_LAUNCHER)
  # One configuration, so that the helper is ${bin}/pgo-helper.
  set(generator "${CMAKE_GENERATOR}")
  if(generator STREQUAL "Ninja Multi-Config")
    set(generator Ninja)
  endif()
  if(NOT EXISTS "${bin}/CMakeCache.txt")
    message(STATUS "PGO: building pgo-helper from ${src}")
    execute_process(
      COMMAND ${host_env} "${CMAKE_COMMAND}" -S "${src}" -B "${bin}" -G "${generator}"
        "-DCMAKE_MAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}" -DCMAKE_BUILD_TYPE=Release
        -DPGO_HELPER_TESTS=OFF
      RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
    if(NOT rc EQUAL 0)
      file(WRITE "${log}" "${text}")
      message(FATAL_ERROR "PGO could not configure pgo-helper (log: ${log}):\n${text}\n"
        "A host C compiler is needed; or set PGO_HELPER to a built pgo-helper.")
    endif()
  endif()
  # A no-op when the sources did not change.
  execute_process(COMMAND ${host_env} "${CMAKE_COMMAND}" --build "${bin}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${exe}")
    file(WRITE "${log}" "${text}")
    message(FATAL_ERROR "PGO could not build pgo-helper (log: ${log}):\n${text}")
  endif()
  execute_process(COMMAND "${exe}" --version RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "PGO built ${exe}, but it does not run on this machine (${rc}): was it "
      "built with a cross compiler? Remove ${bin} to build it again with the host's C compiler, "
      "or set PGO_HELPER to a built pgo-helper.")
  endif()
  set(${out} "${exe}" PARENT_SCOPE)
endfunction()
