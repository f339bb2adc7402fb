set(CASE_ARGS -DPGO=ON -DPGO_TRAINING_JOBS=-1)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_JOBS is '-1': give a whole number \\(0: one per core\\)\\.")
