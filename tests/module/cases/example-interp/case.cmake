# End to end on the bundled interpreter: pipeline, tests on the optimized
# build, the profile really consumed, and a no-op second build.
set(CASE_SOURCE "${PGO_ROOT}/examples/interp")
set(CASE_ARGS -DPGO=ON "-DCMAKE_MODULE_PATH=${PGO_ROOT}/modules")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[[0-9]+/[0-9]+\\] .*passed.*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training.*placement +[1-9][0-9]* of [0-9]+ functions of 1 linked file placed by the profile: [0-9]+ hot, [0-9]+ cold.*\\(LTO: read from the link maps\\)")
function(case_check)
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -LE pgo-training
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    fail("the example's tests failed on the optimized build:\n${out}")
  endif()
  run_build(text rc)
  expect_match("second build" "${rc}" "^0$")
  if(text MATCHES "Building C object|train: \\[|merge: profile")
    fail("a second build with nothing changed did work:\n${text}")
  endif()
endfunction()
