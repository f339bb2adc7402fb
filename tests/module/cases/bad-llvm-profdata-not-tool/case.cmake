set(CASE_ARGS -DPGO=ON -DPGO_LLVM_PROFDATA=/bin/true)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_LLVM_PROFDATA is '/bin/true', which is not an llvm-profdata: '/bin/true merge --version' names no version\\. Install llvm-[0-9]+ \\(it ships llvm-profdata\\) or clear PGO_LLVM_PROFDATA to let PGO find one\\.")
