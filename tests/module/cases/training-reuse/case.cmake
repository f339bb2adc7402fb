# PGO_TRAINING_REUSE: after an edit only the training tests that ran code of a
# changed object run again, and the others keep their counts.  The training
# here always gives the same counts, so the programs must come out
# byte-identical to a build from scratch, which trains everything.
#  - a statement added to sum(): train-b alone runs again;
#  - a loop added to parse(), which moves its counts: train-a1 and train-a2
#    run again, and the programs still equal a build from scratch's.
set(CASE_ARGS -DPGO=ON -DPGO_TRAINING_REUSE=ON)
set(CASE_PROJECT "${CMAKE_CURRENT_LIST_DIR}")   # for the -makefiles and -multiconfig variants

# Builds the edited sources from scratch, without the setting, and compares
# the programs.
function(expect_same_as_scratch what)
  set(scratch "${WORK_DIR}/scratch")
  set(BUILD_ARGS ${config})
  build_pgo_from_scratch("${scratch}" "${what}")
  foreach(program a b)
    expect_same_file("${BUILD_DIR}/${bin}${program}" "${scratch}/${bin}${program}"
      "after ${what}, ${program} differs from a build from scratch of the same sources")
  endforeach()
endfunction()

# Ninja Multi-Config builds the configuration PGO, its programs in PGO/.
if(CASE_GENERATOR MATCHES "Multi-Config")
  set(config --config PGO)
  set(bin PGO/)
else()
  set(config "")
  set(bin "")
endif()

# Adds LINE after the line AFTER of FILE.
function(edit file after line)
  edit_source("${file}" "${after}\n" "${after}\n${line}\n")
endfunction()

function(case_check)
  run_build(text rc ${config})
  expect_match("first build" "${rc}" "^0$")
  expect_match("first build" "${text}" "earlier counts +all 3 tests ran: no earlier training to reuse")

  edit(sum.c "    long s = 0;" "    volatile int probe = 0;\n    (void)probe;")
  run_build(text rc ${config})
  expect_match("build after the edit of sum()" "${rc}" "^0$")
  expect_match("build after the edit of sum()" "${text}"
    "train: 1 of 3 tests run again; 2 keep the profiles of their last run \\(they ran no code of the 1 instrumented object changed since\\)")
  expect_match("build after the edit of sum()" "${text}" "train-b: passed")
  if(text MATCHES "train-a[12]: passed")
    fail("after an edit of sum.c, a test of program a ran again:\n${text}")
  endif()
  expect_match("build after the edit of sum()" "${text}"
    "earlier counts +1 of 3 tests run again; 2 kept the counts of their earlier run \\(they ran no code of the 1 changed object\\)")
  expect_same_as_scratch("the edit of sum()")

  edit(parse.c "    long v = 0;" "    for (volatile int k = 0; k < 3; k++) { }")
  run_build(text rc ${config})
  expect_match("build after the loop in parse()" "${rc}" "^0$")
  expect_match("build after the loop in parse()" "${text}" "train: 2 of 3 tests run again; 1 keep")
  if(text MATCHES "train-b: passed")
    fail("after an edit of parse.c, train-b ran again:\n${text}")
  endif()
  expect_same_as_scratch("the loop in parse()")

  # A test's command changed, no object did: every test runs, and says why.
  file(READ "${source}/CMakeLists.txt" text)
  string(REPLACE "COMMAND b 400000" "COMMAND b 400001" text "${text}")
  file(WRITE "${source}/CMakeLists.txt" "${text}")
  run_build(text rc ${config})
  expect_match("build after a new command of train-b" "${rc}" "^0$")
  expect_match("build after a new command of train-b" "${text}"
    "earlier counts +all 3 tests ran: the training changed \\(its tests, their commands, options or inputs\\)")

  # The setting off: every test runs.
  run_configure(text rc -DPGO_TRAINING_REUSE=OFF)
  expect_match("configure with the setting off" "${rc}" "^0$")
  edit(sum.c "    long s = 0;" "    volatile int probe2 = 0;\n    (void)probe2;")
  run_build(text rc ${config})
  expect_match("build with the setting off" "${rc}" "^0$")
  expect_match("build with the setting off" "${text}" "train: 3 tests, ")
  if(text MATCHES "tests run again")
    fail("with PGO_TRAINING_REUSE off the training kept earlier runs:\n${text}")
  endif()
endfunction()
