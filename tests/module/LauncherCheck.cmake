# SPDX-License-Identifier: MIT
# Included by the compiler-launcher cases (ccache, sccache): checks, from
# case_check, that LAUNCHER runs after the module's own launcher and never
# hands back an object compiled with another profile than the current one.
# The cases' project.cmake trains with app CASE_TRAIN_N.

# The SHA256 of OBJECT, or for a GCC LTO object of its sections' contents:
# GCC names the sections of an LTO object after a random number (without
# -frandom-seed), printed without leading zeros, so that the same compile
# gives another file each time, of another length one time in sixteen.
function(object_fingerprint out object)
  file(READ "${object}" head LIMIT 4 HEX)
  execute_process(COMMAND objdump -s "${object}" OUTPUT_VARIABLE dump ERROR_QUIET
    RESULT_VARIABLE rc)
  if(head STREQUAL "7f454c46" AND rc EQUAL 0 AND dump MATCHES "Contents of section \\.gnu\\.lto_")
    string(REGEX REPLACE "Contents of section (\\.gnu\\.lto_[^:\n]*)\\.[0-9a-f]+:" "Contents of section \\1:" dump "${dump}")
    string(REPLACE "${object}" "" dump "${dump}")   # the line naming the file
    string(SHA256 sum "${dump}")
  else()
    file(SHA256 "${object}" sum)
  endif()
  set(${out} "${sum}" PARENT_SCOPE)
endfunction()

function(expect_launcher_follows_profile launcher)
  get_filename_component(name "${launcher}" NAME)
  # CMake 3.25 writes the launcher into the rule's command (rules.ninja); 3.31 and 4.x
  # into each build statement's LAUNCHER variable (build.ninja).
  file(READ "${BUILD_DIR}/CMakeFiles/rules.ninja" rules)
  file(READ "${BUILD_DIR}/build.ninja" build)
  expect_match("the compile rules and statements" "${rules}${build}" "pgo-helper launch --log-dir [^\n]* -- ${launcher} ")
  set(object "${BUILD_DIR}/CMakeFiles/work.dir/work.c.o")
  object_fingerprint(first "${object}")
  # Training that branches otherwise: another profile, another object.
  run_configure(text rc -DCASE_TRAIN_N=7)
  run_build(text rc)
  expect_match("build with the second profile" "${text}" "merge: profile updated")
  object_fingerprint(second "${object}")
  if(second STREQUAL first)
    fail("work.c's object is the same with both profiles: either ${name} returned the old "
      "object, or the profiles do not change the code (then this case proves nothing)")
  endif()
  # The first training again: the same profile, the same object, from the cache or not.
  run_configure(text rc -DCASE_TRAIN_N=3000000)
  run_build(text rc)
  object_fingerprint(third "${object}")
  if(NOT third STREQUAL first)
    fail("the first profile again gave another object than the first time")
  endif()
endfunction()
