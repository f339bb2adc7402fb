# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake, run by the target pgo-archive as a script:
#
#   cmake -DPROFILE=<profile> -DOUTPUT_DIR=<dir> -DSTAGING=<dir> [-DSTEM=<stem>] -P Archive.cmake
#
# writes OUTPUT_DIR/<stem>-<date>-<time>.tar.gz (stem: pgo-profile) holding the merged
# profile and its sidecar: profile.profdata and profile.profdata.meta (Clang),
# or a folder profile/ with the .gcda files and profile.meta (GCC).
# PGO_PROFILE accepts the archive as it is.
cmake_minimum_required(VERSION 3.25)

foreach(v PROFILE OUTPUT_DIR STAGING)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "Archive.cmake: -D${v}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${PROFILE}")
  message(FATAL_ERROR "PGO: no profile to archive at ${PROFILE}: build first.")
endif()

file(REMOVE_RECURSE "${STAGING}")
file(MAKE_DIRECTORY "${STAGING}")
if(IS_DIRECTORY "${PROFILE}")
  file(REAL_PATH "${PROFILE}" real)
  file(GLOB files "${real}/*.gcda")
  set(meta "${real}/profile.meta")
  file(COPY ${files} DESTINATION "${STAGING}/profile")
  set(paths profile)
  if(EXISTS "${meta}")
    file(COPY "${meta}" DESTINATION "${STAGING}/profile")
  endif()
else()
  get_filename_component(name "${PROFILE}" NAME)
  set(meta "${PROFILE}.meta")
  file(COPY "${PROFILE}" DESTINATION "${STAGING}")
  set(paths "${name}")
  if(EXISTS "${meta}")
    file(COPY "${meta}" DESTINATION "${STAGING}")
    list(APPEND paths "${name}.meta")
  endif()
endif()
if(NOT EXISTS "${meta}")
  message(WARNING "PGO: the profile has no sidecar (${meta}): the archive cannot say what "
    "made it.")
endif()

if(NOT DEFINED STEM)
  set(STEM pgo-profile)
endif()
string(TIMESTAMP stamp "%Y%m%d-%H%M%S")
set(out "${OUTPUT_DIR}/${STEM}-${stamp}.tar.gz")
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar czf "${out}.tmp" --format=gnutar -- ${paths}
  WORKING_DIRECTORY "${STAGING}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${out}.tmp")
  message(FATAL_ERROR "PGO: could not write ${out}")
endif()
file(RENAME "${out}.tmp" "${out}")
file(REMOVE_RECURSE "${STAGING}")
message(STATUS "PGO: profile archived in ${out}; build with it: -DPGO_PROFILE=${out}")
