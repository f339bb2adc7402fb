# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: the initial cache (cmake -C) from which the trees
# this tree drives are configured (the instrumented trees, the benchmark's
# twins): this tree's cache settings, less the module's own and those that
# point into this tree.

include_guard(GLOBAL)

# The module's settings, which _pgo_write_initial_cache sets itself.
set_property(GLOBAL PROPERTY _PGO_OWN_SETTINGS PGO PGO_PROFILE PGO_HELPER PGO_VERBOSE PGO_TRAINING_ALLOW_FAILURES
  PGO_TRAINING_JOBS PGO_TRAINING_TIMEOUT PGO_INSTRUMENTED_SLOWDOWN PGO_LLVM_PROFDATA PGO_GCOV_TOOL
  PGO_TRAINING_COMMAND PGO_TRAINING_TESTS PGO_CSPGO PGO_TRAINING_SHARD PGO_TRAINING_REUSE
  PGO_SUMMARY_TOLERANCE PGO_TRAINING_TARGETS PGO_GENERALIZE_FOLDS PGO_GENERALIZE_THRESHOLD
  PGO_TRAINING_SET PGO_TRAINING_CHOICE_GOAL PGO_TEST_PROFILES_LIMIT)

# Called by _pgo_copied_entry: whether the INTERNAL cache entry NAME is the
# result of a configure check (CMake's Check* modules, try_compile, try_run,
# TestBigEndian), known by the help string those write.  The instrumented
# tree runs its checks with the same compiler and flags (the profile's flags
# are on targets, never in CMAKE_<LANG>_FLAGS), so it takes their results
# instead of compiling each check again.  Any other internal entry is the
# project's own state, and stays the tree's own.
function(_pgo_check_result_entry out name)
  get_property(doc CACHE "${name}" PROPERTY HELPSTRING)
  if(doc MATCHES "^Have (include|includes|symbol|function|library|variable|Fortran function|correct prototype for) "
     OR doc MATCHES "^CHECK_TYPE_SIZE: "
     OR doc MATCHES "^Result of (TRY_COMPILE|TRY_RUN|TEST_BIG_ENDIAN)$"
     OR doc STREQUAL "Test ${name}")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# Called by _pgo_write_initial_cache: whether cache entry NAME is copied into
