# Larger than any integer: refused before math() multiplies it by the slowdown.
set(CASE_RESULT 1)
set(CASE_STDERR "pgo_add_training\\(t\\): TIMEOUT must be at most 31536000 seconds \\(a year\\), got '99999999999999999999'")
