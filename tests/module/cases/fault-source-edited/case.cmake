# A source edited between the instrumented and the optimized pass (here by the training
# itself): the optimized build must not fail on the stale profile (GCC's coverage-mismatch is
# an error by default), and the summary must count the out-of-date function once, although
# GCC reports it on two lines.  The next build retrains and has nothing out of date.
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[1/1\\] app-train: passed.*PGO \\[3/3\\].*warnings +1 (hash|coverage) mismatch, [0-9]+ without profile data.*report: [^\n]*: 1 out of date")
function(case_check)
  expect_file("${source}/edited")
  run_build(text rc)
  expect_match("build after the edit" "${rc}" "^0$")
  expect_match("build after the edit" "${text}" "train: \\[1/1\\] app-train: passed.*PGO \\[3/3\\].*warnings +0 (hash|coverage) mismatch.*report: [^\n]*: 0 out of date")
endfunction()
