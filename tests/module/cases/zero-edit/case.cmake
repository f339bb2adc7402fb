# Zero edits: the module comes in through CMAKE_PROJECT_INCLUDE (after every
# project() call, the subproject's too), the training from the command line:
# a command run in the build tree, and the project's own test 'unit'.  The benchmark
# command, from the command line too, gets the training compared with it.
set(CASE_ARGS -DPGO=ON "-DCMAKE_PROJECT_INCLUDE=${PGO_ROOT}/modules/PGO.cmake"
  "-DPGO_TRAINING_COMMAND=app 400000" "-DPGO_TRAINING_TESTS=^unit$"
  "-DPGO_BENCHMARK_COMMAND=app 100000")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[[12]/2\\] (pgo-training-command|unit): passed.*train: \\[[12]/2\\] (pgo-training-command|unit): passed.*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training.*\n  representative [0-9.]+%: [^\n]*workload: 'app 100000'")
set(CASE_BUILD_NOT "train: [^\n]* other: ")
function(case_check)
  expect_flag(work.c "-O2 -fno-strict-aliasing")
  expect_flag(work.c "-fprofile-use=")
  expect_flag(main.c "-fprofile-use=")
  file(READ "${BUILD_DIR}/_pgo/instrumented/CMakeCache.txt" cache)
  expect_match("the instrumented tree's cache" "${cache}" "CMAKE_PROJECT_INCLUDE:[A-Z]+=${PGO_ROOT}/modules/PGO.cmake")
endfunction()
