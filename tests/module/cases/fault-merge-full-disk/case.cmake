# A full disk while merging: pgo-helper merge runs (through a wrapper given as PGO_HELPER)
# with RLIMIT_FSIZE 0, so that every write of it and of the merge tool fails (EFBIG, as
# ENOSPC would).  The build fails saying which write failed, the last good profile stays
# whole, no temporary is left, and the next build recovers.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
fault_wrapper("${WORK_DIR}/helper" "${PGO_HELPER}" merge)
set(CASE_ARGS -DPGO=ON "-DPGO_HELPER=${WORK_DIR}/helper")
set(CASE_BUILD ON)
if(CC MATCHES "gcc")
  # Folders of the same files go to gcov-tool as they are, so its own write fails first;
  # it exits 0 all the same, which the helper catches by checking what it wrote.
  set(message "pgo-helper: merge: '[^']*gcov-tool[^']* merge' wrote '[^']*/_pgo/gcda/profile\\.tmp\\.[^/]*/L1-0/CMakeFiles#[^']*\\.gcda', which is not a \\.gcda file \\([^)]*\\): check the free space")
else()
  # pgo-helper writes the list of inputs for llvm-profdata first.
  set(message "pgo-helper: merge: write '[^']*/_pgo/profile\\.profdata\\.inputs\\.[^']*': File too large\n")
endif()
function(case_check)
  set(FAULT_FILE_FAULT full-disk)
  fault_run("${message}" -DCASE_FAULT=smaller)
  fault_expect_no_leftovers("after the failed merge")
endfunction()
