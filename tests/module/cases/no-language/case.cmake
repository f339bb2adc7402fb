set(CASE_ARGS -DPGO=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO needs the C or CXX language: include\\(PGO\\) after a project\\(\\) call that enables C or CXX\\.")
