# Raw profiles cut short (a writer killed or a disk full while the instrumented program
# exited): the merge fails naming the file, the last good profile stays, and the next build
# recovers.
include("${CASE_DIR}/../fault-training-kill/faults.cmake")
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
if(CC MATCHES "gcc")
  set(message "pgo-helper: merge: '[^']*/_pgo/raw/t0002/CMakeFiles#[a-z]+\\.dir#[a-z]+\\.c\\.gcda' is not a \\.gcda file \\(truncated record\\): a training process was interrupted while writing it, or something else wrote it. run the training again\n")
else()
  # The header is whole, so pgo-helper passes the file on; llvm-profdata names it.
  set(message "warning: [^\n]*/_pgo/raw/t0002/[0-9]+\\.profraw: invalid instrumentation profile data \\(file header is corrupt\\)\n.*pgo-helper: merge: '[^']*llvm-profdata merge' failed \\(exit code 1\\)\n")
endif()
function(case_check)
  fault_run("${message}" -DCASE_FAULT=truncate)
endfunction()
