set(CASE_ARGS -DPGO=ON -DPGO_TRAINING_JOBS=5000)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_JOBS is '5000': give a whole number from 0 to 4096 \\(0: one per core\\)\\.")
