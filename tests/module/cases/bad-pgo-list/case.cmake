# A list where one word is expected: the value is named whole.
set(CASE_ARGS "-DPGO=ON\\;INSTRUMENT")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO is 'ON;INSTRUMENT': set it to OFF, ON \\(optimized build\\) or INSTRUMENT \\(instrumented build\\)\\.")
