# The manual flow of the guides: an instrumented tree, the training run by
# hand with ctest, the raw profiles merged by hand, an optimized tree built
# with PGO_PROFILE.  The target pgo-profile does the training and the merge.
set(CASE_ARGS -DPGO=INSTRUMENT)
set(CASE_BUILD ON)
function(case_check)
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -L pgo-training
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("ctest -L pgo-training" "${rc}" "^0$")
  if(CC MATCHES "clang")
    file(GLOB raw "${BUILD_DIR}/_pgo/manual/*.profraw")
  else()
    file(GLOB raw "${BUILD_DIR}/_pgo/manual/*.gcda")
  endif()
  if(NOT raw)
    fail("ctest -L pgo-training wrote no raw profile in ${BUILD_DIR}/_pgo/manual")
  endif()

  run_build(text rc --target pgo-profile)
  expect_match("pgo-profile" "${rc}" "^0$")
  expect_match("pgo-profile" "${text}" "train: \\[1/1\\] app-train: passed.*merge: profile updated")
  if(CC MATCHES "clang")
    set(profile "${BUILD_DIR}/_pgo/profile.profdata")
  else()
    file(REAL_PATH "${BUILD_DIR}/_pgo/gcda/profile" profile)
  endif()
  expect_file("${profile}")

  set(BUILD_DIR "${WORK_DIR}/optimized")
  run_configure(text rc -G Ninja "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}"
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DPGO=ON "-DPGO_PROFILE=${profile}"
    ${helper_arg})
  expect_match("configure with PGO_PROFILE" "${rc}" "^0$")
  run_build(text rc)
  expect_match("optimized build" "${rc}" "^0$")
  expect_match("optimized build" "${text}" "profile data +[1-9][0-9]* functions, [1-9][0-9]* ran")
endfunction()
