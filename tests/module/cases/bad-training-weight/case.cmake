set(CASE_ARGS -DPGO=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "pgo_add_training\\(app-train\\): WEIGHT must be a whole number from 1 to 1000000, got '0'")
