# PGO_TRAINING_TESTS that matches no test: a warning, the other training goes on.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_TESTS=^no-such-test$")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "pgo-helper: train: no CTest test matches --tests-regex '\\^no-such-test\\$' \\(PGO_TRAINING_TESTS\\).*train: \\[1/1\\] app-train: passed")
