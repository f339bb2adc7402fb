# SPDX-License-Identifier: MIT
# Included by the bad-profile-archive-* cases: hostile_archive(MEMBER...) writes
# WORK_DIR/hostile.tar.gz holding this compiler's profile, as pgo-archive
# writes it, followed by the members given (make_archive's specs), and sets
# the configure arguments that hand it to the toolkit. ${outside} is a folder
# under /tmp of this case's own; expect_nothing_written() checks that neither
# it, nor the folder beside the build tree, nor the build tree's folder of
# given profiles received anything.
string(SHA1 id "${WORK_DIR}")
string(SUBSTRING "${id}" 0 12 id)
set(outside "/tmp/pgo-case-${id}")
file(REMOVE_RECURSE "${outside}")

macro(hostile_archive)
  if(CC MATCHES "gcc")
    set(profile d:profile "f:profile/CMakeFiles#work.dir#work.c.gcda")
    set(first_bad 3)
  else()
    set(profile f:profile.profdata)
    set(first_bad 2)
  endif()
  execute_process(COMMAND "${MAKE_ARCHIVE}" "${WORK_DIR}/hostile.tar.gz" ${profile} ${ARGN}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "make_archive failed (${rc})")
  endif()
  set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${WORK_DIR}/hostile.tar.gz")
  set(CASE_RESULT 1)
endmacro()

function(expect_nothing_written)
  set(written "")
  foreach(dir IN ITEMS "${WORK_DIR}/beside" "${outside}" "${BUILD_DIR}/_pgo/given")
    if(IS_DIRECTORY "${dir}")
      file(GLOB_RECURSE in LIST_DIRECTORIES true "${dir}/*")
      list(APPEND written ${in})
    endif()
  endforeach()
  if(EXISTS "${outside}")
    list(APPEND written "${outside}")
  endif()
  file(GLOB_RECURSE in "${WORK_DIR}/*/x")
  list(APPEND written ${in})
  if(written)
    list(JOIN written "\n  " written)
    fail("the refused archive wrote:\n  ${written}")
  endif()
  file(REMOVE_RECURSE "${outside}")
endfunction()
