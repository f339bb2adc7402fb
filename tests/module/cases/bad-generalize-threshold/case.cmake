set(CASE_ARGS -DPGO=ON -DPGO_GENERALIZE_THRESHOLD=101)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_GENERALIZE_THRESHOLD is '101': give a percentage from 0 to 100 \\(0 names no group\\)\\.")
