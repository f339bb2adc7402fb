# pgo-helper killed (SIGKILL) while it merges: the merge tool (a wrapper of the real one, given
# as PGO_LLVM_PROFDATA or PGO_GCOV_TOOL) kills its parent.  The build fails, the last good
# profile stays whole, and the next build removes the temporaries the killed merge left and
# recovers without a clean.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
fault_real_tool(real)
fault_tool_variable(var)
fault_wrapper("${WORK_DIR}/merge-tool" "${real}" merge)
set(CASE_ARGS -DPGO=ON "-D${var}=${WORK_DIR}/merge-tool")
set(CASE_BUILD ON)
function(case_check)
  set(FAULT_FILE_FAULT kill-parent)
  fault_run("train: 3 tests, [0-9]+ profiles in .*FAILED: (\\[code=[0-9]+\\] )?_pgo/trained\\.stamp "
    -DCASE_FAULT=again)
  expect_match("build after the killed merge" "${RECOVERY_OUTPUT}"
    "merge: removed '[^']*/_pgo/(profile\\.profdata|gcda/profile)\\.(tmp|inputs)\\.[^']*', left by an interrupted run")
endfunction()
