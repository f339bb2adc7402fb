# PGO_BOLT with an llvm-bolt that does not exist: a configure error saying what to install.
set(CASE_ARGS -DPGO=ON -DPGO_BOLT=ON -DPGO_LLVM_BOLT=/nonexistent/llvm-bolt)
set(CASE_RESULT 1)
set(CASE_STDERR "^CMake Error at .*PGO_LLVM_BOLT is '/nonexistent/llvm-bolt', which does not exist\\. Install Debian's bolt-[0-9]+ \\(apt-get install bolt-[0-9]+\\), or pass -DPGO_LLVM_BOLT=<path to llvm-bolt>, or configure with -DPGO_BOLT=OFF\\.")
