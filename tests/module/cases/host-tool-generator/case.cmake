# The programs run during the build are found and built without PGO, in both
# trees; the one with PGO_EXCLUDE FALSE, the program only a "run" target runs
# and the program a POST_BUILD step copies stay in; the project's calls reach
# CMake's commands with their arguments and policies unchanged.
set(CASE_ARGS -DPGO=ON)
# CMakeLists.txt sets CMP0116 to OLD on purpose, which CMake 3.31 and later warn about.
set(CASE_STDERR "^(CMake Deprecation Warning at CMakeLists\\.txt:[0-9]+ \\(cmake_policy\\): The OLD "
  "behavior for policy CMP0116 will be removed from a future version of CMake\\. The "
  "cmake-policies\\(7\\) manual explains that the OLD behaviors of all policies are deprecated "
  "and that a policy should be set to OLD only under specific short-term circumstances\\. "
  "Projects should be ported to the NEW behavior and not rely on setting a policy to OLD\\.)?$")
string(JOIN "" CASE_STDERR ${CASE_STDERR})
set(CASE_BUILD ON)
set(CASE_STDOUT "-- PGO: gen runs during the build: built without PGO\n-- PGO: stamp runs during the build: built without PGO\n-- PGO: echoargs runs during the build, kept in PGO \\(its PGO_EXCLUDE is 'FALSE'\\)\n")
set(CASE_BUILD_OUTPUT "Generating the table.*PGO \\[3/3\\].*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
function(case_check)
  foreach(tree IN ITEMS "${BUILD_DIR}/_pgo/instrumented" "${BUILD_DIR}")
    set(BUILD_DIR "${tree}")
    if(tree MATCHES "instrumented$")
      set(flag "-fprofile-generate")
    else()
      set(flag "-fprofile-use=")
    endif()
    expect_no_flag(gen.c "fprofile")
    expect_no_flag(stamp.c "fprofile")
    foreach(source IN ITEMS main.c work.c table.c echoargs.c runner.c)
      expect_flag(${source} "${flag}")
    endforeach()
  endforeach()
  file(READ "${BUILD_DIR}/table.c" table)
  expect_match("generated table.c" "${table}" "^const int table\\[4\\] = {3, 1, 4, 1};\n$")
  file(READ "${BUILD_DIR}/stamped.txt" stamped)
  expect_match("stamped.txt of the POST_BUILD step" "${stamped}" "^stamped\n$")
  file(READ "${BUILD_DIR}/args.txt" args)
  set(expected "9\n[]\n[a;b]\n[]]]\n[]==]]\n[\${x}]\n[back\\slash]\n[# hash]\n[two words]\n[]\n")
  if(NOT args STREQUAL expected)
    fail("args.txt is not the arguments as written:\n${args}\nexpected:\n${expected}")
  endif()
  # CMP0116 OLD, set by the project before include(PGO): NEW would transform the depfile.
  file(READ "${BUILD_DIR}/build.ninja" ninja)
  if(ninja MATCHES "cmake_transform_depfile")
    fail("the DEPFILE custom command ran under CMP0116 NEW, not the project's OLD")
  endif()
endfunction()
