set(CASE_ARGS -DPGO=ON "-DPGO_LLVM_PROFDATA=${WORK_DIR}")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_LLVM_PROFDATA is '[^']*', which does not exist or does not run\\. Install llvm-[0-9]+ \\(it ships llvm-profdata\\) or clear PGO_LLVM_PROFDATA to let PGO find one\\.")
