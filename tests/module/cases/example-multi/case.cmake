# End to end on the multi-target example: static and shared libraries, a
# program, a code generator run during the build (kept out of PGO).
set(CASE_SOURCE "${PGO_ROOT}/examples/multi")
set(CASE_ARGS -DPGO=ON "-DCMAKE_MODULE_PATH=${PGO_ROOT}/modules")
set(CASE_BUILD ON)
# The generator is found by the module: the example sets no PGO_EXCLUDE.
set(CASE_STDOUT "-- PGO: gen_tables runs during the build: built without PGO\n")
set(CASE_BUILD_OUTPUT "train: \\[[0-9]+/[0-9]+\\] .*passed.*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
function(case_check)
  expect_no_flag(gen_tables.c "fprofile")
  expect_flag(crc.c "-fprofile-use=")
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
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    fail("cmake --install of the optimized build failed:\n${out}")
  endif()
endfunction()
