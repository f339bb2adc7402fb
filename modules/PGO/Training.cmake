# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: the instrumented tree (PGO=INSTRUMENT), its
# training and the merge of its raw profiles.

include_guard(GLOBAL)

# Called by _pgo_setup_instrumented and _pgo_setup_optimized: where the
# merged profile of a tree lives.  PROFILE is what the compiler reads; DEP is
# the file whose change recompiles (GCC's profile is a directory, so a stamp
# of its content stands for it).  With CS, the profile of both passes of
# PGO_CSPGO (Clang only).
function(_pgo_profile_paths dir profile_out dep_out)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  if(ARGN STREQUAL "CS")
    set(${profile_out} "${dir}/profile-cs.profdata" PARENT_SCOPE)
    set(${dep_out} "${dir}/profile-cs.profdata" PARENT_SCOPE)
  elseif(compiler STREQUAL "clang")
    set(${profile_out} "${dir}/profile.profdata" PARENT_SCOPE)
    set(${dep_out} "${dir}/profile.profdata" PARENT_SCOPE)
  else()
    # A symlink to a folder named after its content, swapped atomically.
    set(${profile_out} "${dir}/gcda/profile" PARENT_SCOPE)
    set(${dep_out} "${dir}/profile.stamp" PARENT_SCOPE)
  endif()
endfunction()

# Called by _pgo_check_settings, _pgo_add_command_training, _pgo_write_initial_cache
# and PGO.cmake: the <name>s of the non-empty PGO_TRAINING_COMMAND_<name> settings,
# sorted.  A tree that another configures takes the list that tree wrote
# (_PGO_TRAINING_COMMAND_NAMES): a setting removed there stays in this tree's cache,
# but not in the list.
function(_pgo_training_command_names out)
  if(DEFINED _PGO_TRAINING_COMMAND_NAMES)
    set(${out} "${_PGO_TRAINING_COMMAND_NAMES}" PARENT_SCOPE)
    return()
  endif()
  get_cmake_property(vars VARIABLES)
  set(names "")
  foreach(var IN LISTS vars)
    if(NOT var MATCHES "^PGO_TRAINING_COMMAND_(.*)$" OR "${${var}}" STREQUAL "")
      continue()
    endif()
    set(name "${CMAKE_MATCH_1}")
    if(NOT name MATCHES "^[A-Za-z0-9_.-]+$")
      message(FATAL_ERROR "${var}: the name after PGO_TRAINING_COMMAND_ names the training "
        "test pgo-training-command-<name>, and may hold only letters, digits, '_', '.' and "
        "'-'. Rename the setting (and -U${var} to drop this one).")
    endif()
    list(APPEND names "${name}")
  endforeach()
  list(REMOVE_DUPLICATES names)
  list(SORT names)
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# Called by _pgo_finalize: PGO_TRAINING_COMMAND becomes the training test
# pgo-training-command, and each PGO_TRAINING_COMMAND_<name> the test
# pgo-training-command-<name>, run in the build tree, for projects that cannot be
# edited.  Several tests rather than one command: they train side by side, the
# summary tells what each adds, and PGO_TRAINING_REUSE reruns only those an edit
# touched.  A first word may name an executable target, as in add_test.
function(_pgo_add_command_training)
  set(tests "")
  if(NOT PGO_TRAINING_COMMAND STREQUAL "")
    list(APPEND tests pgo-training-command PGO_TRAINING_COMMAND)
  endif()
  _pgo_training_command_names(names)
  foreach(name IN LISTS names)
    list(APPEND tests pgo-training-command-${name} PGO_TRAINING_COMMAND_${name})
  endforeach()
  while(tests)
    list(POP_FRONT tests test var)
    separate_arguments(command UNIX_COMMAND "${${var}}")
    # Testing is enabled in the top-level directory by PGO.cmake: an
    # enable_testing() here would only set a variable of this function's scope.
    add_test(NAME ${test} COMMAND ${command} WORKING_DIRECTORY "${CMAKE_BINARY_DIR}")
    set_property(TEST ${test} APPEND PROPERTY LABELS pgo-training)
    set_property(GLOBAL APPEND PROPERTY _PGO_TRAINING_MANIFEST
      "${test}: ${${var}} (in ${CMAKE_BINARY_DIR})")
  endwhile()
endfunction()

# Called by _pgo_setup_instrumented with PGO_TRAINING_REUSE: the options of
# pgo-helper train that rerun only the tests an edit touched.  The helper
# learns the instrumented objects from compile_commands.json, and with Clang
# reads what each test ran with llvm-profdata and the functions of a changed
# object with llvm-nm.
function(_pgo_training_reuse_args out tool inputs)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  if(NOT CMAKE_EXPORT_COMPILE_COMMANDS)
    # Targets take it when they are made: too late to set it here.  A PGO=ON
    # tree sets it for its instrumented tree.
    message(WARNING "PGO_TRAINING_REUSE reads compile_commands.json: configure this tree with "
      "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or every training test runs after every edit.")
  endif()
  set(args --reuse --compile-db "${CMAKE_BINARY_DIR}/compile_commands.json")
  if(compiler STREQUAL "clang")
    _pgo_find_lto_nm(nm "${tool}")   # Report.cmake
    if(NOT nm)
      message(WARNING "PGO_TRAINING_REUSE: no llvm-nm beside ${tool}, so every training test "
        "runs after every edit. Install the llvm package of your Clang's version.")
      set(${out} "" PARENT_SCOPE)
      return()
    endif()
    list(APPEND args --tool "${tool}" --nm "${nm}")
  endif()
  foreach(input IN LISTS inputs)
    list(APPEND args --reuse-input "${input}")
  endforeach()
  set(${out} "${args}" PARENT_SCOPE)
