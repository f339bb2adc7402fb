# PGO_TRAINING_TESTS that is not a regular expression: CTest only prints a complaint and
# lists nothing; pgo-helper turns it into an error.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_TESTS=app-(runs")
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "pgo-helper: train: --tests-regex 'app-\\(runs' \\(PGO_TRAINING_TESTS\\) is not a valid regular expression \\(RegularExpression::compile\\(\\): Unmatched parentheses\\.\\)")
