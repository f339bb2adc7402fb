# PGO_CSPGO: a second, context-sensitive instrumented tree compiled with the
# first profile, trained again, merged with it; the optimized build reads both.
set(CASE_ARGS -DPGO=ON -DPGO_CSPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "PGO \\[2/3\\]: instrumented build.*merge: profile updated: [^\n]*/_pgo/profile\\.profdata.*PGO \\[1/3\\]: configuring the context-sensitive instrumented build.*PGO \\[2/3\\]: context-sensitive instrumented build.*train: \\[1/1\\] app-train: passed.*merge: profile updated: [^\n]*/_pgo/profile-cs\\.profdata \\(1 raw profile and the base profile\\).*PGO \\[3/3\\].*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training, [1-9][0-9]* context-sensitive records")
function(case_check)
  set(top "${BUILD_DIR}")
  expect_flag(work.c "-fprofile-use=[^ ]*/_pgo/profile-cs\\.profdata")
  expect_no_flag(work.c "-fcs-profile-generate")
  # The second pass: the first profile in, context-sensitive counters out.
  set(BUILD_DIR "${top}/_pgo/cs-instrumented")
  expect_flag(work.c "-fprofile-use=[^ ]*/_pgo/profile\\.profdata")
  expect_flag(work.c "-fcs-profile-generate=[^ ]*/_pgo/cs-instrumented/_pgo/manual")
  expect_flag(main.c "-fcs-profile-generate=")
  expect_no_flag(tool.c "-fcs-profile-generate")
  # The first pass is a plain instrumented tree.
  set(BUILD_DIR "${top}/_pgo/instrumented")
  expect_flag(work.c "-fprofile-generate=")
  expect_no_flag(work.c "-fcs-profile-generate|-fprofile-use")
  set(BUILD_DIR "${top}")

  # The report says the profile is context-sensitive.
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target pgo-report
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("pgo-report" "${text}" "context +[1-9][0-9]* context-sensitive records \\(PGO_CSPGO\\)")
  file(READ "${BUILD_DIR}/_pgo/report.html" html)
  expect_match("report.html" "${html}" "and [1-9][0-9]* context-sensitive records, PGO_CSPGO")

  # Nothing changed: neither pass trains, nothing compiles.
  run_build(text rc)
  expect_match("second build" "${rc}" "^0$")
  if(text MATCHES "Building C object|train: \\[|merge: profile")
    fail("a second build with nothing changed did work:\n${text}")
  endif()

  # Other training: both passes train again, and the optimized objects follow.
  run_configure(text rc -DCASE_TRAIN_N=700000)
  run_build(text rc)
  expect_match("build after changing the training" "${rc}" "^0$")
  expect_match("build after changing the training" "${text}"
    "profile updated: [^\n]*/profile\\.profdata.*Building C object CMakeFiles/work\\.dir/work\\.c\\.o.*profile updated: [^\n]*/profile-cs\\.profdata.*Building C object CMakeFiles/work\\.dir/work\\.c\\.o")

  # pgo-clean drops both instrumented trees and both profiles, which are there first.
  set(made _pgo/cs-instrumented _pgo/instrumented _pgo/profile-cs.profdata _pgo/profile.profdata)
  foreach(path IN LISTS made)
    expect_file("${BUILD_DIR}/${path}")
  endforeach()
  run_build(text rc --target pgo-clean)
  expect_match("pgo-clean" "${rc}" "^0$")
  foreach(gone IN LISTS made)
    if(EXISTS "${BUILD_DIR}/${gone}")
      fail("pgo-clean left ${gone}")
    endif()
  endforeach()
endfunction()
