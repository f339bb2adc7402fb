# Hostile training names and arguments work end to end: an argument holding ';' reaches the
# program whole from pgo_add_training() and from PGO_TRAINING_COMMAND (the two failing
# trainings print what they got; failures are allowed).
set(CASE_ARGS -DPGO=ON -DPGO_TRAINING_ALLOW_FAILURES=ON
  "-DPGO_TRAINING_COMMAND=sh -c \"echo 'cmd:p\\;q é'\\; exit 4\"")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "PGO \\[3/3\\]")
function(case_check)
  # In any order: the trainings run in parallel.
  expect_match("build output" "${BUILD_OUTPUT}" "train: \\[[1-5]/5\\] name with spaces é ü: passed")
  expect_match("build output" "${BUILD_OUTPUT}" "train: \\[[1-5]/5\\] semi;colon: passed")
  expect_match("build output" "${BUILD_OUTPUT}" "train: \\[[1-5]/5\\] (long-)+name: passed")
  expect_match("build output" "${BUILD_OUTPUT}" "\narg:x;y é\n")
  expect_match("build output" "${BUILD_OUTPUT}" "\ncmd:p;q é\n")
  expect_match("build output" "${BUILD_OUTPUT}" "train: 5 tests \\(2 failed\\)")
endfunction()
