# pgo-helper bolt killed (SIGKILL) during the BOLT training, while the program at the target
# path is the instrumented one: the build fails, and the next build puts the linked program
# back before anything else, then bolts it; no instrumented file and no temporary is left.
set(CASE_ARGS -DPGO=ON -DPGO_BOLT=ON "-DCASE_KILL_TRIGGER=${WORK_DIR}/kill")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "bolt: app: bolted")

function(state_kind out)
  file(STRINGS "${BUILD_DIR}/_pgo/bolt/app.state" kind REGEX "^kind ")
  set(${out} "${kind}" PARENT_SCOPE)
endfunction()

function(case_check)
  # A new link, and the killer armed.
  file(APPEND "${source}/main.c" "int bolt_interrupted_extra(int x) { return x * 5; }\n")
  file(WRITE "${WORK_DIR}/kill" "")
  # The output goes to a file: the tests the killed helper started may outlive it.
  execute_process(COMMAND sh -c "\"$1\" --build \"$2\" >\"$3\" 2>&1" sh "${CMAKE_COMMAND}"
    "${BUILD_DIR}" "${WORK_DIR}/killed-build.log" RESULT_VARIABLE rc)
  file(READ "${WORK_DIR}/killed-build.log" text)
  expect_match("exit code of the killed build" "${rc}" "^[1-9]")
  expect_match("killed build" "${text}" "bolt: instrumenting app")
  if(EXISTS "${WORK_DIR}/kill")
    fail("the killer never ran:\n${text}")
  endif()
  state_kind(kind)
  expect_match("state after the kill" "${kind}" "^kind instrumented$")

  run_build(text rc)
  expect_match("exit code of the build after the kill" "${rc}" "^0$")
  expect_match("build after the kill" "${text}"
    "bolt: app: restoring the linked file that an interrupted run left instrumented.*bolt: instrumenting app.*bolt: app: bolted")
  state_kind(kind)
  expect_match("state after the recovery" "${kind}" "^kind bolted$")
  file(GLOB left "${BUILD_DIR}/*.tmp.*" "${BUILD_DIR}/_pgo/bolt/*.tmp.*")
  if(left)
    fail("temporaries are left: ${left}")
  endif()
  execute_process(COMMAND "${BUILD_DIR}/app" 1000 RESULT_VARIABLE rc OUTPUT_QUIET)
  expect_match("the bolted program after the recovery" "${rc}" "^0$")
  # Running the program wrote no BOLT profile: it is not the instrumented one.
  file(GLOB_RECURSE fdata "${BUILD_DIR}/_pgo/bolt/raw/*.fdata")
  list(LENGTH fdata before)
  execute_process(COMMAND "${BUILD_DIR}/app" 1000 OUTPUT_QUIET)
  file(GLOB_RECURSE fdata "${BUILD_DIR}/_pgo/bolt/raw/*.fdata")
  list(LENGTH fdata after)
  expect_match("BOLT profiles written by the bolted program" "${after}" "^${before}$")
  run_build(text rc)
  expect_match("exit code of the build after the recovery" "${rc}" "^0$")
  if(text MATCHES "Linking|bolt: |train: \\[")
    fail("the build after the recovery did work:\n${text}")
  endif()
endfunction()
