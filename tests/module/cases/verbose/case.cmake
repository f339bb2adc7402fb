# PGO_VERBOSE: the instrumented build shows its compile lines, the helper
# the commands and environment it runs the training with.
set(CASE_ARGS -DPGO=ON -DPGO_VERBOSE=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "-fprofile-generate=.*train: \\[1/1\\] app-train: run: (LLVM_PROFILE_FILE|GCOV_PREFIX)=[^\n]*ctest --test-dir [^\n]* -I [0-9]+,[0-9]+")
