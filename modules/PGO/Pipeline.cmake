# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: the optimized tree (PGO=ON), which drives the
# instrumented tree as a sub-build and compiles with the merged profile.

include_guard(GLOBAL)

# Called by _pgo_setup_optimized: the custom target NAME configures (when its
# initial cache INIT changed) and builds the instrumented tree INNER up to its
# merged profile, the files DEPS.  WHAT names the tree in the messages.  In a
# multi-configuration tree the steps are outputs of the PGO configuration
# only (MultiConfig.cmake), and other configurations run nothing.  Extra
# arguments name more targets of the tree to build (pgo-workload).
function(_pgo_drive_instrumented name inner init deps what)
  _pgo_multi_config(multi)
  if(multi)
    set(only "$<CONFIG:PGO>")
    set(config --config PGO)
  else()
    set(only 1)
    set(config "")
  endif()
  set(dir "${CMAKE_BINARY_DIR}/_pgo")
  get_filename_component(stem "${inner}" NAME)
  set(configure "${CMAKE_COMMAND}" -S "${CMAKE_SOURCE_DIR}" -B "${inner}"
    -G "${CMAKE_GENERATOR}" -C "${init}")
  # Two builds of this tree at once take turns in the instrumented tree (scripts/Locked.cmake).
  set(locked "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/scripts/Locked.cmake"
    "${dir}/${stem}.lock")
  add_custom_command(OUTPUT "$<${only}:${dir}/${stem}.configured>"
    COMMAND ${locked} ${configure}
    COMMAND "${CMAKE_COMMAND}" -E touch "${dir}/${stem}.configured"
    DEPENDS "${init}"
    COMMENT "PGO [1/3]: configuring the ${what} in ${inner}"
    USES_TERMINAL VERBATIM)
  # The sub-build decides itself what is out of date: the instrumented
  # objects, the training and the merge each run only when their inputs
  # changed, and the profile's time stamp changes only with its content.
  # So the step runs in every build: its output, <stem>.always, is never
  # written.
  # Ninja runs as many jobs as it would for this tree (its default, or
  # CMAKE_BUILD_PARALLEL_LEVEL): the instrumented build is the same build.
  # Make, run without MAKEFLAGS, would run one job: it gets one per core.
  set(build "${CMAKE_COMMAND}" --build "${inner}" ${config} --target pgo-profile ${ARGN})
  if(NOT CMAKE_GENERATOR MATCHES "Ninja")
    cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
    list(APPEND build --parallel ${cores})
  endif()
  if(PGO_VERBOSE)
    list(APPEND build --verbose)
  endif()
  set(byproducts "")
  foreach(dep IN LISTS deps)
    list(APPEND byproducts "$<${only}:${dep}>")
  endforeach()
  add_custom_command(OUTPUT "$<${only}:${dir}/${stem}.always>"
    COMMAND ${locked} "${CMAKE_COMMAND}" -E env --unset=MAKEFLAGS --unset=MFLAGS --unset=MAKELEVEL ${build}
    BYPRODUCTS ${byproducts}
    DEPENDS "$<${only}:${dir}/${stem}.configured>"
    COMMENT "PGO [2/3]: ${what}, training and merge (in ${inner})"
    USES_TERMINAL VERBATIM)
  add_custom_target(${name} DEPENDS "$<${only}:${dir}/${stem}.always>")
endfunction()

# Called by _pgo_setup_optimized: PGO_CSPGO needs Clang and a training here.
function(_pgo_check_cspgo)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(cc GLOBAL PROPERTY _PGO_COMPILER_PATH)
  if(NOT PGO_CSPGO)
    return()
  endif()
  if(NOT compiler STREQUAL "clang")
    message(FATAL_ERROR "PGO_CSPGO is ON, but context-sensitive PGO is a Clang feature and the "
      "compiler is ${cc}: use Clang (CC=clang-19 CXX=clang++-19) in a new build directory, or "
      "turn PGO_CSPGO off.")
  endif()
  if(PGO_PROFILE)
    message(FATAL_ERROR "PGO_CSPGO is ON with PGO_PROFILE '${PGO_PROFILE}': the context-sensitive "
      "pass trains here, on top of a trained first profile. Clear PGO_PROFILE to train both passes, "
      "or turn PGO_CSPGO off to build with the given profile as it is (a profile made with "
      "PGO_CSPGO keeps its context-sensitive part).")
  endif()
  # Every supported Clang has it; a wrapper or an odd build may not.
  execute_process(COMMAND "${cc}" -fcs-profile-generate -x c -c /dev/null -o /dev/null
    RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "PGO_CSPGO is ON, but ${cc} rejects -fcs-profile-generate:\n${text}\n"
      "Use a Clang that supports context-sensitive PGO, or turn PGO_CSPGO off.")
  endif()
