# A keyword without its value was dropped without a word.
set(CASE_RESULT 1)
set(CASE_STDERR "pgo_add_training\\(t\\): TIMEOUT needs a value")
