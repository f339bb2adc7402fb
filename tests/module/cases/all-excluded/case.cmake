set(CASE_ARGS -DPGO=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO found no C or C\\+\\+ target to optimize: every executable and library is excluded \\(PGO_EXCLUDE\\)")
