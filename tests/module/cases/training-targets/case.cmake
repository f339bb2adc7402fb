# PGO_TRAINING_TARGETS: the instrumented tree links only the targets the
# training runs (and what they link) before it trains (Ninja generators).
#  - c, which no test runs, is not linked instrumented (its object is
#    compiled: the optimized tree's stamps read it); the programs equal a
#    build from scratch without the setting;
#  - the setting changed to leave b out, which the training runs, after a
#    build made every target and b.c was edited: the helper removes the
#    stale b, the test fails and says which setting left b out, and the last
#    profile stays;
#  - from scratch with b left out, the script's test fails and the helper
#    says why;
#  - a name that is no target stops the configure.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_TARGETS=a b")
set(CASE_PROJECT "${CMAKE_CURRENT_LIST_DIR}")   # for the -makefiles and -multiconfig variants

if(CASE_GENERATOR MATCHES "Multi-Config")
  set(config --config PGO)
  set(bin PGO/)
else()
  set(config "")
  set(bin "")
endif()

if(CC MATCHES "clang")
  set(profile_name profile.profdata)
else()
  set(profile_name profile.stamp)   # GCC's profile is a folder; this stamp names its content
endif()

function(case_check)
  run_build(text rc ${config})
  expect_match("first build" "${rc}" "^0$")
  expect_match("first build" "${text}" "train-b: passed")
  foreach(program a b)
    expect_file("${BUILD_DIR}/_pgo/instrumented/${bin}${program}")
  endforeach()
  if(EXISTS "${BUILD_DIR}/_pgo/instrumented/${bin}c")
    fail("the instrumented tree built c, which PGO_TRAINING_TARGETS leaves out")
  endif()
  expect_file("${BUILD_DIR}/${bin}c")
  # The optimized tree's stamps read every instrumented object, those of
  # the targets left out too (sum_static's): none may be missing.
  expect_match("first build" "${text}" "stamps: [0-9]+ of 6 objects compile again")
  if(text MATCHES "could not read the instrumented objects")
    fail("the stamps missed instrumented objects:\n${text}")
  endif()
  set(BUILD_ARGS ${config})
  set(scratch "${WORK_DIR}/scratch")
  build_pgo_from_scratch("${scratch}" "without PGO_TRAINING_TARGETS")
  # b's RUNPATH names its tree: libsum.so stands for it.
  foreach(program a c libsum.so)
    expect_same_file("${BUILD_DIR}/${bin}${program}" "${scratch}/${bin}${program}"
      "${program} differs from a build without PGO_TRAINING_TARGETS")
  endforeach()

  # Every target built once, then b left out and edited: its instrumented
  # program would be stale, and the training runs it through the script.
  run_configure(text rc "-DPGO_TRAINING_TARGETS=")
  run_build(text rc ${config})
  expect_match("build without the setting" "${rc}" "^0$")
  expect_file("${BUILD_DIR}/_pgo/instrumented/${bin}c")
  run_configure(text rc "-DPGO_TRAINING_TARGETS=a")
  expect_match("configure with b left out" "${rc}" "^0$")
  file(READ "${source}/b.c" text)
  string(REPLACE "return 0;" "return argc > 99;" text "${text}")
  file(WRITE "${source}/b.c" "${text}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
  file(SHA256 "${BUILD_DIR}/_pgo/${profile_name}" before)
  # The helper's messages are read from stderr alone: the build's stdout
  # interleaves with it.
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" ${config}
    OUTPUT_VARIABLE out ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("build with b left out" "${rc}" "^[1-9]")
  expect_match("build with b left out" "${text}"
    "training test 'train-b' names [^\n]*/_pgo/instrumented/${bin}b \\(target b\\), which PGO_TRAINING_TARGETS leaves out, so the instrumented build did not make it: add b to PGO_TRAINING_TARGETS")
  file(SHA256 "${BUILD_DIR}/_pgo/${profile_name}" after)
  if(NOT before STREQUAL after)
    fail("the failed training changed the last profile")
  endif()

  # From scratch with b left out: the script finds no program.
  set(fresh "${WORK_DIR}/fresh")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${fresh}" -G "${CASE_GENERATOR}"
      "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}" -DCMAKE_BUILD_TYPE=Release -DPGO=ON
      ${helper_arg} -DPGO_TRAINING_TARGETS=a
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("configure from scratch with b left out" "${rc}" "^0$")
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${fresh}" ${config}
    OUTPUT_VARIABLE out ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("build from scratch with b left out" "${rc}" "^[1-9]")
  expect_match("build from scratch with b left out" "${text}"
    "training test 'train-b' names [^\n]*/_pgo/instrumented/${bin}b \\(target b\\), which PGO_TRAINING_TARGETS leaves out, so the instrumented build did not make it: add b to PGO_TRAINING_TARGETS")

  run_configure(text rc "-DPGO_TRAINING_TARGETS=a nosuch")
  expect_match("configure with a name that is no target" "${rc}" "^[1-9]")
  expect_match("configure with a name that is no target" "${text}"
    "PGO_TRAINING_TARGETS names 'nosuch', which is not a target of this project")
endfunction()
