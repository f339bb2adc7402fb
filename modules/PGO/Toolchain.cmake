# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: the compiler, its profile tools and its flags.

include_guard(GLOBAL)

# Called by PGO.cmake: reads the PGO cache variable into OFF, ON or INSTRUMENT.
function(_pgo_normalize_mode out)
  string(TOUPPER "${PGO}" value)
  if(value STREQUAL "INSTRUMENT")
    set(mode INSTRUMENT)
  elseif(value STREQUAL "")
    set(mode OFF)
  elseif(value MATCHES "^(ON|YES|TRUE|Y|1)$")
    set(mode ON)
  elseif(value MATCHES "^(OFF|NO|FALSE|N|0)$")
    set(mode OFF)
  else()
    message(FATAL_ERROR "PGO is '${PGO}': set it to OFF, ON (optimized build) or INSTRUMENT (instrumented build).")
  endif()
  set(${out} ${mode} PARENT_SCOPE)
endfunction()

# Called by _pgo_finalize with the languages the PGO targets compile, and by
# pgo_check_supported with those of the targets so far
# (_pgo_compiled_languages): their compilers must be one supported family of
# one major version, whose profiles one tool merges.  An enabled language
# that compiles nothing does not count; with nothing compiled, the enabled
# ones do.  Sets the global properties _PGO_COMPILER (clang or gcc),
# _PGO_COMPILER_PATH and _PGO_COMPILER_MAJOR.
function(_pgo_check_toolchain compiled)
  get_property(enabled GLOBAL PROPERTY ENABLED_LANGUAGES)
  set(langs "${compiled}")
  if(NOT langs)
    foreach(lang IN ITEMS C CXX)
      if(lang IN_LIST enabled)
        list(APPEND langs ${lang})
      endif()
    endforeach()
  endif()
  if(NOT langs)
    _pgo_unsupported("PGO needs the C or CXX language: include(PGO) after a project() call that enables C or CXX.")
    return()
  endif()
  set(family "")
  foreach(lang IN LISTS langs)
    set(id "${CMAKE_${lang}_COMPILER_ID}")
    set(version "${CMAKE_${lang}_COMPILER_VERSION}")
    string(REGEX MATCH "^[0-9]+" major "${version}")
    if(id STREQUAL "GNU" AND major GREATER_EQUAL 12)
      set(this gcc)
    elseif(id STREQUAL "Clang" AND major GREATER_EQUAL 14)
      set(this clang)
    else()
      _pgo_unsupported("PGO needs GCC >= 12 or Clang >= 14, but the ${lang} compiler is "
        "${id} ${version} (${CMAKE_${lang}_COMPILER}). Choose another compiler in a new build "
        "directory, e.g. CC=gcc-12 CXX=g++-12 or CC=clang-14 CXX=clang++-14, or configure with -DPGO=OFF.")
      return()
    endif()
    if(family AND NOT family STREQUAL this)
      _pgo_unsupported("PGO needs the C and C++ compilers of one family, but C is "
        "${CMAKE_C_COMPILER_ID} ${CMAKE_C_COMPILER_VERSION} and C++ is ${CMAKE_CXX_COMPILER_ID} "
        "${CMAKE_CXX_COMPILER_VERSION}: their profiles cannot be merged. Pick matching CC and CXX.")
      return()
    endif()
    if(family AND NOT major STREQUAL family_major)
      _pgo_unsupported("PGO needs the C and C++ compilers of one major version, but C is "
        "${CMAKE_C_COMPILER_ID} ${CMAKE_C_COMPILER_VERSION} and C++ is ${CMAKE_CXX_COMPILER_ID} "
        "${CMAKE_CXX_COMPILER_VERSION}: no one profile tool merges and no one compiler reads "
        "both profiles. Pick CC and CXX of one version.")
      return()
    endif()
    if(NOT family)
      set(family ${this})
      set(family_major ${major})
      set_property(GLOBAL PROPERTY _PGO_COMPILER ${this})
      set_property(GLOBAL PROPERTY _PGO_COMPILER_PATH "${CMAKE_${lang}_COMPILER}")
      set_property(GLOBAL PROPERTY _PGO_COMPILER_MAJOR ${major})
    endif()
  endforeach()
endfunction()

