# A training process that hangs is stopped at its time limit (TIMEOUT 2, slowdown 1), fails
# the build with its name, keeps the last good profile, and the next build recovers.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
set(CASE_ARGS -DPGO=ON -DPGO_INSTRUMENTED_SLOWDOWN=1)
set(CASE_BUILD ON)
function(case_check)
  fault_run("train: \\[[12]/2\\] fault: failed \\(exit code 8\\).*pgo-helper: train: training test 'fault' failed. its output \\([^)]*/t0002/output\\.log\\):.*Test #[0-9]+: fault [.]+\\*\\*\\*Timeout +[0-9]+\\.[0-9]+ sec.*pgo-helper: train: fix the test, or set PGO_TRAINING_ALLOW_FAILURES=ON"
    -DCASE_FAULT=hang)
endfunction()
