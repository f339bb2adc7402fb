# TIMEOUT 1 becomes 2 s in the instrumented build (slowdown 2): CTest stops it.
set(CASE_ARGS -DPGO=ON -DPGO_INSTRUMENTED_SLOWDOWN=2)
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "training test 'hang' failed.*Timeout")
