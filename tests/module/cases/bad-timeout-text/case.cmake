set(CASE_ARGS -DPGO=ON -DPGO_TRAINING_TIMEOUT=1h)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_TIMEOUT is '1h': give a whole number greater than 0\\.")
