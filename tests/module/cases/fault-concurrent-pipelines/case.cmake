# Two pipelines started at once on one freshly configured build tree (two terminals, or an
# IDE and a terminal).  The optimized tree's steps in the instrumented tree take turns
# (modules/PGO/scripts/Locked.cmake: "PGO: waiting for another build of this tree"), and pgo-helper
# train and merge lock the raw profiles ("waiting for another pgo-helper"), so that no
# training runs a program being relinked and no merge reads raw profiles still being written.  Both builds must succeed, or a failing one must say why; the build after them
# must succeed, the one after that must do nothing, and the profile must be whole.
set(CASE_ARGS -DPGO=ON)
function(case_check)
  execute_process(COMMAND sh -c "
      \"$1\" --build \"$2\" >\"$3/one.log\" 2>&1 & one=$!
      \"$1\" --build \"$2\" >\"$3/two.log\" 2>&1 & two=$!
      wait $one; echo $? >\"$3/one.rc\"
      wait $two; echo $? >\"$3/two.rc\"
    " sh "${CMAKE_COMMAND}" "${BUILD_DIR}" "${WORK_DIR}")
  set(passed 0)
  foreach(run IN ITEMS one two)
    file(READ "${WORK_DIR}/${run}.rc" rc)
    file(READ "${WORK_DIR}/${run}.log" log)
    string(STRIP "${rc}" rc)
    if(rc EQUAL 0)
      math(EXPR passed "${passed} + 1")
      expect_match("concurrent build ${run}" "${log}" "PGO \\[3/3\\].*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran")
    else()
      # Two ninjas in one tree may still race in the optimized tree itself (Ninja's own
      # limit, as for any project), never in PGO's steps, which take turns.
      message(STATUS "concurrent build ${run} failed (exit ${rc}):\n${log}")
      expect_match("failed concurrent build ${run}" "${log}" "FAILED: ")
      if(log MATCHES "[Tt]ext file (is )?busy|training test '[^']*' failed|pgo-helper: merge: [^\n]* failed|FAILED: [^\n]*(pgo-profile|instrumented\.configured)")
        fail("concurrent build ${run} failed in PGO's steps:\n${log}")
      endif()
    endif()
  endforeach()
  if(passed EQUAL 0)
    fail("neither of two concurrent builds succeeded")
  endif()
  run_build(text rc)
  expect_match("build after the concurrent ones" "${rc}" "^0$")
  expect_match("build after the concurrent ones" "${text}" "PGO \\[3/3\\].*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran")
  if(text MATCHES "ninja: warning: premature end of file")
    # The two ninjas also wrote the optimized tree's .ninja_deps at once (Ninja's limit
    # again).  Ninja 1.12 truncates the torn file and recovers; 1.13 warns and rebuilds
    # on every run from then on (ninja-build/ninja#2703) until the file is deleted.
    message(STATUS "the optimized tree's .ninja_deps was torn by the concurrent ninjas "
      "and this Ninja does not recover from it: deleting it and building again")
    file(REMOVE "${BUILD_DIR}/.ninja_deps")
    run_build(text rc)
    expect_match("build after deleting .ninja_deps" "${rc}" "^0$")
  endif()
  run_build(text rc)
  expect_match("second build after the concurrent ones" "${rc}" "^0$")
  if(text MATCHES "Building C object|train: \\[|merge: profile")
    fail("a build with nothing changed did work:\n${text}")
  endif()
  file(GLOB_RECURSE left "${BUILD_DIR}/_pgo/*")
  list(FILTER left EXCLUDE REGEX "/_pgo/(instrumented|helper)/")
  list(FILTER left INCLUDE REGEX "\\.(tmp|inputs)\\.[^/]*$")
  if(left)
    fail("temporaries are left: ${left}")
  endif()
endfunction()
