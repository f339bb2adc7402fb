# What a configure killed while it stored pgo-helper in the per-user cache left there (its
# private folder helper-<key>.tmp-<tag>, the lock file beside it) is removed by the next
# configure; the folder of a configure still storing, which holds its lock, stays.  They
# stayed for good before.
set(PGO_HELPER "")
set(CASE_ARGS -DPGO=ON)
set(cache "$ENV{XDG_CACHE_HOME}/pgo-toolkit")
set(key "${cache}/helper-0123456789abcdef0123")
set(killed "${key}.tmp-KilledAAAA")        # killed with its lock file made
set(killed_old "${key}.tmp-KilledBBBB")    # killed, without one (a configure of before)
set(lock_only "${key}.tmp-KilledCCCC")     # killed after its rename: the lock file alone
set(storing "${key}.tmp-StoringDDD")
file(MAKE_DIRECTORY "${killed}" "${killed_old}" "${storing}")
file(WRITE "${killed}/pgo-helper" "half a helper")
file(WRITE "${killed}.lock" "")
file(WRITE "${killed_old}/pgo-helper" "half a helper")
file(WRITE "${lock_only}.lock" "")

# A configure storing now: a process that holds the lock of its folder until told to stop
# (or for 60 s at most).
file(WRITE "${WORK_DIR}/hold.cmake" "
file(LOCK \"${storing}.lock\" TIMEOUT 10)
file(WRITE \"${WORK_DIR}/held\" \"\")
foreach(i RANGE 600)
  if(EXISTS \"${WORK_DIR}/release\")
    break()
  endif()
  execute_process(COMMAND \"${CMAKE_COMMAND}\" -E sleep 0.1)
endforeach()
")
execute_process(COMMAND sh -c "'${CMAKE_COMMAND}' -P '${WORK_DIR}/hold.cmake' >/dev/null 2>&1 &")
foreach(i RANGE 100)
  if(EXISTS "${WORK_DIR}/held")
    break()
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.1)
endforeach()
if(NOT EXISTS "${WORK_DIR}/held")
  fail("the process standing for a configure that stores did not take its lock")
endif()

set(CASE_STDOUT "PGO: removed [^\n]*/helper-0123456789abcdef0123\\.tmp-KilledAAAA, left in the helper cache by a configure that was stopped\n")

function(case_check)
  file(WRITE "${WORK_DIR}/release" "")
  foreach(path "${killed}" "${killed}.lock" "${killed_old}" "${killed_old}.lock" "${lock_only}.lock")
    if(EXISTS "${path}")
      fail("${path}, left by a killed configure, is still in the cache")
    endif()
  endforeach()
  if(NOT EXISTS "${storing}" OR NOT EXISTS "${storing}.lock")
    fail("the configure storing now lost its folder ${storing} or its lock")
  endif()
  # The configure's own store left nothing of its own.
  file(GLOB left LIST_DIRECTORIES true "${cache}/*")
  list(REMOVE_ITEM left "${storing}" "${storing}.lock")
  expect_match("the cache's entries" "${left}" "^[^;]*/helper-[0-9a-f]+$")
endfunction()
