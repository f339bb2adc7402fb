# A weight that is no whole number: the configure stops and says how to write one.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_SET=app-train=1.5")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_SET: 'app-train=1\\.5' has a weight that is no whole number: write <test>=<weight>")
