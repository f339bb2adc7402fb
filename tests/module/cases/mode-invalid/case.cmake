set(CASE_ARGS -DPGO=MAYBE)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO is 'MAYBE': set it to OFF, ON \\(optimized build\\) or INSTRUMENT \\(instrumented build\\)\\.")
