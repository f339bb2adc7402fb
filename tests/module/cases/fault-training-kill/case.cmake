# A training process killed by SIGKILL (as the OOM killer does) fails the build with its
# name, keeps the last good profile, and the next build recovers.
include("${CASE_DIR}/faults.cmake")
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
function(case_check)
  fault_run("train: \\[[12]/2\\] fault: failed \\(exit code 8\\).*pgo-helper: train: training test 'fault' failed. its output \\([^)]*/t0002/output\\.log\\):.*Subprocess killed.*pgo-helper: train: fix the test, or set PGO_TRAINING_ALLOW_FAILURES=ON"
    -DCASE_FAULT=kill)
endfunction()
