set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "pgo-helper: train: training test 'bad' failed; its output \\([^)]*output\\.log\\):.*fail\\.c: failing on purpose.*pgo-helper: train: fix the test, or set PGO_TRAINING_ALLOW_FAILURES=ON")
