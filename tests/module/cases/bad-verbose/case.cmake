# A value if() would take as false without a word.
set(CASE_ARGS -DPGO=ON -DPGO_VERBOSE=maybe)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_VERBOSE is 'maybe': give ON or OFF\\.")
