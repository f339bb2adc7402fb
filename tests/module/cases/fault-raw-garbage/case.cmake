# A file that is not a raw profile among the raw profiles (something else wrote into the raw
# folder) stops the merge with the file's name, before any merge tool reads it; the last good
# profile stays and the next build recovers.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
if(CC MATCHES "gcc")
  set(message "pgo-helper: merge: '[^']*/_pgo/raw/t0002/garbage\\.gcda' is not a \\.gcda file \\(no 'gcda' magic\\): a training process was interrupted while writing it, or something else wrote it. run the training again\n")
else()
  set(message "pgo-helper: merge: '[^']*/_pgo/raw/t0002/garbage\\.profraw' is not a raw LLVM profile \\(truncated or corrupt\\): delete it or re-run the training\n")
endif()
function(case_check)
  fault_run("${message}" -DCASE_FAULT=garbage)
endfunction()