# Called by PGO.cmake and pgo_check_supported: Ninja, Unix Makefiles, and Ninja Multi-Config within
# the limits of _pgo_multiconfig_check.  The other generators (Visual Studio,
# Xcode) have no compiler launcher and no object-level dependencies.
function(_pgo_check_generator)
  if(CMAKE_GENERATOR STREQUAL "Ninja Multi-Config")
    _pgo_multiconfig_check()
  elseif(NOT CMAKE_GENERATOR MATCHES "^(Ninja|Unix Makefiles)$")
    _pgo_unsupported("PGO supports the Ninja, Ninja Multi-Config and Unix Makefiles generators, not '${CMAKE_GENERATOR}'. "
      "Configure a new build directory with -G Ninja or -G \"Unix Makefiles\".")
    return()
  endif()
endfunction()

# Called by _pgo_find_profile_tool: the major version a tool prints with ARGS.
function(_pgo_tool_major out tool)
  execute_process(COMMAND "${tool}" ${ARGN} OUTPUT_VARIABLE text ERROR_VARIABLE text
    RESULT_VARIABLE rc)
  set(major "")
  if(rc EQUAL 0 AND text MATCHES "(LLVM version|gcov-tool[^\n]*\\)) ([0-9]+)\\.")
    set(major "${CMAKE_MATCH_2}")
  endif()
  set(${out} "${major}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_instrumented, _pgo_setup_optimized,
# _pgo_check_instrumentation and pgo_check_supported: finds the tool
# that merges profiles (llvm-profdata or gcov-tool) of the compiler's major
# version and caches it in PGO_LLVM_PROFDATA or PGO_GCOV_TOOL.
function(_pgo_find_profile_tool out)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(cc GLOBAL PROPERTY _PGO_COMPILER_PATH)
  get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
  if(compiler STREQUAL "clang")
    set(var PGO_LLVM_PROFDATA)
    set(name llvm-profdata)
    set(version_args merge --version)   # llvm-profdata 14 has no top-level --version
    set(package "llvm-${major} (it ships llvm-profdata)")
  else()
    set(var PGO_GCOV_TOOL)
    set(name gcov-tool)
    set(version_args --version)
    set(package "gcc-${major} (it ships gcov-tool-${major})")
  endif()
  # A cross GCC's tools carry its target's prefix (aarch64-linux-gnu-gcov-tool-12),
  # which -print-prog-name does not give; they come before the host's own.
  set(names ${name}-${major})
  if(compiler STREQUAL "gcc" AND CMAKE_CROSSCOMPILING)
    execute_process(COMMAND "${cc}" -dumpmachine OUTPUT_VARIABLE triple
      OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(triple)
      set(names ${triple}-${name}-${major} ${triple}-${name} ${names})
      set(package "gcc-${major}-${triple} (it ships ${triple}-${name}-${major})")
    endif()
  endif()

  set(candidates "")
  if(${var})
    set(candidates "${${var}}")
  else()
    execute_process(COMMAND "${cc}" -print-prog-name=${name} OUTPUT_VARIABLE beside
      OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    get_filename_component(ccdir "${cc}" DIRECTORY)
    # The tool runs on the host: a toolchain file's CMAKE_FIND_ROOT_PATH does not apply.
    find_program(_pgo_tool_versioned NAMES ${names}
      HINTS "${ccdir}" "/usr/lib/llvm-${major}/bin" NO_CACHE NO_CMAKE_FIND_ROOT_PATH)
    find_program(_pgo_tool_plain NAMES ${name} HINTS "${ccdir}" NO_CACHE NO_CMAKE_FIND_ROOT_PATH)
    foreach(c IN ITEMS "${beside}" "${_pgo_tool_versioned}" "${_pgo_tool_plain}")
      if(c AND IS_ABSOLUTE "${c}" AND EXISTS "${c}")
        list(APPEND candidates "${c}")
      endif()
    endforeach()
  endif()

  set(seen "")
  foreach(tool IN LISTS candidates)
    _pgo_tool_major(tool_major "${tool}" ${version_args})
    if(tool_major STREQUAL major)
      set(${var} "${tool}" CACHE FILEPATH "The ${name} that merges profiles (major version ${major}, as the compiler)" FORCE)
      mark_as_advanced(${var})
      set(${out} "${tool}" PARENT_SCOPE)
      return()
    endif()
    if(NOT tool_major)
      set(tool_major "unknown")
    endif()
    list(APPEND seen "${tool} (version ${tool_major})")
  endforeach()

  if(${var} AND tool_major STREQUAL "unknown" AND EXISTS "${${var}}" AND NOT IS_DIRECTORY "${${var}}")
    # It runs, or is a file at least, but says no version: another program.
    list(JOIN version_args " " shown)
    if(name STREQUAL "llvm-profdata")
      set(name "an ${name}")
    else()
      set(name "a ${name}")
    endif()
    _pgo_unsupported("${var} is '${${var}}', which is not ${name}: "
      "'${${var}} ${shown}' names no version. Install ${package} or clear ${var} to let PGO find one.")
  elseif(${var} AND tool_major STREQUAL "unknown")
    _pgo_unsupported("${var} is '${${var}}', which does not exist or does not run. "
      "Install ${package} or clear ${var} to let PGO find one.")
  elseif(${var})
    _pgo_unsupported("${var} is '${${var}}', of major version ${tool_major}, but the compiler ${cc} "
      "is version ${major}: profiles only merge with the tool of the compiler's version. "
      "Set ${var} to ${name}-${major}, or clear it to let PGO find one.")
  endif()
  if(${var})
    return()   # said above
  endif()
  list(JOIN seen ", " seen)
  if(NOT seen)
    set(seen "none")
  endif()
  _pgo_unsupported("PGO needs ${name} of major version ${major} to merge the profiles of ${cc}; "
    "found: ${seen}. Install ${package} or pass -D${var}=<path>.")
endfunction()

# Called by _pgo_apply_flags: the compile and link options of MODE
# (INSTRUMENT, CSINSTRUMENT or USE) for the current compiler family.
#   RAW_DIR   where an instrumented program writes its raw profile by default
#   PROFILE   the merged profile an optimized compile reads (CSINSTRUMENT:
#             the first pass's profile, under which the context-sensitive
#             counters are placed, after inlining)
function(_pgo_mode_flags mode compile_out link_out)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "RAW_DIR;PROFILE" "")
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  # Profile warnings come as -Wbackend-plugin notes: keep them visible for
  # the summary but never let a user's -Werror turn them into errors.
  set(clang_use "-fprofile-use=${arg_PROFILE}" "-Wno-error=backend-plugin"
    "-Wno-error=profile-instr-out-of-date" "-Wno-error=profile-instr-unprofiled")
  # Clang names a static function's counters "<source path>;<name>", the path as on the
  # compile line.  The names stay so: a name mapping here (-static-func-strip-dirname-prefix)
  # cost ThinLTO its promotion of indirect calls to static functions.  A profile made in a
  # checkout at another path is renamed when it is brought in (Given.cmake, merge_rename.c).
  if(compiler STREQUAL "clang" AND mode STREQUAL "INSTRUMENT")
    set(compile "-fprofile-generate=${arg_RAW_DIR}")
    set(link "-fprofile-generate=${arg_RAW_DIR}")
  elseif(compiler STREQUAL "clang" AND mode STREQUAL "CSINSTRUMENT")
    # Cold call sites inlined as the optimized compile will inline them: the
    # context-sensitive counters are placed after inlining.
    _pgo_cold_flags(cold COMPILE clang)
    set(compile ${clang_use} "-fcs-profile-generate=${arg_RAW_DIR}" ${cold})
    set(link "-fprofile-use=${arg_PROFILE}" "-fcs-profile-generate=${arg_RAW_DIR}")
  elseif(compiler STREQUAL "clang")
    _pgo_cold_flags(cold COMPILE clang)   # ColdCode.cmake: PGO_COLD_POLICY
    set(compile ${clang_use} "SHELL:-mllvm -pgo-warn-missing-function" ${cold})
    set(link "-fprofile-use=${arg_PROFILE}")
  elseif(mode STREQUAL "INSTRUMENT")
    # .gcda files are named after the object's absolute path: strip this
    # tree's prefix so that both trees agree on the names.
    set(compile "-fprofile-generate=${arg_RAW_DIR}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}")
    set(link "-fprofile-generate=${arg_RAW_DIR}")
  else()
    _pgo_cold_flags(cold COMPILE gcc)
    set(compile "-fprofile-use=${arg_PROFILE}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}"
      "-fprofile-correction" "-Wmissing-profile" "-Wno-error=missing-profile"
      "-Wno-error=coverage-mismatch" ${cold})
    set(link "-fprofile-use=${arg_PROFILE}" ${cold})
  endif()
  set(${compile_out} "${compile}" PARENT_SCOPE)
  set(${link_out} "${link}" PARENT_SCOPE)
endfunction()
