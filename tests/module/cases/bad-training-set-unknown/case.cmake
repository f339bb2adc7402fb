# A set that names no test of the tree: the training stops before running
# anything and names the test.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_SET=app-train\\;no-such-test=2")
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "PGO_TRAINING_SET names 'no-such-test', which is no CTest test of [^\n]*instrumented")
set(CASE_BUILD_NOT "app-train: passed")
