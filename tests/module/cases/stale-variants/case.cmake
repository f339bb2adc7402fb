# Hash mismatches of the untrained program's variants are counted without
# profile data, not out of date: a strict PGO_STALE_THRESHOLD still builds.
set(CASE_ARGS -DPGO=ON -DPGO_STALE_THRESHOLD=1)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "report: [0-9]+ of [0-9]+ functions compiled match the profile \\([0-9]+%\\): 0 out of date, [1-9][0-9]* without profile data")
function(case_check)
  # The compiler did warn: the case proves something.
  file(GLOB logs "${BUILD_DIR}/_pgo/compile-logs/*.log")
  set(mismatches "")
  foreach(log IN LISTS logs)
    file(STRINGS "${log}" lines REGEX "hash mismatch")
    list(APPEND mismatches ${lines})
  endforeach()
  expect_match("the compiler's warnings for slow" "${mismatches}" "hash mismatch\\) (main|work)")
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target pgo-report
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("pgo-report" "${rc}:${text}" "^0:.*\\([1-9][0-9]* hash mismatches of functions that another object of the build defines and matched are counted without profile data\\)")
endfunction()
