# A shard is K of N: "3/2" (K past N) is refused at configure, with the form to give.
set(CASE_ARGS -DPGO=INSTRUMENT -DPGO_TRAINING_SHARD=3/2)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_SHARD is '3/2': give K/N, shard K of N, two whole numbers with 1 <= K <= N <= 99999 \\(1/3, 2/3 and 3/3 split the training in three\\)\\.")
