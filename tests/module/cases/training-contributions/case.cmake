# summary -v's table of what each training test adds, read back from the
# tests' own profiles, and the report's: train-a1 and train-a2 run program a
# on inputs of other sizes, so each resembles the rest of the training;
# train-b runs b, whose code no other test runs, so it resembles the rest
# little and holds functions hot in it alone.  A test named with markup
# reaches the page as text.
set(CASE_ARGS -DPGO=ON -DPGO_VERBOSE=ON)

function(case_check)
  run_build(text rc)
  expect_match("build" "${rc}" "^0$")
  expect_match("build" "${text}" "training tests what each adds")
  # The default limit, 256 MB, keeps every test's folder.
  expect_match("build" "${text}" "test profiles  4 of 4 training tests' own profiles kept")
  set(row "  +([0-9]+\\.[0-9][0-9]) +([0-9]+) +([<>]?[0-9.]+)% +([0-9]+) +([0-9.]+)%  ")
  foreach(test train-a1 train-a2 train-b)
    if(NOT text MATCHES "\n${row}${test}\n")
      fail("no row for ${test} in the table:\n${text}")
      return()
    endif()
    set(overlap_${test} "${CMAKE_MATCH_5}")
    set(hot_only_${test} "${CMAKE_MATCH_4}")
    set(reached_${test} "${CMAKE_MATCH_2}")
  endforeach()
  # The rest of train-a1 is mostly train-a2 (parse's counts, as train-a1's)
  # and train-b (sum's, half of the rest's counts): about a third in common.
  if(NOT overlap_train-a1 GREATER 20 OR NOT overlap_train-b LESS 5)
    fail("overlaps: train-a1 ${overlap_train-a1}%, train-b ${overlap_train-b}%: train-a1 "
      "shares parse's counts with train-a2, train-b shares nothing with them")
  endif()
  if(hot_only_train-b LESS 1 OR NOT hot_only_train-a1 EQUAL 0)
    fail("hot only: train-b ${hot_only_train-b}, train-a1 ${hot_only_train-a1}: sum() is hot in "
      "train-b alone, parse() in both train-a tests")
  endif()
  if(reached_train-b LESS 2)
    fail("train-b reached ${reached_train-b} functions: main and sum ran")
  endif()

  # Four tests, five groups asked: one group per test.  train-b's counts
  # lie where no other test's do.
  expect_match("build" "${text}" "generalizes +[0-9.]+% \\(4-fold: the tests dealt round-robin into 4 groups")
  expect_match("build" "${text}" "below 80%: group 3, 0\\.0% \\(train-b\\)")

  # The cheapest set: the markup-named test adds 0.1% of the counts, the
  # others the proportions of parse's and sum's counts; the value to apply it
  # names the three others.
  expect_match("build" "${text}" "cheapest set   3 of 4 tests, [0-9.]+ s of [0-9.]+ s \\(saves [0-9.]+ s, [0-9]+%\\), reach [0-9.]+% of the whole training's hot counters")
  expect_match("build" "${text}" "\n +-DPGO_TRAINING_SET='train-a1;train-a2;train-b'\n")

  # The page: the same table, the hostile name as text.
  set(page "${BUILD_DIR}/_pgo/report.html")
  expect_file("${page}")
  foreign_tags("${page}" foreign)
  if(foreign)
    fail("the report holds foreign tags: ${foreign}")
  endif()
  file(READ "${page}" html)
  expect_match("report.html" "${html}" "<h2>The training tests</h2>")
  expect_match("report.html" "${html}" "<tr><td>train-b</td><td class=\"num\">[0-9]+\\.[0-9][0-9]</td>")
  expect_match("report.html" "${html}" "<tr><td>&lt;img src=x onerror=alert\\(1\\)&gt;</td>")
endfunction()
