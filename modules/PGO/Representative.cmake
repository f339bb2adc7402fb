# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: is the training representative?  With
# PGO_BENCHMARK_COMMAND set, the instrumented tree also runs that command
# once, as its test pgo-workload (never training), and merges what it wrote
# apart from the training's profile; the summary compares the two and warns
# below PGO_REPRESENTATIVE_THRESHOLD.

include_guard(GLOBAL)

option(PGO_REPRESENTATIVE "With PGO_BENCHMARK_COMMAND: run it once on the instrumented build and compare its profile with the training's" ON)
set(PGO_REPRESENTATIVE_THRESHOLD 50 CACHE STRING "Warn when the training's profile overlaps the benchmark command's by less than this percentage")
mark_as_advanced(PGO_REPRESENTATIVE_THRESHOLD)
# The optimized tree's alone: the instrumented tree gets the command itself.
set_property(GLOBAL APPEND PROPERTY _PGO_OWN_SETTINGS PGO_REPRESENTATIVE PGO_REPRESENTATIVE_THRESHOLD)

# Called by the setup functions: where the workload's merged profile lives
# (in DIR, the optimized tree's _pgo), as _pgo_profile_paths says it.
function(_pgo_workload_paths dir profile_out dep_out)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  if(compiler STREQUAL "clang")
    set(${profile_out} "${dir}/workload.profdata" PARENT_SCOPE)
    set(${dep_out} "${dir}/workload.profdata" PARENT_SCOPE)
  else()
    set(${profile_out} "${dir}/workload-gcda/profile" PARENT_SCOPE)
    set(${dep_out} "${dir}/workload-profile.stamp" PARENT_SCOPE)
  endif()
endfunction()

# Called by _pgo_setup_optimized: whether this tree profiles the workload,
# with a check of the threshold.
function(_pgo_workload_enabled out)
  if(NOT PGO_REPRESENTATIVE_THRESHOLD MATCHES "^[0-9]+(\\.[0-9]+)?$" OR PGO_REPRESENTATIVE_THRESHOLD GREATER 100)
    message(FATAL_ERROR "PGO_REPRESENTATIVE_THRESHOLD is '${PGO_REPRESENTATIVE_THRESHOLD}': give "
      "a percentage from 0 to 100 (0 never warns).")
  endif()
  set(enabled FALSE)
  if(PGO_REPRESENTATIVE AND NOT PGO_BENCHMARK_COMMAND STREQUAL "" AND NOT PGO_PROFILE)
    set(enabled TRUE)
  endif()
  set(${out} ${enabled} PARENT_SCOPE)
endfunction()

# Called by _pgo_write_initial_cache: the lines that tell the instrumented
# tree to profile the workload (empty ones turn it off again).
function(_pgo_workload_cache_lines out enabled)
  set(command "")
  if(enabled)
    set(command "${PGO_BENCHMARK_COMMAND}")
  endif()
  set(${out} "set(_PGO_WORKLOAD_COMMAND [==[${command}]==] CACHE INTERNAL \"\")\nset(_PGO_WORKLOAD_DIR [==[${CMAKE_BINARY_DIR}]==] CACHE INTERNAL \"\")\n" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_optimized: the summary's and the report's arguments.
function(_pgo_workload_args out)
  _pgo_workload_enabled(workload_on)
  set(args "")
  if(workload_on)
    _pgo_workload_paths("${CMAKE_BINARY_DIR}/_pgo" profile dep)
    set(args --workload "${profile}" --workload-command "${PGO_BENCHMARK_COMMAND}")
  endif()
  set(${out} "${args}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_instrumented: the test pgo-workload and the target of
# the same name, which runs it with its raw profiles apart (TRAIN: the
# training's command without its choice of tests) and merges them (MERGE:
# the merge command without --output).
function(_pgo_setup_workload targets train merge)
  if("${_PGO_WORKLOAD_COMMAND}" STREQUAL "" OR _PGO_CS_BASE)
    return()
  endif()
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  set(dir "${CMAKE_BINARY_DIR}/_pgo")
  separate_arguments(command UNIX_COMMAND "${_PGO_WORKLOAD_COMMAND}")
  # Where pgo-benchmark runs it: relative paths in it mean the same.
  add_test(NAME pgo-workload COMMAND ${command} WORKING_DIRECTORY "${_PGO_WORKLOAD_DIR}")
  set_property(TEST pgo-workload PROPERTY LABELS pgo-workload)
  file(GENERATE OUTPUT "${dir}/workload.txt"
    CONTENT "pgo-workload: ${_PGO_WORKLOAD_COMMAND} (in ${_PGO_WORKLOAD_DIR})\n")
  _pgo_workload_paths("${_PGO_PROFILE_DIR}" profile dep)
  list(APPEND train --workload --raw-dir "${dir}/workload-raw")
  list(APPEND merge --raw-dir "${dir}/workload-raw" --output "${profile}")
  set(byproducts "${profile}")
  if(compiler STREQUAL "gcc")
    list(APPEND merge --stamp "${dep}")
    set(byproducts "${dep}")
  endif()
  get_filename_component(parent "${profile}" DIRECTORY)
  file(MAKE_DIRECTORY "${parent}")
  add_custom_command(OUTPUT "${dir}/workload.stamp"
    COMMAND ${train}
    COMMAND ${merge}
    COMMAND "${CMAKE_COMMAND}" -E touch "${dir}/workload.stamp"
    BYPRODUCTS ${byproducts}
    DEPENDS ${targets} "${dir}/workload.txt"
    COMMENT "PGO: running the benchmark command once on the instrumented build (PGO_REPRESENTATIVE)"
    USES_TERMINAL VERBATIM)
  add_custom_target(pgo-workload DEPENDS "${dir}/workload.stamp")
  message(STATUS "PGO: the benchmark command runs once on this build, to compare with the training")
endfunction()
