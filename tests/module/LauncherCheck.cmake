# Included by the compiler-launcher cases (ccache, sccache): checks, from
# case_check, that LAUNCHER runs after the module's own launcher and never
# hands back an object compiled with another profile than the current one.
# The cases' project.cmake trains with app CASE_TRAIN_N.
function(expect_launcher_follows_profile launcher)
  get_filename_component(name "${launcher}" NAME)
  # CMake 3.25 writes the launcher into the rule's command (rules.ninja); 3.31 and 4.x
  # into each build statement's LAUNCHER variable (build.ninja).
  file(READ "${BUILD_DIR}/CMakeFiles/rules.ninja" rules)
  file(READ "${BUILD_DIR}/build.ninja" build)
  expect_match("the compile rules and statements" "${rules}${build}" "pgo-helper launch --log-dir [^\n]* -- ${launcher} ")
  set(object "${BUILD_DIR}/CMakeFiles/work.dir/work.c.o")
  file(SHA256 "${object}" first)
  # Training that branches otherwise: another profile, another object.
  run_configure(text rc -DCASE_TRAIN_N=7)
  run_build(text rc)
  expect_match("build with the second profile" "${text}" "merge: profile updated")
  file(SHA256 "${object}" second)
  if(second STREQUAL first)
    fail("work.c's object is the same with both profiles: either ${name} returned the old "
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
