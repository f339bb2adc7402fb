# ccache as the project's compiler launcher: a new profile must never let it
# hand back an object compiled with the old one.
find_program(ccache ccache)
if(NOT ccache)
  message(FATAL_ERROR "ccache is not installed (.ci/install-deps installs it)")
endif()
set(ENV{CCACHE_DIR} "${WORK_DIR}/ccache")
set(CASE_ARGS -DPGO=ON "-DCMAKE_C_COMPILER_LAUNCHER=${ccache}")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions")
function(case_check)
  # The module's launcher runs first, then the project's ccache.
  file(READ "${BUILD_DIR}/CMakeFiles/rules.ninja" rules)
  expect_match("the compile rules" "${rules}" "pgo-helper launch --log-dir [^\n]* -- ${ccache} ")
  set(object "${BUILD_DIR}/CMakeFiles/work.dir/work.c.o")
  file(SHA256 "${object}" first)
  # Training that branches otherwise: another profile, another object.
  run_configure(text rc -DCASE_TRAIN_N=7)
  run_build(text rc)
  expect_match("build with the second profile" "${text}" "merge: profile updated")
  file(SHA256 "${object}" second)
  if(second STREQUAL first)
    fail("work.c's object is the same with both profiles: either ccache returned the old "
      "object, or the profiles do not change the code (then this case proves nothing)")
  endif()
  # The first training again: the same profile, the same object, from the cache or not.
  run_configure(text rc -DCASE_TRAIN_N=3000000)
  run_build(text rc)
  file(SHA256 "${object}" third)
  if(NOT third STREQUAL first)
    fail("the first profile again gave another object than the first time")
  endif()
endfunction()
