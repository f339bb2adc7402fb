set(CASE_RESULT 1)
set(CASE_STDERR "pgo_add_training\\(t\\): WORKING_DIRECTORY needs a value")
