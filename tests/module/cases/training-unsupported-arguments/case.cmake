set(CASE_RESULT 1)
set(CASE_STDERR "pgo_add_training\\(\\): Unsupported arguments: FOO")
