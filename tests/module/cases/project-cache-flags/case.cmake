# The instrumented tree must start from this tree's cache entries, not from
# the variables the project set over them: before the fix it got
# CMAKE_C_FLAGS with the project's -Werror already in (its configure check
# then failed there: the two trees compiled different code) and the version
# script twice (ld: duplicate version tag).
set(CASE_ARGS -DPGO=ON "-DCMAKE_PROJECT_INCLUDE=${PGO_ROOT}/modules/PGO.cmake"
  "-DPGO_TRAINING_COMMAND=app 300000")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[1/1\\] pgo-training-command: passed.*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
function(case_check)
  expect_flag(work.c "-DOWNFLAGS_ADDED")
  file(READ "${BUILD_DIR}/CMakeCache.txt" outer)
  file(READ "${BUILD_DIR}/_pgo/instrumented/CMakeCache.txt" inner)
  expect_match("the optimized tree's cache" "${outer}" "OWNFLAGS_CHECK_PASSES:INTERNAL=1")
  expect_match("the instrumented tree's cache" "${inner}" "OWNFLAGS_CHECK_PASSES:INTERNAL=1")
  if(inner MATCHES "CMAKE_C_FLAGS:[A-Z]+=[^\n]*OWNFLAGS_ADDED")
    fail("the instrumented tree's cached CMAKE_C_FLAGS holds the project's own addition")
  endif()
endfunction()
