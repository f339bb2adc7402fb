set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "pgo-helper: train: no training registered in [^\n]*: add one with pgo_add_training\\(\\) or give a CTest test the label pgo-training")
