set(CASE_ARGS -DPGO=ON -DPGO_REPRESENTATIVE_THRESHOLD=high)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_REPRESENTATIVE_THRESHOLD is 'high': give a percentage from 0 to 100 \\(0 never warns\\)\\.")
