set(CASE_RESULT 1)
set(CASE_STDERR "pgo_add_training\\(\\): the first argument must be the test name, as in pgo_add_training\\(app-small COMMAND app --input small\\.txt\\)")
