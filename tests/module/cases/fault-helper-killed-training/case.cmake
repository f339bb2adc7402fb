# pgo-helper itself killed (SIGKILL) in the middle of the training: a training process kills
# its ancestor pgo-helper.  The build fails, the last good profile stays, and the next build
# recovers without a clean.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
function(case_check)
  fault_run("FAILED: (\\[code=[0-9]+\\] )?_pgo/trained\\.stamp " -DCASE_FAULT=kill-helper)
  # The shell running the step may add "Killed"; whether it does, and where
  # the line lands among the build's output, varies: not asserted.
endfunction()
