# pgo-helper killed (SIGKILL) while a training test runs on: the test runs in a process group
# of its own and survives the helper.  The next build's training stops it (it would otherwise
# run to its time limit and write an old program's counts among the new raw profiles), and
# recovers without a clean.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
function(case_check)
  fault_run("FAILED: (\\[code=[0-9]+\\] )?_pgo/trained\\.stamp " -DCASE_FAULT=kill-helper-linger)
  # The shell running the step may add "Killed"; whether it does, and where
  # the line lands among the build's output, varies: not asserted.
  expect_match("build after the killed helper" "${RECOVERY_OUTPUT}"
    "train: stopped training processes \\(group [0-9]+\\) left running by a pgo-helper that was killed")
  file(READ "${BUILD_DIR}/_pgo/instrumented/faulty.pid" pid)
  string(STRIP "${pid}" pid)
  # Gone, or a zombie waiting for init to reap it (a container's init may not).
  execute_process(COMMAND sh -c "sleep 0.5; kill -0 $1 2>/dev/null && [ \"$(ps -o stat= -p $1 | cut -c1)\" != Z ]"
    sh "${pid}" RESULT_VARIABLE alive)
  if(alive EQUAL 0)
    fail("the training process ${pid} that outlived the killed helper still runs")
    execute_process(COMMAND kill -KILL ${pid})
  endif()
endfunction()
