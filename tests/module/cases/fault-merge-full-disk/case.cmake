# A full disk while merging: pgo-helper merge runs (through a wrapper given as PGO_HELPER)
# with RLIMIT_FSIZE 0, so that every write of it and of the merge tool fails (EFBIG, as
# ENOSPC would).  The build fails saying which write failed, the last good profile stays
# whole, no temporary is left, and the next build recovers.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
fault_wrapper("${WORK_DIR}/helper" "${PGO_HELPER}" merge)
set(CASE_ARGS -DPGO=ON "-DPGO_HELPER=${WORK_DIR}/helper")
set(CASE_BUILD ON)
if(CC MATCHES "gcc")
  # The helper copies the .gcda files both folders hold aside for gcov-tool first.  (That
  # gcov-tool exits 0 when its own writes fail is caught by checking what it wrote: the
  # helper case merge_gcc_empty_output.)
  set(message "pgo-helper: merge: write '[^']*/_pgo/gcda/profile\\.tmp\\.[^/]*/common-a/CMakeFiles#[^']*\\.gcda\\.tmp\\.[^']*': File too large\n")
else()
  # pgo-helper writes the list of inputs for llvm-profdata first.
  set(message "pgo-helper: merge: write '[^']*/_pgo/profile\\.profdata\\.inputs\\.[^']*': File too large\n")
endif()
function(case_check)
  set(FAULT_FILE_FAULT full-disk)
  fault_run("${message}" -DCASE_FAULT=smaller)
  fault_expect_no_leftovers("after the failed merge")
endfunction()
