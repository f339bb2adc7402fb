# Tests with labels of the project's own: summary -v's generalizes line
# groups them by label instead of round-robin, and names the label whose
# group the others do not predict: parse's tests run code sum's never run.
set(CASE_ARGS -DPGO=ON -DPGO_VERBOSE=ON)

function(case_check)
  run_build(text rc)
  expect_match("build" "${rc}" "^0$")
  expect_match("build" "${text}" "generalizes +0\\.0% \\(2 groups by CTest label, each group's counts against the others'\\)")
  expect_match("build" "${text}" "below 80%: label parse, 0\\.0% \\(train-a1, train-a2\\)")
  expect_match("build" "${text}" "below 80%: label sum, 0\\.0% \\(train-b\\)")
endfunction()
