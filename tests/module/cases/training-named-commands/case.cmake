# PGO_TRAINING_COMMAND_<name>: a project that cannot be edited trains with
# several commands, each its own test, so that PGO_TRAINING_REUSE reruns only
# the one an edit touched (one command holding both runs would run whole).
# The project is training-reuse's without its own tests: command a runs
# program a (parse.c), command b program b (sum.c).
set(CASE_PROJECT "${CMAKE_CURRENT_LIST_DIR}/../training-reuse")
set(commands "-DPGO_TRAINING_COMMAND_a=a 200000" "-DPGO_TRAINING_COMMAND_b.1=b 400000")
set(CASE_ARGS -DPGO=ON -DOWN_TRAINING=OFF -DPGO_TRAINING_REUSE=ON ${commands})
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[[12]/2\\] pgo-training-command-a: passed")

# The training tests of the instrumented tree, as ctest lists them.
function(training_tests out)
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}/_pgo/instrumented" -N -L pgo-training
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("ctest -N in the instrumented tree" "${rc}" "^0$")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(case_check)
  expect_match("first build" "${BUILD_OUTPUT}" "train: \\[[12]/2\\] pgo-training-command-b\\.1: passed")
  training_tests(listed)
  expect_match("the instrumented tree's training" "${listed}"
    "Test +#[0-9]+: pgo-training-command-a\n.*Test +#[0-9]+: pgo-training-command-b\\.1\n.*Total Tests: 2")

  # An edit of sum.c, which program b alone runs: command b alone trains again.
  edit_source(sum.c "    long s = 0;\n" "    long s = 0;\n    volatile int probe = 0;\n    (void)probe;\n")
  run_build(text rc)
  expect_match("build after the edit of sum()" "${rc}" "^0$")
  expect_match("build after the edit of sum()" "${text}"
    "train: 1 of 2 tests run again; 1 keep the profiles of their last run")
  expect_match("build after the edit of sum()" "${text}" "pgo-training-command-b\\.1: passed")
  if(text MATCHES "pgo-training-command-a: passed")
    fail("after an edit of sum.c, command a trained again:\n${text}")
  endif()
  build_pgo_from_scratch("${WORK_DIR}/scratch" "the edit of sum()" -DOWN_TRAINING=OFF ${commands})
  foreach(program a b)
    expect_same_file("${BUILD_DIR}/${program}" "${WORK_DIR}/scratch/${program}"
      "after the edit of sum(), ${program} differs from a build from scratch of the same sources")
  endforeach()

  # Removed here (-U), the command is gone from the instrumented tree too, whose cache
  # still holds it.
  run_configure(text rc "-UPGO_TRAINING_COMMAND_b.1")
  expect_match("configure with command b removed" "${rc}" "^0$")
  run_build(text rc)
  expect_match("build with command b removed" "${rc}" "^0$")
  training_tests(listed)
  expect_match("the instrumented tree's training without b" "${listed}" "Total Tests: 1\n")
  if(listed MATCHES "pgo-training-command-b")
    fail("command b, removed, still trains:\n${listed}")
  endif()
endfunction()
