# Every test weighs 0: no training is left, and the configure says so.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_SET=app-train=0")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_SET gives every test weight 0, which leaves no training")
