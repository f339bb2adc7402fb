# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: the optimized tree (PGO=ON), which drives the
# instrumented tree as a sub-build and compiles with the merged profile.

include_guard(GLOBAL)

# The module's settings, which _pgo_write_initial_cache sets itself.
set_property(GLOBAL PROPERTY _PGO_OWN_SETTINGS PGO PGO_PROFILE PGO_HELPER PGO_VERBOSE PGO_TRAINING_ALLOW_FAILURES
  PGO_TRAINING_JOBS PGO_TRAINING_TIMEOUT PGO_INSTRUMENTED_SLOWDOWN PGO_LLVM_PROFDATA PGO_GCOV_TOOL
  PGO_TRAINING_COMMAND PGO_TRAINING_TESTS PGO_CSPGO PGO_TRAINING_SHARD)

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
# the instrumented tree.  The module's own entries, CMake's internal ones
# other than configure-check results, and those pointing into this build
# tree (tree-specific paths) are not.
function(_pgo_copied_entry out name)
  get_property(type CACHE "${name}" PROPERTY TYPE)
  get_property(own GLOBAL PROPERTY _PGO_OWN_SETTINGS)
  set(copy TRUE)
  if(type STREQUAL "STATIC" OR name IN_LIST own OR name MATCHES "^_PGO")
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

# Called by _pgo_setup_optimized: writes FILE, an initial cache (cmake -C)
# holding this tree's settings, so that both trees build the same code.
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
    PGO_MERGE_FDATA PGO_GUARD PGO_REPRESENTATIVE PGO_REPRESENTATIVE_THRESHOLD PGO_COLD_POLICY)
  if(arg_CS_BASE)
    # The context-sensitive pass inlines as the optimized compiles will.
    list(APPEND passed PGO_COLD_POLICY)
  endif()
  foreach(name IN LISTS passed)
    string(APPEND text "set(${name} [==[${${name}}]==] CACHE STRING \"\" FORCE)\n")
  endforeach()
  # GCC: the report compiles some of these objects again for their notes
  # (report_gcc_notes.c), and reads how from here.
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  if(compiler STREQUAL "gcc")
    string(APPEND text "set(CMAKE_EXPORT_COMPILE_COMMANDS ON CACHE BOOL \"\" FORCE)\n")
  endif()
  _pgo_multiconfig_cache(text)   # Ninja Multi-Config: the configuration PGO only
  # configure_file, not file(WRITE): CMake then knows the build tree's file as its own
  # output, and Ninja under a project's CMP0058 OLD (cmake_minimum_required below 3.3)
  # does not warn about a custom command that depends on it. It rewrites the file only
  # when its text changes, so that the instrumented tree configures again only then.
  file(WRITE "${file}.in" "${text}")
  configure_file("${file}.in" "${file}" COPYONLY)
endfunction()

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
  # Two builds of this tree at once take turns in the instrumented tree (Locked.cmake).
  set(locked "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/Locked.cmake"
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
      "${dir}/workload.profdata" "${dir}/workload-gcda" "${dir}/workload-profile.stamp")
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
  foreach(dep IN LISTS deps)
    if(NOT multi)
      _pgo_objects_depend_on("${dep}" "${taken}")
    endif()
  endforeach()
  if(TARGET pgo-profile-cs)
    set(profile_target pgo-profile-cs)
  elseif(TARGET pgo-profile)
    set(profile_target pgo-profile)
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
  if(PGO_VERBOSE)
    list(APPEND summary -v)
  endif()
  _pgo_config_command(summary pgo-summary)
  if(multi)
    add_custom_target(pgo-summary ALL
      COMMAND ${summary}
      COMMENT "PGO [3/3]: checking that the profile reached the compiler"
      USES_TERMINAL VERBATIM)
    add_dependencies(pgo-summary ${taken})
  endif()
  _pgo_setup_report("${profile}" "${tool}" "${taken}" brief)
  if(multi)
    _pgo_multiconfig_objects("${deps}" "${profile_target}" "${taken}")
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
