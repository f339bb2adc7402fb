# A plain add_test() with the pgo-training label is training too.
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[1/1\\] labelled: passed")
