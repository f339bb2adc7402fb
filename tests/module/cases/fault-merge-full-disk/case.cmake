# A full disk while merging: pgo-helper merge runs (through a wrapper given as PGO_HELPER)
# with RLIMIT_FSIZE 0, so that every write of it and of the merge tool fails (EFBIG, as
# ENOSPC would).  The build fails saying which write failed, the last good profile stays
# whole, no temporary is left, and the next build recovers.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
fault_wrapper("${WORK_DIR}/helper" "${PGO_HELPER}" merge)
set(CASE_ARGS -DPGO=ON "-DPGO_HELPER=${WORK_DIR}/helper")
set(CASE_BUILD ON)
if(CC MATCHES "gcc")
  # gcov-tool writes the merged files first, and exits 0 though its writes failed: the
  # helper finds the empty files before they replace the profile.
  set(message "pgo-helper: merge: '/usr/bin/gcov-tool-12 merge' wrote '[^']*/_pgo/gcda/profile\\.tmp\\.[^/]*/m1/CMakeFiles#[^']*\\.gcda', which is not a \\.gcda file \\(too short for a \\.gcda header\\): check the free space and the permissions of [^\n]*/m1\n")
else()
  # pgo-helper writes the list of inputs for llvm-profdata first.
  set(message "pgo-helper: merge: write '[^']*/_pgo/profile\\.profdata\\.inputs\\.[^']*': File too large\n")
endif()
function(case_check)
  set(FAULT_FILE_FAULT full-disk)
  fault_run("${message}" -DCASE_FAULT=smaller)
  fault_expect_no_leftovers("after the failed merge")
endfunction()
