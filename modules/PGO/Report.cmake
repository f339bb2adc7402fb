# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: knowing what the profile did.  The profile's
# sidecar (<profile>.meta), the report after the summary and its target
# pgo-report, and pgo-archive, which keeps the profile with its sidecar (the
# benchmark is Benchmark.cmake).

include_guard(GLOBAL)

set(PGO_STALE_THRESHOLD "" CACHE STRING "Fail the build when more than this percentage of the functions compiled are out of date for the profile (empty: never fail)")

# Called by _pgo_setup_report and _pgo_metadata_command: the flags that shape
# the optimized code, as one text whose hash goes into the sidecar.  Both
# trees have the same cache, so they give the same text.
function(_pgo_flags_text out)
  set(build_type "${CMAKE_BUILD_TYPE}")
  _pgo_multi_config(multi)
  if(multi)
    set(build_type PGO)   # the configuration of a Ninja Multi-Config tree's PGO build
  endif()
  string(TOUPPER "${build_type}" config)
  set(text "build type ${build_type}")
  get_property(langs GLOBAL PROPERTY ENABLED_LANGUAGES)
  foreach(lang IN ITEMS C CXX)
    if(lang IN_LIST langs)
      string(APPEND text ", ${lang}: ${CMAKE_${lang}_FLAGS} ${CMAKE_${lang}_FLAGS_${config}}")
    endif()
  endforeach()
  if(CMAKE_INTERPROCEDURAL_OPTIMIZATION)
    string(APPEND text ", LTO")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_instrumented: writes FILE, the source files of the PGO
# targets TAKEN, one absolute path a line, sorted: the sidecar records a hash of
# their contents, so that the shards of a training merge only when they were
# made from the same sources.
function(_pgo_write_sources_list file taken)
  set(all "")
  foreach(t IN LISTS taken)
    _pgo_target_sources(sources ${t})
    foreach(src IN LISTS sources)
      if(src MATCHES "\\.(c|cc|cpp|cxx|c\\+\\+|C|h|hh|hpp|hxx|inl|ipp)$")
        cmake_path(NORMAL_PATH src)
        list(APPEND all "${src}")
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES all)
  list(SORT all)
  list(JOIN all "\n" text)
  file(WRITE "${file}.new" "${text}\n")
  file(COPY_FILE "${file}.new" "${file}" ONLY_IF_DIFFERENT)
  file(REMOVE "${file}.new")
endfunction()

# Called by _pgo_setup_instrumented: the command that writes the sidecar of
# PROFILE after each merge (pgo-helper metadata), with the hash of the SOURCES
# listed and the shard the tree trained.
function(_pgo_metadata_command out profile training sources)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(cc GLOBAL PROPERTY _PGO_COMPILER_PATH)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  _pgo_flags_text(flags)
  set(command "${helper}" metadata --profile "${profile}" --compiler ${compiler}
    --compiler-path "${cc}" --flags "${flags}" --training "${training}"
    --source-dir "${CMAKE_SOURCE_DIR}" --sources "${sources}" --build-dir "${CMAKE_BINARY_DIR}")
  if(NOT PGO_TRAINING_SHARD STREQUAL "")
    list(APPEND command --shard "${PGO_TRAINING_SHARD}")
  endif()
  set(${out} "${command}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_report and _pgo_setup_instrumented: the target
# pgo-archive, which packs PROFILE and its sidecar into
# <build>/pgo-profile-<date>-<time>.tar.gz (with PGO_TRAINING_SHARD K/N,
# pgo-profile-shard-K-of-N-<date>-<time>.tar.gz) after the target AFTER.
function(_pgo_add_archive_target profile after)
  set(dir "${CMAKE_BINARY_DIR}/_pgo")
  set(stem pgo-profile)
  if(PGO_TRAINING_SHARD MATCHES "^0*([0-9]+)/0*([0-9]+)$")
    set(stem "pgo-profile-shard-${CMAKE_MATCH_1}-of-${CMAKE_MATCH_2}")
  endif()
  set(archive "${CMAKE_COMMAND}" "-DPROFILE=${profile}" "-DOUTPUT_DIR=${CMAKE_BINARY_DIR}"
    "-DSTAGING=${dir}/archive" "-DSTEM=${stem}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/Archive.cmake")
  _pgo_config_command(archive pgo-archive)
  add_custom_target(pgo-archive
    COMMAND ${archive}
    COMMENT "PGO: archiving the profile with its sidecar"
    VERBATIM)
  add_dependencies(pgo-archive ${after})
endfunction()

# Called by _pgo_setup_report: the nm that lists the symbols of this
# compiler's LTO objects, for the report (llvm-nm beside the llvm-profdata
# TOOL; gcc-nm beside GCC, named as gcc-ar is), or empty.
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
# targets pgo-report, pgo-benchmark and pgo-archive.
function(_pgo_setup_report profile tool taken brief_out)
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
  if(NOT PGO_STALE_THRESHOLD STREQUAL "")
    list(APPEND report --stale-threshold ${PGO_STALE_THRESHOLD})
  endif()
  set(brief ${report} --brief)
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

  _pgo_check_guard()
  if(NOT PGO_BENCHMARK_COMMAND STREQUAL "")
    _pgo_add_benchmark("${dir}" "${report}" "${profile}")
  endif()

  _pgo_add_archive_target("${profile}" pgo-summary)
endfunction()
