# A training program that is neither a target nor on PATH: CTest says so.
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "pgo-helper: train: training test 't' failed; its output \\([^)]*/t0001/output\\.log\\):.*Could not find executable no-such-program.*pgo-helper: train: fix the test")
