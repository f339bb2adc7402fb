# PGO_TRAINING_SET replaces the training: the labelled train-a2 and train-b
# are not named, so they do not run; the project's own test own-b, which no
# label makes training, runs and weighs 9; train-a1 runs with weight 1.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_SET=train-a1\\;own-b=9\\;train-b=0")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[[12]/2\\] (train-a1|own-b): passed.*train: \\[[12]/2\\] (train-a1|own-b): passed")
set(CASE_BUILD_NOT "train-a2: passed|train-b: passed")
# Two tests, without PGO_VERBOSE: the summary still says whether the
# training generalizes; train-a1 and own-b run different programs.
set(CASE_BUILD_OUTPUT "${CASE_BUILD_OUTPUT}.*generalizes +[0-9.]+% \\(2-fold: the tests dealt round-robin into 2 groups")

function(case_check)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target pgo-report
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("pgo-report" "${rc}" "^0$")
  # sum() runs in own-b only, parse() in train-a1 only: own-b's weight 9
  # makes sum's share 96% (73% at weight 1).
  expect_match("sum's share" "${text}" "\n +9[0-9]\\.[0-9]% [#]* +sum ")
  expect_match("parse's share" "${text}" "\n +[1-8]\\.[0-9]% [#]* +parse ")
  file(READ "${BUILD_DIR}/_pgo/instrumented/_pgo/training.txt" manifest)
  expect_match("the training manifest" "${manifest}" "PGO_TRAINING_SET: train-a1, own-b=9, train-b=0")
endfunction()
