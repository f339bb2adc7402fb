# More shards than training tests would leave a CI job with nothing to train: the
# training stops, naming how many shards the training can have.
set(CASE_ARGS -DPGO=INSTRUMENT -DPGO_TRAINING_SHARD=2/3)
function(case_check)
  run_build(text rc --target pgo-profile)
  expect_match("pgo-profile with 3 shards of 2 tests" "${rc}" "^[1-9]")
  string(REGEX REPLACE "[ \t\r\n]+" " " text "${text}")
  expect_match("pgo-profile with 3 shards of 2 tests" "${text}" "--shard 2/3: the training has 2 tests, fewer than 3 shards, and a shard must train with at least one: make at most 2 shards \\(PGO_TRAINING_SHARD\\)")
endfunction()
