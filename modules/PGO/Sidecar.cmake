# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: the profile's sidecar (<profile>.meta, which
# pgo-helper metadata writes after each merge: the flags, a hash of the
# sources, the training and its shard) and pgo-archive, which packs the
# profile with its sidecar.  Both trees' setups and the report use it; it
# calls none of them.

include_guard(GLOBAL)

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

# Called by _pgo_setup_optimized and _pgo_setup_instrumented: the target
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
    "-DSTAGING=${dir}/archive" "-DSTEM=${stem}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/scripts/Archive.cmake")
  _pgo_config_command(archive pgo-archive)
  add_custom_target(pgo-archive
    COMMAND ${archive}
    COMMENT "PGO: archiving the profile with its sidecar"
    VERBATIM)
  add_dependencies(pgo-archive ${after})
endfunction()
