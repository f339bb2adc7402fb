set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "training test 'crash' failed.*SegFault")
