# A working directory that does not exist: CTest says so, the build stops there.
# (CTest 3.x: 'to <dir> : No such...'; 4.x quotes it: 'to "<dir>": No such...'.)
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "pgo-helper: train: training test 't' failed; its output \\([^)]*/t0001/output\\.log\\):.*Failed to change working directory to \"?[^\n]*/no such dir\"? ?: No such file or directory.*pgo-helper: train: fix the test, or set PGO_TRAINING_ALLOW_FAILURES=ON")
