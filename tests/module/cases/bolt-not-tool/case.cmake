# PGO_LLVM_BOLT naming a program that is not llvm-bolt: a configure error saying what to install.
find_program(true_program true REQUIRED)
set(CASE_ARGS -DPGO=ON -DPGO_BOLT=ON "-DPGO_LLVM_BOLT=${true_program}")
set(CASE_RESULT 1)
set(CASE_STDERR "^CMake Error at .*PGO_LLVM_BOLT is '[^']*true', which is not an llvm-bolt: '[^']*true --version' names no LLVM version\\. Install Debian's bolt-[0-9]+ ")
