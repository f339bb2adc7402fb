# PGO_SUMMARY_TOLERANCE, on a copy of the bundled interpreter: a loop added
# to builtins_register(), which every training run calls, moves the counts,
# and so Clang's profile summary, which every module carries: the exact rule
# compiles every object again.  With a tolerance the merge keeps the last
# summary and only builtins.c's object compiles again; the interpreter then
# runs a benchmark that no training runs within 0.1% of the instructions of
# a build from scratch.  (The tiny project of the other cases is no test: a
# few blocks decide its thresholds, which any edit moves by orders of
# magnitude.)  With GCC the loop leaves the program's summary (the runs'
# largest counts) as it was: the earlier summary is kept at no distance, and
# the interpreter stays byte-identical to scratch (summary-tolerance-gcc
# moves GCC's summary).
# The copy finds the module through CMAKE_MODULE_PATH, not its relative path.
set(CASE_ARGS -DPGO=ON -DPGO_SUMMARY_TOLERANCE=5 "-DCMAKE_MODULE_PATH=${PGO_ROOT}/modules")
set(CASE_PROJECT "${PGO_ROOT}/examples/interp")

find_program(VALGRIND valgrind)
if(NOT VALGRIND)
  case_needs("valgrind (instruction counts)")
endif()

function(case_check)
  run_build(text rc)
  expect_match("first build" "${rc}" "^0$")
  expect_match("first build" "${text}"
    "earlier counts +the new summary \\(no earlier profile to compare it with\\)")

  file(READ "${source}/src/builtins.c" text)
  string(REPLACE "void builtins_register(VM *vm)\n{\n"
    "void builtins_register(VM *vm)\n{\n    for (volatile int k = 0; k < 3; k++) { }\n" edited "${text}")
  if(edited STREQUAL text)
    fail("src/builtins.c has no builtins_register() to edit")
  endif()
  file(WRITE "${source}/src/builtins.c" "${edited}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
  string(TIMESTAMP t "%s")
  run_build(text rc)
  expect_match("build after the loop in builtins_register()" "${rc}" "^0$")
  objects_built_since(built "${t}")
  if(NOT built STREQUAL "builtins.c.o")
    fail("after a loop in builtins_register() the objects compiled again are '${built}', not builtins.c.o alone:\n${text}")
  endif()

  set(scratch "${WORK_DIR}/scratch")
  build_pgo_from_scratch("${scratch}" "the loop in builtins_register()"
    "-DCMAKE_MODULE_PATH=${PGO_ROOT}/modules")

  expect_match("build after the loop in builtins_register()" "${text}"
    "earlier counts +every object reads the earlier training's summary \\(the new counts moved it [0-9.]+%, within PGO_SUMMARY_TOLERANCE 5.00%\\)")
  if(CC MATCHES "gcc")
    expect_match("GCC's summary after the loop" "${text}" "the new counts moved it 0\\.00%")
    expect_same_file("${BUILD_DIR}/interp" "${scratch}/interp"
      "with GCC the summary did not move, yet interp differs from a build from scratch")
    return()
  endif()
  expect_instructions_close("interp with the earlier summary, against scratch"
    "${BUILD_DIR}/interp" "${scratch}/interp" "${source}/bench/queens.lang" 8)

  # The exact rule on the same kind of edit: the summary moved, every object
  # compiles again.
  run_configure(out rc -DPGO_SUMMARY_TOLERANCE=)
  expect_match("configure with the exact rule" "${rc}" "^0$")
  run_build(text rc)
  expect_match("build with the exact rule" "${rc}" "^0$")
  file(READ "${source}/src/builtins.c" text)
  string(REPLACE "k < 3; k++" "k < 5; k++" edited "${text}")
  file(WRITE "${source}/src/builtins.c" "${edited}")
  run_build(text rc)
  expect_match("build with the exact rule" "${rc}" "^0$")
  expect_match("build with the exact rule" "${text}"
    "stamps: 12 of 12 objects compile again with the new profile; 0 kept")
endfunction()
