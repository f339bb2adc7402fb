# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: the configure-time check that the compiler can
# build instrumented programs, the way check_ipo_supported checks LTO.  A
# Clang without its profile runtime, or a GCC whose gcov-tool cannot read what
# its programs write, is said here instead of by the instrumented tree's linker.

include_guard(GLOBAL)

# Called by _pgo_finalize and pgo_check_supported: for each language in LANGS, compiles, links and (unless
# cross-compiling without an emulator) runs a tiny program with the instrumented
# tree's flags, then has the profile tool read the raw profile it wrote.  A success is
# cached, keyed by the compiler, its version, the flags and the tool; a failure never is,
# so that installing what was missing and configuring again works.
function(_pgo_check_instrumentation langs)
  get_property(mode GLOBAL PROPERTY _PGO_MODE)
  # A given profile instruments nothing; an instrumented tree driven by an optimized
  # one was checked there, with the same compiler and flags.
  if((mode STREQUAL "ON" AND PGO_PROFILE) OR _PGO_PROFILE_DIR)
    return()
  endif()
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  _pgo_find_profile_tool(tool)
  if(NOT tool)
    return()   # _pgo_unsupported said why
  endif()
  set(dir "${CMAKE_BINARY_DIR}/CMakeFiles/_pgo_check")
  _pgo_mode_flags(INSTRUMENT flags_given link_flags RAW_DIR "${dir}/raw")
  # As target options: "SHELL:" holds several words.
  set(compile_flags "")
  foreach(f IN LISTS flags_given)
    if(f MATCHES "^SHELL:(.*)")
      separate_arguments(words UNIX_COMMAND "${CMAKE_MATCH_1}")
      list(APPEND compile_flags ${words})
    else()
      list(APPEND compile_flags "${f}")
    endif()
  endforeach()
  string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  foreach(lang IN LISTS langs)
    set(cc "${CMAKE_${lang}_COMPILER}")
    set(args ${CMAKE_${lang}_COMPILER_ARG1})
    if(CMAKE_${lang}_COMPILER_TARGET AND compiler STREQUAL "clang")
      list(APPEND args "--target=${CMAKE_${lang}_COMPILER_TARGET}")
    endif()
    if(CMAKE_SYSROOT)
      list(APPEND args "--sysroot=${CMAKE_SYSROOT}")
    endif()
    separate_arguments(flags UNIX_COMMAND
      "${CMAKE_${lang}_FLAGS} ${CMAKE_${lang}_FLAGS_${config}} ${CMAKE_EXE_LINKER_FLAGS} ${CMAKE_EXE_LINKER_FLAGS_${config}}")
    set(suffix c)
    if(lang STREQUAL "CXX")
      set(suffix cpp)
    endif()
    set(command "${cc}" ${args} ${flags} ${compile_flags} ${link_flags}
      "${dir}/main.${suffix}" -o "${dir}/main")
    set(emulator "")
    if(CMAKE_CROSSCOMPILING)
      set(emulator ${CMAKE_CROSSCOMPILING_EMULATOR})
    endif()
    string(MD5 key "${CMAKE_${lang}_COMPILER_ID} ${CMAKE_${lang}_COMPILER_VERSION} ${command} | ${emulator} | ${tool}")
    if("$CACHE{_PGO_INSTRUMENT_CHECKED_${lang}}" STREQUAL key)
      continue()
    endif()
    unset(_PGO_INSTRUMENT_CHECKED_${lang} CACHE)
    _pgo_try_instrumented("${lang}" "${dir}" "${suffix}" "${tool}" "${command}" "${emulator}" what)
    set(who "the ${lang} compiler ${CMAKE_${lang}_COMPILER_ID} ${CMAKE_${lang}_COMPILER_VERSION} (${cc})")
    if(what)
      _pgo_instrumentation_fix(fix "${lang}" "${what}")
      _pgo_unsupported("PGO: ${who} cannot build working instrumented programs. ${what}\n"
        "${fix}")
      file(REMOVE_RECURSE "${dir}")
      return()
    endif()
    if(CMAKE_CROSSCOMPILING AND NOT emulator)
      message(STATUS "PGO: instrumented ${lang} programs link (not run: cross-compiling without "
        "CMAKE_CROSSCOMPILING_EMULATOR) - ${CMAKE_${lang}_COMPILER_ID} ${CMAKE_${lang}_COMPILER_VERSION}")
    else()
      message(STATUS "PGO: instrumented ${lang} programs build, run and write a profile that "
        "${tool} reads - ${CMAKE_${lang}_COMPILER_ID} ${CMAKE_${lang}_COMPILER_VERSION}")
    endif()
    set(_PGO_INSTRUMENT_CHECKED_${lang} "${key}" CACHE INTERNAL
      "Hash of the compiler, flags and tool with which instrumented ${lang} programs worked")
  endforeach()
  file(REMOVE_RECURSE "${dir}")
