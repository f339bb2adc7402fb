# An edit compiles again only the objects whose profile data changed: after a
# statement is added to work() (no branch, so its counts stay), and after a
# new function is added to work.c (its record is new, the counts stay), the
# build trains again and compiles work.c's object only; main.c's keeps its
# time stamp.  Each time the program is byte-identical to a build from scratch
# of the edited sources (the training here always gives the same counts).
set(CASE_ARGS -DPGO=ON)

# Builds the edited sources from scratch in another folder and compares app.
function(expect_same_as_scratch what)
  set(scratch "${WORK_DIR}/scratch")
  set(BUILD_ARGS ${config})
  build_pgo_from_scratch("${scratch}" "${what}")
  expect_same_file("${BUILD_DIR}/${app}" "${scratch}/${app}"
    "after ${what}, app differs from a build from scratch of the same sources")
endfunction()

# Ninja Multi-Config builds the configuration PGO (its objects in
# CMakeFiles/<target>.dir/PGO, app in PGO/).
if(CASE_GENERATOR MATCHES "Multi-Config")
  set(config --config PGO)
  set(app PGO/app)
else()
  set(config "")
  set(app app)
endif()

function(case_check)
  run_build(text rc ${config})
  expect_match("first build" "${rc}" "^0$")
  expect_match("first build" "${text}" "stamps: 2 of 2 objects compile again with the new profile; 0 kept")

  # (a) A declaration at the start of work(): no branch, the counts stay.
  file(READ "${source}/work.c" text)
  string(REPLACE "    long s = 0;\n" "    long s = 0;\n    volatile int probe = 0;\n    (void)probe;\n"
    text "${text}")
  if(NOT text MATCHES "probe")
    fail("work.c has no 'long s = 0;' to edit:\n${text}")
  endif()
  file(WRITE "${source}/work.c" "${text}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
  string(TIMESTAMP t "%s")
  run_build(text rc ${config})
  expect_match("build after the edit" "${rc}" "^0$")
  # The stamps are looked at when the merged profile changed (with GCC, work.c's
  # .gcda: its later functions moved down two lines).
  if(text MATCHES "stamps: [0-9]+ of")
    expect_match("build after the edit" "${text}"
      "stamps: [01] of 2 objects compile again with the new profile; [12] kept \\(their profile data unchanged\\)")
  endif()
  objects_built_since(built "${t}")
  if(NOT built STREQUAL "work.c.o")
    fail("after an edit of work.c the objects compiled again are '${built}', not work.c.o alone:\n${text}")
  endif()
  expect_same_as_scratch("the edit of work()")

  # (b) A new function, called by nothing.  With Clang it adds a record and
  # would move the summary's totals, which the merge leaves out.
  file(APPEND "${source}/work.c" "long added_later(long x);\nlong added_later(long x) { return x * 3 + 1; }\n")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
  string(TIMESTAMP t "%s")
  run_build(text rc ${config})
  expect_match("build after the new function" "${rc}" "^0$")
  expect_match("build after the new function" "${text}"
    "stamps: 1 of 2 objects compile again with the new profile; 1 kept \\(their profile data unchanged\\).*last merge +1 of 2 objects recompiled with the new profile; 1 kept \\(their profile data unchanged\\)")
  objects_built_since(built "${t}")
  if(NOT built STREQUAL "work.c.o")
    fail("after a new function in work.c the objects compiled again are '${built}', not work.c.o alone:\n${text}")
  endif()
  expect_same_as_scratch("the new function")
endfunction()
