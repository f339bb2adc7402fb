set(CASE_ARGS -DPGO=ON -DPGO_GENERALIZE_FOLDS=1)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_GENERALIZE_FOLDS is '1': give a whole number from 2 to 1000 \\(groups of training tests\\)\\.")
