# PGO together with LTO, in both trees.
set(CASE_SOURCE "${PGO_ROOT}/examples/interp")
set(CASE_ARGS -DPGO=ON "-DCMAKE_MODULE_PATH=${PGO_ROOT}/modules" -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[[0-9]+/[0-9]+\\] .*passed.*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
function(case_check)
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -LE pgo-training
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    fail("the example's tests failed on the optimized LTO build:\n${out}")
  endif()
  expect_flag(vm.c "-flto")
endfunction()
