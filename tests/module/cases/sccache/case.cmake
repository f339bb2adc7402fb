# sccache as the project's compiler launcher: a new profile must never let it
# hand back an object compiled with the old one.  (sccache 0.4 caches Clang's
# -fprofile-use compiles, hashing the profile's content, and refuses GCC's.)
find_program(sccache sccache)
if(NOT sccache)
  message(FATAL_ERROR "sccache is not installed (.ci/install-deps installs it)")
endif()
# A server of this case's own, on a port derived from the work directory, so
# that the cases of other compilers can run beside it; it is stopped at the
# end, and quits by itself after a minute idle if this case dies before.
string(SHA256 hash "${WORK_DIR}")
string(SUBSTRING "${hash}" 0 4 hash)
math(EXPR port "20000 + 0x${hash} % 10000")
set(ENV{SCCACHE_SERVER_PORT} "${port}")
set(ENV{SCCACHE_DIR} "${WORK_DIR}/sccache")
set(ENV{SCCACHE_IDLE_TIMEOUT} 60)
execute_process(COMMAND "${sccache}" --stop-server OUTPUT_QUIET ERROR_QUIET)
execute_process(COMMAND "${sccache}" --start-server RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sccache --start-server on port ${port} failed (${rc}):\n${out}")
endif()
set(CASE_ARGS -DPGO=ON "-DCMAKE_C_COMPILER_LAUNCHER=${sccache}")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions")
function(case_check)
  # The module's launcher runs first, then the project's sccache.
  file(READ "${BUILD_DIR}/CMakeFiles/rules.ninja" rules)
  expect_match("the compile rules" "${rules}" "pgo-helper launch --log-dir [^\n]* -- ${sccache} ")
  set(object "${BUILD_DIR}/CMakeFiles/work.dir/work.c.o")
  file(SHA256 "${object}" first)
  # Training that branches otherwise: another profile, another object.
  run_configure(text rc -DCASE_TRAIN_N=7)
  run_build(text rc)
  expect_match("build with the second profile" "${text}" "merge: profile updated")
  file(SHA256 "${object}" second)
  if(second STREQUAL first)
    fail("work.c's object is the same with both profiles: either sccache returned the old "
      "object, or the profiles do not change the code (then this case proves nothing)")
  endif()
  # The first training again: the same profile, the same object, from the cache or not.
  run_configure(text rc -DCASE_TRAIN_N=3000000)
  run_build(text rc)
  file(SHA256 "${object}" third)
  if(NOT third STREQUAL first)
    fail("the first profile again gave another object than the first time")
  endif()
  execute_process(COMMAND "${sccache}" --stop-server OUTPUT_QUIET ERROR_QUIET)
endfunction()