endfunction()

# Called by _pgo_setup_optimized: the linked files of TAKEN write the linker's
# map into DIR/link-maps, and OUT names the list of "<file>\t<map>" lines
# (written at generate time) that pgo-summary and pgo-report read: with LTO
# the objects are bitcode or GIMPLE, and only the link shows where the
# profile put each function.
function(_pgo_add_link_maps out dir taken)
  _pgo_multi_config(multi)
  set(list "${dir}/linked.txt")
  if(multi)
    set(list "${dir}/linked-$<CONFIG>.txt")
  endif()
  file(MAKE_DIRECTORY "${dir}/link-maps")
  set(lines "")
  foreach(t IN LISTS taken)
    _pgo_target_links(links ${t})
    if(NOT links)
      continue()
    endif()
    set(map "${dir}/link-maps/${t}.map")
    set(option "LINKER:-Map,${map}")
    _pgo_config_only(option)
    target_link_options(${t} PRIVATE "${option}")
    string(APPEND lines "$<TARGET_FILE:${t}>\t${map}\n")
  endforeach()
  file(GENERATE OUTPUT "${list}" CONTENT "${lines}")
  string(REPLACE "$<CONFIG>" "PGO" list "${list}")
  set(${out} "${list}" PARENT_SCOPE)
endfunction()

