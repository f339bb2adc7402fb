# With PGO_BENCHMARK_COMMAND the summary compares each training test with
# the benchmark's profile, and proposes a set and weights fit to it: the
# benchmark runs program a, as train-a does, and nothing of train-b's.
set(CASE_ARGS -DPGO=ON -DPGO_VERBOSE=ON "-DPGO_BENCHMARK_COMMAND=a 300000")

function(case_check)
  run_build(text rc)
  expect_match("build" "${rc}" "^0$")
  set(row "  +[0-9]+\\.[0-9][0-9] +[0-9]+ +[<>]?[0-9.]+% +[0-9]+ +[0-9.]+% +([0-9.]+)%  ")
  foreach(test train-a train-b)
    if(NOT text MATCHES "\n${row}${test}\n")
      fail("no row with a benchmark column for ${test}:\n${text}")
      return()
    endif()
    set(benchmark_${test} "${CMAKE_MATCH_1}")
  endforeach()
  if(benchmark_train-a LESS 90 OR NOT benchmark_train-b LESS 1)
    fail("benchmark overlaps: train-a ${benchmark_train-a}%, train-b ${benchmark_train-b}%: "
      "train-a runs what the benchmark runs, train-b nothing of it")
  endif()
  # The cheapest set for the training's hot code needs both programs; fit
  # to the benchmark, train-a alone does better than the whole.
  expect_match("build" "${text}" "cheapest set   all 2 tests: no smaller set reaches 99%")
  expect_match("build" "${text}" "for the load   1 of 2 tests, [^\n]*reach [0-9.]+% of the whole training's overlap with the benchmark[^\n]*\n +-DPGO_TRAINING_SET='train-a'\n")
  # Weights raise the overlap; train-b keeps half its share, so it stays.
  if(NOT text MATCHES "weights        overlap with the benchmark ([0-9.]+)% unweighted, ([0-9.]+)% with these weights[^\n]*\n +-DPGO_TRAINING_SET='train-a=10000;train-b=([0-9]+)'\n")
    fail("no weights line for train-a and train-b:\n${text}")
    return()
  endif()
  if(NOT CMAKE_MATCH_2 GREATER CMAKE_MATCH_1 OR CMAKE_MATCH_3 LESS 1)
    fail("weights: overlap ${CMAKE_MATCH_1}% -> ${CMAKE_MATCH_2}%, train-b weight ${CMAKE_MATCH_3}")
  endif()
endfunction()