# the instrumented tree.  The module's own entries (PGO_TRAINING_COMMAND_<name>
# too), CMake's internal ones
# other than configure-check results, and those pointing into this build
# tree (tree-specific paths) are not.
function(_pgo_copied_entry out name)
  get_property(type CACHE "${name}" PROPERTY TYPE)
  get_property(own GLOBAL PROPERTY _PGO_OWN_SETTINGS)
  set(copy TRUE)
  if(type STREQUAL "STATIC" OR name IN_LIST own OR name MATCHES "^(_PGO|PGO_TRAINING_COMMAND_)")
    set(copy FALSE)
  elseif(type STREQUAL "INTERNAL")
    _pgo_check_result_entry(copy "${name}")
  endif()
  if(copy)
    string(FIND "$CACHE{${name}}" "${CMAKE_BINARY_DIR}" at)
    if(NOT at EQUAL -1)
      set(copy FALSE)
    endif()
  endif()
  set(${out} ${copy} PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_optimized, _pgo_add_twin and _pgo_cold_alternatives:
# writes FILE, an initial cache (cmake -C) holding this tree's settings, so
# that both trees build the same code.
# The file changes only when a setting does; its change reconfigures.  An
# extra CS_BASE <profile> makes the tree the context-sensitive pass; WORKLOAD
# makes it run the benchmark command once (Representative.cmake).
function(_pgo_write_initial_cache file helper profile_dir)
  cmake_parse_arguments(PARSE_ARGV 3 arg "WORKLOAD" "CS_BASE" "")
  set(text "# Written by PGO.cmake for the instrumented tree: this build's cache settings.\n")
  get_cmake_property(entries CACHE_VARIABLES)
  foreach(name IN LISTS entries)
    _pgo_copied_entry(copy "${name}")
    if(NOT copy)
      continue()
    endif()
    get_property(type CACHE "${name}" PROPERTY TYPE)
    get_property(doc CACHE "${name}" PROPERTY HELPSTRING)
    if(type STREQUAL "UNINITIALIZED")
      set(type STRING)   # given on the command line without a type
    endif()
    string(REPLACE "]==]" "]=]" doc "${doc}")
    # The cache value, not the variable: this runs at the end of the
    # top-level directory, where a project's set(CMAKE_C_FLAGS "${CMAKE_C_FLAGS}
    # -Werror") has shadowed the entry; copying that would apply the
    # project's additions twice in the instrumented tree (duplicate
    # --version-script, configure checks failing under -Werror).
    string(APPEND text "set(${name} [==[$CACHE{${name}}]==] CACHE ${type} [==[${doc}]==] FORCE)\n")
  endforeach()
  string(APPEND text
    "set(PGO INSTRUMENT CACHE STRING \"\" FORCE)\n"
    "set(PGO_PROFILE \"\" CACHE FILEPATH \"\" FORCE)\n"
    "set(PGO_HELPER [==[${helper}]==] CACHE FILEPATH \"\" FORCE)\n"
    "set(_PGO_PROFILE_DIR [==[${profile_dir}]==] CACHE INTERNAL \"\")\n"
    "set(_PGO_CS_BASE [==[${arg_CS_BASE}]==] CACHE INTERNAL \"\")\n")
  _pgo_workload_cache_lines(workload_lines "${arg_WORKLOAD}")
  string(APPEND text "${workload_lines}")
  # PGO_LTO: the check's outcome (Lto.cmake), the same in every tree.
  get_property(lto_used GLOBAL PROPERTY _PGO_LTO_USED)
  if(NOT lto_used STREQUAL "")
    get_property(lto_why GLOBAL PROPERTY _PGO_LTO_WHY)
    string(APPEND text "set(_PGO_LTO_DECIDED ${lto_used} CACHE INTERNAL \"\")\n"
      "set(_PGO_LTO_WHY [==[${lto_why}]==] CACHE INTERNAL \"\")\n")
  endif()
  get_property(passed GLOBAL PROPERTY _PGO_OWN_SETTINGS)
  # The stages of the optimized tree: the instrumented trees have no use for them, and
  # turning one on or off must not configure them again.
  list(REMOVE_ITEM passed PGO PGO_PROFILE PGO_HELPER PGO_CSPGO PGO_TRAINING_SHARD PGO_BOLT PGO_LLVM_BOLT
    PGO_MERGE_FDATA PGO_GUARD PGO_REPRESENTATIVE PGO_REPRESENTATIVE_THRESHOLD PGO_COLD_POLICY
    PGO_GENERALIZE_FOLDS PGO_GENERALIZE_THRESHOLD PGO_TRAINING_CHOICE_GOAL)
  if(arg_CS_BASE)
    # The context-sensitive pass inlines as the optimized compiles will.
    list(APPEND passed PGO_COLD_POLICY)
  endif()
  foreach(name IN LISTS passed)
    string(APPEND text "set(${name} [==[${${name}}]==] CACHE STRING \"\" FORCE)\n")
  endforeach()
  _pgo_training_command_names(commands)   # Training.cmake
  string(APPEND text "set(_PGO_TRAINING_COMMAND_NAMES [==[${commands}]==] CACHE INTERNAL \"\")\n")
  foreach(name IN LISTS commands)
    string(APPEND text "set(PGO_TRAINING_COMMAND_${name} [==[${PGO_TRAINING_COMMAND_${name}}]==] "
      "CACHE STRING \"\" FORCE)\n")
  endforeach()
  # pgo-helper stamps learns from here which objects each source becomes;
  # with GCC the report compiles some of them again for their notes
  # (report_gcc_notes.c), and reads how from here too.
  string(APPEND text "set(CMAKE_EXPORT_COMPILE_COMMANDS ON CACHE BOOL \"\" FORCE)\n")
  _pgo_multiconfig_cache(text)   # Ninja Multi-Config: the configuration PGO only
  # configure_file, not file(WRITE): CMake then knows the build tree's file as its own
  # output, and Ninja under a project's CMP0058 OLD (cmake_minimum_required below 3.3)
  # does not warn about a custom command that depends on it. It rewrites the file only
  # when its text changes, so that the instrumented tree configures again only then.
  file(WRITE "${file}.in" "${text}")
  configure_file("${file}.in" "${file}" COPYONLY)
endfunction()
