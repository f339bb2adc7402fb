# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: finds or builds pgo-helper.

include_guard(GLOBAL)

# The helper built from source is kept in a per-user cache, so that a new build tree
# (every CI run of a project that vendors modules/) does not build it again:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/pgo-toolkit/helper-<key>/pgo-helper
# <key> hashes the helper's sources, the host C compiler that builds it (its path and
# --version) and the host.  An entry is written whole into a private folder and renamed
# into place, so that two configures racing never see half of one; its SHA-256 is
# recorded beside it and checked on every use, and a damaged entry is built again.  The
# private folder of a configure killed before its rename is removed by the next configure.
# A cache that cannot be written (read-only HOME) only costs the build.

# Sets OUT to the cache entry of the helper built from SRC, or to "" when
# PGO_HELPER_CACHE is off or there is no cache folder (no HOME).
function(_pgo_helper_cache_entry out src)
  set(${out} "" PARENT_SCOPE)
  if(NOT PGO_HELPER_CACHE)
    return()
  endif()
  # XDG: a relative XDG_CACHE_HOME is invalid and ignored.
  if(IS_ABSOLUTE "$ENV{XDG_CACHE_HOME}")
    set(base "$ENV{XDG_CACHE_HOME}")
  elseif(IS_ABSOLUTE "$ENV{HOME}")
    set(base "$ENV{HOME}/.cache")
  else()
    return()
  endif()
  file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${src}" "${src}/CMakeLists.txt" "${src}/src/*")
  list(SORT files)
  set(text "")
  foreach(f IN LISTS files)
    file(SHA256 "${src}/${f}" h)
    string(APPEND text "${f} ${h}\n")
  endforeach()
  # The compiler CMake picks when CC is unset (CMakeDetermineCCompiler's list, in order).
  find_program(host_cc NAMES cc gcc clang NO_CACHE)
  if(host_cc)
    file(REAL_PATH "${host_cc}" host_cc)
    execute_process(COMMAND "${host_cc}" --version OUTPUT_VARIABLE version ERROR_QUIET)
    string(APPEND text "${host_cc}\n${version}")
  endif()
  string(APPEND text "${CMAKE_HOST_SYSTEM_NAME} ${CMAKE_HOST_SYSTEM_PROCESSOR} ${CMAKE_VERSION}\n")
  string(SHA256 key "${text}")
  string(SUBSTRING "${key}" 0 20 key)
  set(${out} "${base}/pgo-toolkit/helper-${key}" PARENT_SCOPE)
endfunction()

# Sets OUT to TRUE when ENTRY holds a helper whose SHA-256 is the one recorded beside it.
function(_pgo_helper_cache_valid out entry)
  set(${out} FALSE PARENT_SCOPE)
  if(EXISTS "${entry}/pgo-helper" AND EXISTS "${entry}/pgo-helper.sha256")
    file(STRINGS "${entry}/pgo-helper.sha256" recorded LIMIT_COUNT 1)
    file(SHA256 "${entry}/pgo-helper" actual)
    if(recorded STREQUAL actual)
      set(${out} TRUE PARENT_SCOPE)
    endif()
  endif()
endfunction()

# Called by the two below: takes the lock of the file PATH without waiting and sets VAR to 0
# when it holds it, until the calling function returns.  The file is made first, where a
# failure only sets VAR: file(LOCK) stops the configure when it cannot make it (a cache that
# cannot be written).
macro(_pgo_helper_try_lock var path)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E touch "${path}"
    RESULT_VARIABLE ${var} OUTPUT_QUIET ERROR_QUIET)
  if(${var} EQUAL 0)
    file(LOCK "${path}" GUARD FUNCTION TIMEOUT 0 RESULT_VARIABLE ${var})
  endif()
endmacro()

# Called by _pgo_get_helper: removes from the cache folder DIR what a configure killed in
# _pgo_helper_cache_store left there, its private folder <entry>.tmp-<tag> and the lock file
# <entry>.tmp-<tag>.lock beside it. A store holds that lock (fcntl, which the system drops
# with the process) for as long as the folder exists: a folder whose lock can be taken belongs
# to no configure still running. Not by the folder's age, which would also take the folder of
# a configure only stopped for a while (Ctrl-Z) and leave a fresh leftover for minutes; nor by
# a process id in the name, which CMake does not tell and the system reuses.
function(_pgo_helper_cache_clean dir)
  file(GLOB found LIST_DIRECTORIES true "${dir}/helper-*.tmp-*")
  list(TRANSFORM found REPLACE "\\.lock$" "")
  list(REMOVE_DUPLICATES found)
  foreach(path IN LISTS found)
    _pgo_helper_try_lock(held "${path}.lock")
    if(NOT held EQUAL 0)
      continue()   # a configure storing now (or a cache where locks fail: then nothing goes)
    endif()
    if(EXISTS "${path}")
      execute_process(COMMAND "${CMAKE_COMMAND}" -E rm -rf "${path}" OUTPUT_QUIET ERROR_QUIET)
      message(STATUS "PGO: removed ${path}, left in the helper cache by a configure that was stopped")
    endif()
    file(LOCK "${path}.lock" RELEASE)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E rm -f "${path}.lock" OUTPUT_QUIET ERROR_QUIET)
  endforeach()
endfunction()

# Puts EXE into the cache as ENTRY: written in a private folder, then renamed into
# place (a racing configure that got there first wins; its entry is as good).
function(_pgo_helper_cache_store entry exe)
  string(RANDOM LENGTH 10 tag)
  set(tmp "${entry}.tmp-${tag}")
  cmake_path(GET entry PARENT_PATH dir)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}" OUTPUT_QUIET ERROR_QUIET)
  # Held until the folder is gone, so that _pgo_helper_cache_clean leaves it alone.
  _pgo_helper_try_lock(locked "${tmp}.lock")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E make_directory "${tmp}"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(rc EQUAL 0)
    file(COPY_FILE "${exe}" "${tmp}/pgo-helper" RESULT rc)
  endif()
  if(rc EQUAL 0)
    file(SHA256 "${tmp}/pgo-helper" h)
    # file(WRITE) stops the configure on failure: echo does not.
    execute_process(COMMAND "${CMAKE_COMMAND}" -E echo "${h}"
      OUTPUT_FILE "${tmp}/pgo-helper.sha256" RESULT_VARIABLE rc ERROR_QUIET)
  endif()
  if(rc EQUAL 0)
    # A damaged entry goes first: rename() never replaces a folder that has files (and
    # CMake's NO_REPLACE does not work on folders).
    _pgo_helper_cache_valid(valid "${entry}")
    if(NOT valid)
      execute_process(COMMAND "${CMAKE_COMMAND}" -E rm -rf "${entry}" OUTPUT_QUIET ERROR_QUIET)
    endif()
    file(RENAME "${tmp}" "${entry}" RESULT rc)
    if(NOT rc EQUAL 0 AND IS_DIRECTORY "${entry}")
      set(rc 0)   # a racing configure stored it first
    endif()
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E rm -rf "${tmp}" OUTPUT_QUIET ERROR_QUIET)
  if(locked EQUAL 0)
    file(LOCK "${tmp}.lock" RELEASE)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E rm -f "${tmp}.lock" OUTPUT_QUIET ERROR_QUIET)
  endif()
  if(NOT rc EQUAL 0)
    message(STATUS "PGO: could not keep pgo-helper in the cache ${dir} (not writable?): "
      "each new build tree builds it again; -DPGO_HELPER_CACHE=OFF to not try")
  endif()
endfunction()

# Called by PGO.cmake: sets OUT to the pgo-helper to run.  PGO_HELPER wins;
# otherwise the helper comes from the cache above, or is built from source with the
# host's default C compiler (not the project's, which may be a cross compiler, nor one
# named by CC or CMAKE_TOOLCHAIN_FILE in the environment) and then cached.  Either way
# the tree runs its own copy in _pgo/helper, which no later cleaning of the cache breaks.
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

  set(PGO_HELPER_CACHE ON CACHE BOOL "Keep the pgo-helper built from source in the per-user cache (XDG_CACHE_HOME), for new build trees")
  mark_as_advanced(PGO_HELPER_CACHE)
  set(bin "${CMAKE_BINARY_DIR}/_pgo/helper")
  set(exe "${bin}/pgo-helper")
  set(log "${bin}/build.log")
  _pgo_helper_cache_entry(entry "${src}")
  if(entry)
    cmake_path(GET entry PARENT_PATH cache_dir)
    _pgo_helper_cache_clean("${cache_dir}")
    _pgo_helper_cache_valid(valid "${entry}")
    if(valid)
      file(MAKE_DIRECTORY "${bin}")
      # Only if different: an unchanged helper leaves the build's steps up to date.
      file(COPY_FILE "${entry}/pgo-helper" "${exe}" ONLY_IF_DIFFERENT RESULT rc)
      if(rc EQUAL 0)
        execute_process(COMMAND "${exe}" --version RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
      endif()
      if(rc EQUAL 0)
        message(STATUS "PGO: pgo-helper from the cache ${entry}")
        set(${out} "${exe}" PARENT_SCOPE)
        return()
      endif()
      set(valid FALSE)
    endif()
    if(EXISTS "${entry}" AND NOT valid)
      message(STATUS "PGO: the cached pgo-helper in ${entry} is damaged (its SHA-256 is not the "
        "one recorded, or it does not run): building it again")
    endif()
  endif()
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
  if(entry)
    _pgo_helper_cache_store("${entry}" "${exe}")
  endif()
  set(${out} "${exe}" PARENT_SCOPE)
endfunction()
