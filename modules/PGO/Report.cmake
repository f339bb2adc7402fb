# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: knowing what the profile did.  The report after
# the summary and its target pgo-report (the profile's sidecar and pgo-archive
# are Sidecar.cmake; the benchmark is Benchmark.cmake).

include_guard(GLOBAL)

set(PGO_STALE_THRESHOLD "" CACHE STRING "Fail the build when more than this percentage of the functions compiled are out of date for the profile (empty: never fail)")

# Called by _pgo_setup_report and _pgo_setup_optimized: the nm that lists the
# symbols of this compiler's LTO objects, for the report (llvm-nm beside the
# llvm-profdata TOOL; gcc-nm beside GCC, named as gcc-ar is), or empty.
function(_pgo_find_lto_nm out tool)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(cc GLOBAL PROPERTY _PGO_COMPILER_PATH)
  set(nm "")
  if(compiler STREQUAL "clang")
    get_filename_component(bindir "${tool}" DIRECTORY)
    file(REAL_PATH "${tool}" real)
    get_filename_component(realdir "${real}" DIRECTORY)
    foreach(candidate "${bindir}/llvm-nm" "${realdir}/llvm-nm")
      if(EXISTS "${candidate}")
        set(nm "${candidate}")
        break()
      endif()
    endforeach()
  else()
    # gcc-12 and g++-12 -> gcc-nm-12, c++ -> gcc-nm,
    # aarch64-linux-gnu-g++-12 -> aarch64-linux-gnu-gcc-nm-12.
    get_filename_component(dir "${cc}" DIRECTORY)
    get_filename_component(name "${cc}" NAME)
    string(REGEX REPLACE "(gcc|g\\+\\+|c\\+\\+|cc)(-[0-9]+|)$" "gcc-nm\\2" nm_name "${name}")
    if(NOT nm_name STREQUAL name AND EXISTS "${dir}/${nm_name}")
      set(nm "${dir}/${nm_name}")
    endif()
  endif()
  set(${out} "${nm}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_report and _pgo_setup_optimized: for GCC, the
# arguments that let the report name the functions GCC knows only by number
# (inline, template and header ones), from the notes of the instrumented
# tree's compiles run again with -ftest-coverage (report_gcc_notes.c), read by
# the gcov-dump beside gcov-tool TOOL.  Empty for Clang or without gcov-dump.
function(_pgo_gcc_notes_args out tool)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  set(args "")
  if(compiler STREQUAL "gcc")
    get_filename_component(dir "${tool}" DIRECTORY)
    get_filename_component(name "${tool}" NAME)
    string(REGEX REPLACE "gcov-tool(-[0-9]+)?$" "gcov-dump\\1" dump_name "${name}")
    if(NOT dump_name STREQUAL name AND EXISTS "${dir}/${dump_name}")
      set(args --notes-from "${CMAKE_BINARY_DIR}/_pgo/instrumented" --gcov-dump "${dir}/${dump_name}")
    endif()
  endif()
  set(${out} "${args}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_optimized: the report's brief lines run after the
# summary (writing <build>/_pgo/report.html, checking the profile against
# today's code and PGO_STALE_THRESHOLD): BRIEF_OUT gets their command in a
# single-configuration tree, where the summary's command runs it; in a
# multi-configuration one it runs after pgo-summary, which exists.  Also the
# target pgo-report.  REPORT_OUT gets the report's command, which pgo-benchmark
# runs again after measuring (_pgo_add_benchmark).
function(_pgo_setup_report profile tool taken brief_out report_out)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(cc GLOBAL PROPERTY _PGO_COMPILER_PATH)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  set(dir "${CMAKE_BINARY_DIR}/_pgo")
  if(NOT PGO_STALE_THRESHOLD STREQUAL "" AND NOT PGO_STALE_THRESHOLD MATCHES "^[0-9]+(\\.[0-9]+)?$")
    message(FATAL_ERROR "PGO_STALE_THRESHOLD is '${PGO_STALE_THRESHOLD}': give a percentage "
      "from 0 to 100, or leave it empty never to fail.")
  endif()
  _pgo_flags_text(flags)
  set(report "${helper}" report --compiler ${compiler} --profile "${profile}"
    --log-dir "${dir}/compile-logs" --build-dir "${CMAKE_BINARY_DIR}" --compiler-path "${cc}"
    --source-dir "${CMAKE_SOURCE_DIR}" --html "${dir}/report.html" --flags "${flags}"
    --bench "${dir}/benchmark.txt")
  if(compiler STREQUAL "clang")
    list(APPEND report --tool "${tool}")
  endif()
  _pgo_find_lto_nm(nm "${tool}")
  if(nm)
    list(APPEND report --nm "${nm}")
  endif()
  list(APPEND report --linked "${dir}/linked.txt")
  _pgo_gcc_notes_args(notes_args "${tool}")
  list(APPEND report ${notes_args})
  _pgo_workload_args(workload_args)
  list(APPEND report ${workload_args})
  if(PGO_PROFILE)
    list(APPEND report --given)
  endif()
  _pgo_training_weight_args(weight_args)
  list(APPEND report ${weight_args})
  if(NOT PGO_STALE_THRESHOLD STREQUAL "")
    list(APPEND report --stale-threshold ${PGO_STALE_THRESHOLD})
  endif()
  set(brief ${report} --brief)
  if(PGO_VERBOSE)
    list(APPEND brief -v)   # the page gets the table of the training tests
  endif()
  _pgo_multi_config(multi)
  if(multi)
    _pgo_config_command(brief "")
    add_custom_command(TARGET pgo-summary POST_BUILD COMMAND ${brief} VERBATIM)
  else()
    set(${brief_out} "${brief}" PARENT_SCOPE)
  endif()
  set(full ${report})
  if(PGO_VERBOSE)
    list(APPEND full -v)
  endif()
  _pgo_config_command(full pgo-report)
  add_custom_target(pgo-report
    COMMAND ${full}
    COMMENT "PGO: what the profile did"
    USES_TERMINAL VERBATIM)
  add_dependencies(pgo-report ${taken})
  set(${report_out} "${report}" PARENT_SCOPE)
endfunction()