# Called by _pgo_finalize in an optimized tree.
function(_pgo_setup_optimized targets)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(cc GLOBAL PROPERTY _PGO_COMPILER_PATH)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  set(dir "${CMAKE_BINARY_DIR}/_pgo")
  set(inner "${dir}/instrumented")
  _pgo_find_profile_tool(tool)
  _pgo_check_cspgo()

  if(PGO_PROFILE)
    _pgo_given_profile(profile deps)   # Given.cmake: one profile, or the merge of a list
    message(STATUS "PGO: optimized build with the given profile ${profile}")
  else()
    _pgo_profile_paths("${dir}" profile deps)
    get_filename_component(profile_parent "${profile}" DIRECTORY)
    file(MAKE_DIRECTORY "${profile_parent}")
    set(init "${dir}/instrumented-cache.cmake")
    _pgo_workload_enabled(workload)
    if(workload)
      # The benchmark command's own profile, beside the training's.
      _pgo_workload_paths("${dir}" workload_profile workload_dep)
      _pgo_write_initial_cache("${init}" "${helper}" "${dir}" WORKLOAD)
      _pgo_drive_instrumented(pgo-profile "${inner}" "${init}" "${deps};${workload_dep}"
        "instrumented build" pgo-workload)
    else()
      _pgo_write_initial_cache("${init}" "${helper}" "${dir}")
      _pgo_drive_instrumented(pgo-profile "${inner}" "${init}" "${deps}" "instrumented build")
    endif()
    set(clean "${inner}" "${dir}/instrumented.configured" "${profile}" "${deps}" "${dir}/gcda"
      "${dir}/workload.profdata" "${dir}/workload-gcda" "${dir}/workload-profile.stamp"
      "${dir}/profile.text" "${dir}/texts-of-raw" "${dir}/texts-of-workload-raw"
      "${profile}.tolerance")
    if(PGO_CSPGO)
      # The second pass compiles with the first profile and counts again after
      # inlining; the optimized build reads the merge of both.
      set(base "${profile}")
      _pgo_profile_paths("${dir}" profile deps CS)
      set(cs_inner "${dir}/cs-instrumented")
      set(cs_init "${dir}/cs-instrumented-cache.cmake")
      _pgo_write_initial_cache("${cs_init}" "${helper}" "${dir}" CS_BASE "${base}")
      _pgo_drive_instrumented(pgo-profile-cs "${cs_inner}" "${cs_init}" "${deps}"
        "context-sensitive instrumented build")
      add_dependencies(pgo-profile-cs pgo-profile)
      list(APPEND clean "${cs_inner}" "${dir}/cs-instrumented.configured" "${profile}")
      message(STATUS "PGO: context-sensitive pass (PGO_CSPGO) in ${cs_inner}")
    endif()
    _pgo_add_clean_target(${clean})
    message(STATUS "PGO: optimized build; the instrumented build is ${inner}")
  endif()

  _pgo_apply_flags(taken USE "${targets}" PROFILE "${profile}")
  if(NOT taken)
    message(FATAL_ERROR "PGO found no C or C++ target to optimize: every executable and library "
      "is excluded (PGO_EXCLUDE), or the project has none.")
  endif()
  _pgo_multi_config(multi)   # its own way: _pgo_multiconfig_objects below
  if(TARGET pgo-profile-cs)
    set(profile_target pgo-profile-cs)
  elseif(TARGET pgo-profile)
    set(profile_target pgo-profile)
  endif()
  if(TARGET pgo-profile AND NOT PGO_CSPGO)
    # A training of its own: each object waits for the profile data it reads.
    _pgo_source_stamps("${profile}" "${deps}" pgo-profile "${taken}")
    set(whole_profile_deps "")
  else()
    set(whole_profile_deps "${deps}")
    foreach(dep IN LISTS deps)
      if(NOT multi)
        _pgo_objects_depend_on("${dep}" "${taken}")
      endif()
    endforeach()
  endif()
  if(profile_target AND NOT multi)
    foreach(t IN LISTS taken)
      add_dependencies(${t} ${profile_target})
    endforeach()
  endif()

  set(logs "${dir}/compile-logs")
  file(MAKE_DIRECTORY "${logs}")
  _pgo_add_launcher("${helper}" "${logs}" "${taken}")
  _pgo_add_link_maps(linked "${dir}" "${taken}")
  set(summary "${helper}" summary --compiler ${compiler} --profile "${profile}" --log-dir "${logs}"
    --build-dir "${CMAKE_BINARY_DIR}" --tool "${tool}" --compiler-path "${cc}" --linked "${linked}")
  _pgo_workload_args(workload_args)
  if(workload_args)
    _pgo_find_lto_nm(nm "${tool}")
    list(APPEND summary ${workload_args} --representative-threshold ${PGO_REPRESENTATIVE_THRESHOLD})
    if(nm)
      list(APPEND summary --nm "${nm}")
    endif()
    _pgo_gcc_notes_args(notes_args "${tool}")
    list(APPEND summary ${notes_args})
  endif()
  # The generalizes line: in every summary of a training of up to 32 tests, with -v always.
  list(APPEND summary --folds ${PGO_GENERALIZE_FOLDS}
    --generalize-threshold ${PGO_GENERALIZE_THRESHOLD} --ctest "${CMAKE_CTEST_COMMAND}")
  if(PGO_VERBOSE)
    list(APPEND summary -v --choice-goal ${PGO_TRAINING_CHOICE_GOAL})
  endif()
  # The shares of the training tests' table are those of the weighted merge.
  _pgo_training_weight_args(weight_args)
  list(APPEND summary ${weight_args})
  _pgo_config_command(summary pgo-summary)
  if(multi)
    add_custom_target(pgo-summary ALL
      COMMAND ${summary}
      COMMENT "PGO [3/3]: checking that the profile reached the compiler"
      USES_TERMINAL VERBATIM)
    add_dependencies(pgo-summary ${taken})
  endif()
  _pgo_setup_report("${profile}" "${tool}" "${taken}" brief report)
  _pgo_check_guard()
  if(NOT PGO_BENCHMARK_COMMAND STREQUAL "")
    _pgo_add_benchmark("${dir}" "${report}" "${profile}")
  endif()
  _pgo_add_archive_target("${profile}" pgo-summary)
  if(multi)
    _pgo_multiconfig_objects("${whole_profile_deps}" "${profile_target}" "${taken}")
  else()
    # The summary and the report's brief lines read every object and linked
    # file: they run again only when one of those, the profile or the
    # workload's profile changed, not in every build (a no-op build of a
    # thousand sources would otherwise spend seconds there).
    # workload_dep: the workload's profile, set above when this tree profiles it.
    set(inputs ${taken} ${deps} ${workload_dep})
    # A given profile's sidecar (metadata.c's names), which the report reads.
    foreach(meta IN ITEMS "${profile}.meta" "${profile}/profile.meta")
      if(PGO_PROFILE AND EXISTS "${meta}" AND NOT IS_DIRECTORY "${meta}")
        list(APPEND inputs "${meta}")
      endif()
    endforeach()
    add_custom_command(OUTPUT "${dir}/summary.stamp"
      COMMAND ${summary}
      COMMAND ${brief}
      COMMAND "${CMAKE_COMMAND}" -E touch "${dir}/summary.stamp"
      DEPENDS ${inputs}
      COMMENT "PGO [3/3]: checking that the profile reached the compiler"
      USES_TERMINAL VERBATIM)
    add_custom_target(pgo-summary ALL DEPENDS "${dir}/summary.stamp")
  endif()
endfunction()
