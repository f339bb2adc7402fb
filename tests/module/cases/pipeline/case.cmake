# The whole pipeline on the tiny project, then the incremental rules.
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "PGO \\[1/3\\].*PGO \\[2/3\\].*train: \\[1/1\\] app-train: passed.*PGO \\[3/3\\].*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
function(case_check)
  expect_flag(work.c "-fprofile-use=")
  if(CC MATCHES "gcc")
    file(GLOB gcda "${BUILD_DIR}/_pgo/gcda/profile/*.gcda")
    expect_match("merged GCC profile" "${gcda}" "CMakeFiles#work\\.dir#work\\.c\\.gcda")
  else()
    expect_file("${BUILD_DIR}/_pgo/profile.profdata")
  endif()
  # The project's own tests run on the optimized build.
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -R app-runs
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    fail("ctest in the optimized tree failed:\n${out}")
  endif()

  # Nothing changed: no training, no compile.
  run_build(text rc)
  expect_match("second build" "${rc}" "^0$")
  if(text MATCHES "Building C object|train: \\[|merge: profile")
    fail("a second build with nothing changed did work:\n${text}")
  endif()

  # A changed source retrains and recompiles.
  file(TOUCH "${source}/work.c")
  run_build(text rc)
  expect_match("build after touching work.c" "${rc}" "^0$")
  expect_match("build after touching work.c" "${text}" "train: \\[1/1\\] app-train: passed.*Building C object CMakeFiles/work\\.dir/work\\.c\\.o")

  # Other training gives another profile, which recompiles every object,
  # also those whose source did not change.
  run_configure(text rc -DCASE_TRAIN_N=700000)
  run_build(text rc)
  expect_match("build after changing the training" "${rc}" "^0$")
  expect_match("build after changing the training" "${text}" "merge: profile updated.*PGO \\[3/3\\]")
  string(REGEX REPLACE ".*merge: profile updated" "" after "${text}")
  expect_match("optimized compiles after the new profile" "${after}" "Building C object CMakeFiles/app\\.dir/main\\.c\\.o")
  expect_match("optimized compiles after the new profile" "${after}" "Building C object CMakeFiles/work\\.dir/work\\.c\\.o")
endfunction()
