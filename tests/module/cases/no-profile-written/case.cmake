set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "training test 'echo' wrote no profile.*pgo-helper: train: training wrote no profile in [^\n]*: the training tests must run programs built in the instrumented tree")