endfunction()

# Called by _pgo_check_instrumentation: one try in DIR.  Sets OUT to what failed,
# with the tool's own words, or to nothing.
function(_pgo_try_instrumented lang dir suffix tool command emulator out)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  file(REMOVE_RECURSE "${dir}")
  file(WRITE "${dir}/main.${suffix}"
    "static int f(int n) { return n > 1 ? n * f(n - 1) : 1; }\n"
    "int main(int argc, char **argv) { (void)argv; return f(argc) == 1 ? 0 : 1; }\n")
  execute_process(COMMAND ${command} WORKING_DIRECTORY "${dir}"
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    _pgo_quote(text "${text}")
    string(CONCAT text "Compiling and linking a test program with ${CMAKE_${lang}_COMPILER_ID}'s "
      "profile instrumentation failed (${rc}):\n${text}")
    set(${out} "${text}" PARENT_SCOPE)
    return()
  endif()
  if(CMAKE_CROSSCOMPILING AND NOT emulator)
    return()   # linked: nothing here can run it
  endif()
  # The variables a user may have set would send the profile elsewhere.
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env --unset=LLVM_PROFILE_FILE --unset=GCOV_PREFIX
      --unset=GCOV_PREFIX_STRIP ${emulator} "${dir}/main"
    WORKING_DIRECTORY "${dir}" TIMEOUT 60
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    _pgo_quote(text "${text}")
    set(${out} "The instrumented test program ${dir}/main failed to run (${rc}):\n${text}" PARENT_SCOPE)
    return()
  endif()
  if(compiler STREQUAL "clang")
    file(GLOB raw "${dir}/raw/*.profraw")
    set(read "${tool}" merge -o "${dir}/check.profdata" ${raw})
  else()
    file(GLOB_RECURSE raw "${dir}/raw/*.gcda")
    set(read "${tool}" rewrite -o "${dir}/rewritten" "${dir}/raw")
  endif()
  if(NOT raw)
    set(${out} "The instrumented test program ran but wrote no raw profile in ${dir}/raw." PARENT_SCOPE)
    return()
  endif()
  execute_process(COMMAND ${read} OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  # gcov-tool rewrite exits 0 even on a file it cannot read: what it wrote says it.
  set(read_back TRUE)
  if(compiler STREQUAL "gcc")
    file(GLOB_RECURSE read_back "${dir}/rewritten/*.gcda")
  endif()
  if(NOT rc EQUAL 0 OR NOT read_back)
    _pgo_quote(text "${text}")
    list(JOIN read " " shown)
    set(${out} "The test program's raw profile cannot be read: '${shown}' said (${rc}):\n${text}" PARENT_SCOPE)
  endif()
endfunction()

# Called by _pgo_try_instrumented and _pgo_lto_supported: TEXT's last lines
# (12, or the optional MAX), indented, for a message.
function(_pgo_quote out text)
  set(max 12)
  if(ARGC GREATER 2)
    set(max ${ARGV2})
  endif()
  string(STRIP "${text}" text)
  string(REGEX REPLACE "\n" ";" lines "${text}")
  list(LENGTH lines n)
  if(n GREATER max)
    math(EXPR from "${n} - ${max}")
    list(SUBLIST lines ${from} ${max} lines)
  endif()
  list(JOIN lines "\n    " text)
  set(${out} "    ${text}" PARENT_SCOPE)
endfunction()

# Called by _pgo_check_instrumentation: the fix for what failed (WHAT).
function(_pgo_instrumentation_fix out lang what)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  string(REGEX MATCH "^[0-9]+" major "${CMAKE_${lang}_COMPILER_VERSION}")
  set(other "or configure with -DPGO=OFF, or choose another compiler in a new build directory "
    "(-DCMAKE_${lang}_COMPILER=...).")
  string(JOIN "" other ${other})
  if(compiler STREQUAL "clang" AND what MATCHES "libclang_rt\\.profile")
    if(CMAKE_CROSSCOMPILING)
      set(fix "The target's Clang profile runtime (libclang_rt.profile) is not installed: install it "
        "(for Debian, the package libclang-rt-${major}-dev of the target's architecture), "
        "or cross-compile with GCC, ${other}")
    else()
      set(fix "Clang's profile runtime (libclang_rt.profile) is not installed: install the Debian "
        "package libclang-rt-${major}-dev (clang-${major} does not depend on it), ${other}")
    endif()
  elseif(compiler STREQUAL "clang")
    set(fix "Check that Clang's profile runtime (Debian: libclang-rt-${major}-dev) and "
      "llvm-${major} are installed, ${other}")
  else()
    set(fix "Check that GCC's profile runtime (libgcov, in Debian's libgcc-${major}-dev) and "
      "gcov-tool-${major} come from the same GCC, ${other}")
  endif()
  string(JOIN "" fix ${fix})
  set(${out} "${fix}" PARENT_SCOPE)
endfunction()