endfunction()

# Called by _pgo_finalize in an instrumented tree.
function(_pgo_setup_instrumented targets)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  set(dir "${CMAKE_BINARY_DIR}/_pgo")
  set(raw "${dir}/raw")
  set(manual "${dir}/manual")
  file(MAKE_DIRECTORY "${manual}")
  _pgo_find_profile_tool(tool)
  # _PGO_CS_BASE: this tree is the context-sensitive pass of PGO_CSPGO, driven
  # by an optimized tree; it compiles with the first pass's profile.
  if(_PGO_CS_BASE)
    _pgo_apply_flags(taken CSINSTRUMENT "${targets}" RAW_DIR "${manual}" PROFILE "${_PGO_CS_BASE}")
    _pgo_objects_depend_on("${_PGO_CS_BASE}" "${taken}")
  else()
    _pgo_apply_flags(taken INSTRUMENT "${targets}" RAW_DIR "${manual}")
  endif()
  if(NOT taken)
    message(FATAL_ERROR "PGO found no C or C++ target to instrument: include(PGO) is in a project "
      "whose executables and libraries are all excluded (PGO_EXCLUDE) or that has none.")
  endif()
  # Threads race on plain counters: atomic ones where a target links threads.
  _pgo_atomic_counters(atomic atomic_link "${taken}")
  if(atomic)
    _pgo_config_only(atomic)
    _pgo_config_only(atomic_link)
    foreach(t IN LISTS taken)
      target_compile_options(${t} PRIVATE "$<$<COMPILE_LANGUAGE:C,CXX>:${atomic}>")
      _pgo_target_links(links ${t})
      if(links)
        target_link_options(${t} PRIVATE ${atomic_link})
      endif()
    endforeach()
  endif()

  # In a tree driven by an optimized tree (PGO=ON) the merged profile goes
  # straight to where the optimized compiles read it.
  if(_PGO_CS_BASE)
    _pgo_profile_paths("${_PGO_PROFILE_DIR}" profile dep CS)
  elseif(_PGO_PROFILE_DIR)
    _pgo_profile_paths("${_PGO_PROFILE_DIR}" profile dep)
  else()
    _pgo_profile_paths("${dir}" profile dep)
  endif()

  get_property(manifest GLOBAL PROPERTY _PGO_TRAINING_MANIFEST)
  get_property(inputs GLOBAL PROPERTY _PGO_TRAINING_DEPENDS)
  if(NOT PGO_TRAINING_SET STREQUAL "")
    # The set replaces the labelled tests: the sidecar records which trained.
    list(JOIN PGO_TRAINING_SET ", " set)
    list(APPEND manifest "PGO_TRAINING_SET: ${set}")
  endif()
  list(JOIN manifest "\n" manifest)
  file(GENERATE OUTPUT "${dir}/training.txt" CONTENT "${manifest}\n")

  # What the training and the workload's run (Representative.cmake) share.
  set(run "${helper}" train --build-dir "${CMAKE_BINARY_DIR}" --compiler ${compiler}
    --ctest "${CMAKE_CTEST_COMMAND}")
  set(merge_with "${helper}" merge --compiler ${compiler} --tool "${tool}")
  if(PGO_TRAINING_JOBS GREATER 0)
    list(APPEND run --jobs ${PGO_TRAINING_JOBS})
  endif()
  math(EXPR timeout "${PGO_TRAINING_TIMEOUT} * ${PGO_INSTRUMENTED_SLOWDOWN}")
  list(APPEND run --timeout ${timeout})
  _pgo_multi_config(multi)
  if(multi)
    list(APPEND run --config PGO)   # a tree driven by a Ninja Multi-Config one
  endif()
  if(compiler STREQUAL "gcc")
    # .gcda files land under RAW_DIR/<mangled object path>; the helper moves
    # each test's files into a folder of its own by stripping RAW_DIR.
    file(REAL_PATH "${manual}" real)
    string(REGEX MATCHALL "[^/]+" parts "${real}")
    list(LENGTH parts strip)
    list(APPEND run --gcov-strip ${strip})
  endif()
  if(PGO_VERBOSE)
    list(APPEND run -v)
    list(APPEND merge_with -v)
  endif()

  set(train ${run} --raw-dir "${raw}")
  set(merge ${merge_with} --raw-dir "${raw}" --output "${profile}")
  if(NOT PGO_SUMMARY_TOLERANCE STREQUAL "" AND NOT _PGO_CS_BASE)
    list(APPEND merge --summary-tolerance "${PGO_SUMMARY_TOLERANCE}")
  endif()
  # pgo_add_training(... WEIGHT n), PGO_TRAINING_SET: counts of test NAME count n times.
  _pgo_training_weight_args(weight_args)   # TrainingSet.cmake
  list(APPEND merge ${weight_args})
  # The tests' own folders stay for summary -v, within PGO_TEST_PROFILES_LIMIT.
  list(APPEND merge --test-profiles-limit ${PGO_TEST_PROFILES_LIMIT})
  # PGO_TRAINING_SET: the tests named replace the training.
  _pgo_training_set_args(set_train set_merge)   # TrainingSet.cmake
  if(_PGO_CS_BASE)
    # The final profile holds both passes: the context-sensitive counts only
    # refine the first pass's.
    list(APPEND merge --base "${_PGO_CS_BASE}")
    list(APPEND inputs "${_PGO_CS_BASE}")
  endif()
  set(byproducts "${profile}")
  if(compiler STREQUAL "gcc")
    list(APPEND merge --stamp "${dep}")
    set(byproducts "${dep}")
  endif()
  if(PGO_TRAINING_ALLOW_FAILURES)
    list(APPEND train --allow-failures)
  endif()
  if(NOT PGO_TRAINING_TESTS STREQUAL "")
    list(APPEND train --tests-regex "${PGO_TRAINING_TESTS}")
  endif()
  list(APPEND train ${set_train})
  if(NOT PGO_TRAINING_SHARD STREQUAL "")
    list(APPEND train --shard "${PGO_TRAINING_SHARD}")
  endif()
  if(PGO_TRAINING_REUSE AND NOT _PGO_CS_BASE)
    _pgo_training_reuse_args(reuse "${tool}" "${inputs}")
    list(APPEND train ${reuse})
  endif()
  # PGO_TRAINING_TARGETS: the training waits for those targets only.
  _pgo_training_targets(trained_after check "${targets}" "${taken}")   # TrainingTargets.cmake
  list(APPEND train ${check})
  if(check AND PGO_TRAINING_REUSE AND NOT _PGO_CS_BASE)
    # Another list reruns every test: one that needs a program now left out fails.
    list(GET check 1 unbuilt)
    list(APPEND train --reuse-input "${unbuilt}")
  endif()

  _pgo_write_sources_list("${dir}/sources.txt" "${taken}")
  _pgo_metadata_command(metadata "${profile}" "${dir}/training.txt" "${dir}/sources.txt")
  add_custom_command(OUTPUT "${dir}/trained.stamp"
    COMMAND ${train}
    COMMAND ${merge}
    COMMAND ${metadata}
    COMMAND "${CMAKE_COMMAND}" -E touch "${dir}/trained.stamp"
    BYPRODUCTS ${byproducts}
    DEPENDS ${trained_after} "${dir}/training.txt" ${inputs}
    COMMENT "PGO: training the instrumented build and merging the raw profiles"
    USES_TERMINAL VERBATIM)
  add_custom_target(pgo-profile DEPENDS "${dir}/trained.stamp")
  if(NOT _PGO_PROFILE_DIR)
    # A tree run by hand (a CI job training one shard) hands its profile on as an archive.
    _pgo_add_archive_target("${profile}" pgo-profile)
  endif()
  get_filename_component(profile_parent "${profile}" DIRECTORY)
  file(MAKE_DIRECTORY "${profile_parent}")
  _pgo_setup_workload("${targets}" "${run}" "${merge_with}")
  _pgo_add_clean_target("${dir}/raw" "${manual}" "${dir}/trained.stamp" "${profile}" "${dep}")
  if(_PGO_CS_BASE)
    message(STATUS "PGO: context-sensitive instrumented build over ${_PGO_CS_BASE}; train and merge with the target pgo-profile")
  else()
    message(STATUS "PGO: instrumented build (${compiler}); train and merge with the target pgo-profile")
  endif()
  _pgo_print_collect_hint("${compiler}" "${strip}")
endfunction()

# Called by _pgo_setup_instrumented: how to collect raw profiles where the programs run
# elsewhere (a cross-compiled program on its target), for a tree run by hand.
function(_pgo_print_collect_hint compiler strip)
  if(_PGO_PROFILE_DIR)
    return()
  endif()
  if(compiler STREQUAL "gcc")
    message(STATUS "PGO: to collect elsewhere, run the programs with GCOV_PREFIX=<folder> GCOV_PREFIX_STRIP=${strip}")
  else()
    message(STATUS "PGO: to collect elsewhere, run the programs with LLVM_PROFILE_FILE=<folder>/%p.profraw")
  endif()
endfunction()

# Called by the setup functions: pgo-clean drops PATHS (trees and profiles).
function(_pgo_add_clean_target)
  add_custom_target(pgo-clean
    COMMAND "${CMAKE_COMMAND}" -E rm -rf ${ARGN}
    COMMENT "PGO: removing the instrumented tree and the profiles"
    VERBATIM)
endfunction()
