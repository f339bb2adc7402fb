set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[1/1\\] app-train: passed.*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran")
function(case_check)
  # The dependency is optimized with the project; the toolkit's own helper,
  # a build tool, is not, and its tests are not the project's.
  expect_flag(work.c "-fprofile-use=")
  expect_no_flag(util.c "-fprofile")
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -N
    OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(out MATCHES "pgo_helper|module\\.")
    fail("the toolkit's own tests were added to the project:\n${out}")
  endif()
endfunction()
