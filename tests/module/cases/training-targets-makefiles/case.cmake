# training-targets with Makefiles, whose custom commands cannot wait for
# another target's objects alone: the setting is checked, said to need
# Ninja, and the instrumented tree builds every target.
set(CASE_GENERATOR "Unix Makefiles")
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_TARGETS=a b")
set(CASE_PROJECT "${CMAKE_CURRENT_LIST_DIR}/../training-targets")

function(case_check)
  run_build(text rc)
  expect_match("build" "${rc}" "^0$")
  expect_match("build" "${text}"
    "PGO: PGO_TRAINING_TARGETS needs a Ninja generator; with Unix Makefiles the instrumented tree builds every target before training")
  expect_match("build" "${text}" "train-b: passed")
  expect_file("${BUILD_DIR}/_pgo/instrumented/c")
  run_configure(text rc "-DPGO_TRAINING_TARGETS=a nosuch")
  expect_match("configure with a name that is no target" "${rc}" "^[1-9]")
  expect_match("configure with a name that is no target" "${text}"
    "PGO_TRAINING_TARGETS names 'nosuch', which is not a target of this project")
endfunction()
