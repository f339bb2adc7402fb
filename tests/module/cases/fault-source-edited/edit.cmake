# A training step that edits a source after the instrumented build ran it (fault-source-edited):
# runs APP, then, once, adds a branch to work() in SRC/work.c, so that the optimized compile
# sees a function whose control flow no longer matches the profile.
execute_process(COMMAND "${APP}" 300000 RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${APP} failed: ${rc}")
endif()
if(NOT EXISTS "${SRC}/edited")
  file(READ "${SRC}/work.c" text)
  string(REPLACE "s -= i;" "{ s -= i; if (i % 13 == 0) s += 2; }" edited "${text}")
  if(edited STREQUAL text)
    message(FATAL_ERROR "edit.cmake: work.c has no line to edit")
  endif()
  file(WRITE "${SRC}/work.c" "${edited}")
  file(TOUCH "${SRC}/edited")
endif()
