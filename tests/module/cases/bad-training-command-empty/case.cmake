set(CASE_RESULT 1)
set(CASE_STDERR "No COMMAND given to pgo_add_training\\(t\\)")
