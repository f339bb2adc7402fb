# Larger than any integer: refused before anything computes with it (CMake's math() would fail).
set(CASE_ARGS -DPGO=ON -DPGO_TRAINING_TIMEOUT=99999999999999999999)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_TIMEOUT is '99999999999999999999': give a whole number from 1 to 31536000 \\(seconds, up to a year\\)\\.")
