# Zero edits through CMAKE_PROJECT_TOP_LEVEL_INCLUDES (read at the first
# project() call only); the training from the command line, as in zero-edit.
set(CASE_ARGS -DPGO=ON "-DCMAKE_PROJECT_TOP_LEVEL_INCLUDES=${PGO_ROOT}/modules/PGO.cmake"
  "-DPGO_TRAINING_COMMAND=app 400000" "-DPGO_TRAINING_TESTS=^unit$")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[[12]/2\\] (pgo-training-command|unit): passed.*train: \\[[12]/2\\] (pgo-training-command|unit): passed.*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
set(CASE_BUILD_NOT "train: [^\n]* other: ")
function(case_check)
  expect_flag(work.c "-O2 -fno-strict-aliasing")
  expect_flag(work.c "-fprofile-use=")
  expect_flag(main.c "-fprofile-use=")
  file(READ "${BUILD_DIR}/_pgo/instrumented/CMakeCache.txt" cache)
  expect_match("the instrumented tree's cache" "${cache}" "CMAKE_PROJECT_TOP_LEVEL_INCLUDES:[A-Z]+=${PGO_ROOT}/modules/PGO.cmake")
endfunction()
