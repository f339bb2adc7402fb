# A name that is no target stops the optimized tree's configure, not its build.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_TARGETS=app no_such_target")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_TARGETS names 'no_such_target', which is not a target of this")
