set(CASE_RESULT 1)
set(CASE_STDERR "pgo_add_training\\(t\\): TIMEOUT must be a whole number of seconds, got '0'")
