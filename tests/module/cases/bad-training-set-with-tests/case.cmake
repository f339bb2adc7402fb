# The set replaces the training; an expression beside it would be ignored: an error.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_SET=app-train" "-DPGO_TRAINING_TESTS=^app")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_SET and PGO_TRAINING_TESTS are both set")
