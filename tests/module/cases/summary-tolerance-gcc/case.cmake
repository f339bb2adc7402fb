# PGO_SUMMARY_TOLERANCE with GCC: every .gcda file of a program carries the
# program's summary, its runs and the sum of each run's largest count, from
# which GCC's compile draws its hot threshold.  An edit that runs the
# hottest loop 2% more moves it in every file: the exact rule compiles all
# four objects again.  With a tolerance of 5% the merge keeps the earlier
# summary, only hot.c's object compiles again, the summary's line says so,
# and the program runs a load no training runs within 0.1% of the
# instructions of a build from scratch.  The line says why when there is no
# earlier summary to compare with: none yet, or another training's runs.
set(CASE_ARGS -DPGO=ON -DPGO_SUMMARY_TOLERANCE=5)
find_program(VALGRIND valgrind)
if(NOT VALGRIND)
  case_needs("valgrind (instruction counts)")
endif()

# Replaces FROM by TO in the copy's hot.c.
function(edit_hot from to)
  file(READ "${source}/hot.c" text)
  string(REPLACE "${from}" "${to}" edited "${text}")
  if(edited STREQUAL text)
    fail("hot.c has no '${from}' to edit")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
  file(WRITE "${source}/hot.c" "${edited}")
endfunction()

function(case_check)
  run_build(text rc)
  expect_match("first build" "${rc}" "^0$")
  expect_match("first build" "${text}"
    "earlier counts +the new summary \\(no earlier profile to compare it with\\)")

  edit_hot("i < n;" "i < n + n / 50;")
  string(TIMESTAMP t "%s")
  run_build(text rc)
  expect_match("build after the edit of the hot loop" "${rc}" "^0$")
  expect_match("build after the edit of the hot loop" "${text}"
    "earlier counts +every object reads the earlier training's summary \\(the new counts moved it (1\\.[5-9]|2\\.[0-4])[0-9]*%, within PGO_SUMMARY_TOLERANCE 5\\.00%\\)")
  objects_built_since(built "${t}")
  if(NOT built STREQUAL "hot.c.o")
    fail("after the edit of the hot loop the objects compiled again are '${built}', not hot.c.o alone:\n${text}")
  endif()

  set(scratch "${WORK_DIR}/scratch")
  build_pgo_from_scratch("${scratch}" "the edit of the hot loop")
  expect_instructions_close("app with the earlier summary, against scratch"
    "${BUILD_DIR}/app" "${scratch}/app" 300000)

  # The exact rule on the same kind of edit: the summary moved in every
  # .gcda file, every object compiles again.
  run_configure(out rc -DPGO_SUMMARY_TOLERANCE=)
  expect_match("configure with the exact rule" "${rc}" "^0$")
  run_build(text rc)
  expect_match("build with the exact rule" "${rc}" "^0$")
  edit_hot("n + n / 50;" "n + n / 25;")
  string(TIMESTAMP t "%s")
  run_build(text rc)
  expect_match("build with the exact rule" "${rc}" "^0$")
  objects_built_since(built "${t}")
  if(NOT built STREQUAL "hot.c.o;main.c.o;parse.c.o;table.c.o")
    fail("with the exact rule the objects compiled again are '${built}', not all four:\n${text}")
  endif()

  # A third training run: the runs differ, the tolerance has nothing to
  # compare, and the line says why.
  run_configure(out rc -DPGO_SUMMARY_TOLERANCE=5 -DEXTRA_TRAINING=ON)
  expect_match("configure with a third training run" "${rc}" "^0$")
  run_build(text rc)
  expect_match("build with a third training run" "${rc}" "^0$")
  expect_match("build with a third training run" "${text}"
    "earlier counts +the new summary \\(the training's runs changed, so the earlier one does not compare\\)")
endfunction()
