# An optimized tree trains the whole training: a shard there is a mistake, and the error
# says how shards are trained and merged.
set(CASE_ARGS -DPGO=ON -DPGO_TRAINING_SHARD=1/2)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_SHARD is '1/2' in a PGO=ON tree, which trains with all the training tests\\. Train each shard in its own PGO=INSTRUMENT tree .*-DPGO_PROFILE=<archive 1>;<archive 2>;")
