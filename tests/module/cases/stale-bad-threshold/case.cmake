set(CASE_ARGS -DPGO=ON -DPGO_STALE_THRESHOLD=lots)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_STALE_THRESHOLD is 'lots': give a percentage from 0 to 100, or leave it empty never to fail\\.")
