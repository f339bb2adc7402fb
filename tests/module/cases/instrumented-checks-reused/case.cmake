# The instrumented tree takes the optimized tree's configure-check results
# (the same compiler and flags: the profile's flags are on targets), so its
# configure compiles no check again; the project's own internal entries stay
# each tree's own.  The configured headers of the two trees are the same.
set(CASE_SOURCE "${CASE_DIR}/src")
set(CASE_ARGS -DPGO=ON)
set(CASE_STDOUT "Looking for stdlib.h - found")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "PGO \\[1/3\\]: configuring the instrumented build")
# The instrumented tree's configure, which the build runs, checks nothing.
set(CASE_BUILD_NOT "Looking for|Performing Test|Check size of")
function(case_check)
  set(inst "${BUILD_DIR}/_pgo/instrumented")
  file(READ "${BUILD_DIR}/config.h" optimized)
  file(READ "${inst}/config.h" instrumented)
  expect_match("the optimized tree's config.h" "${optimized}"
    "#define HAVE_STDLIB_H 1.*/\\* #undef HAVE_NO_SUCH_HEADER \\*/.*#define HAVE_STRTOLL 1.*#define HAVE_TRIVIAL_PROGRAM 1.*#define SIZEOF_LONG [48]")
  if(NOT optimized STREQUAL instrumented)
    fail("the trees' config.h differ:\n${optimized}\n---\n${instrumented}")
  endif()
  expect_file("${BUILD_DIR}/first-run.txt")
  expect_file("${inst}/first-run.txt")
  # The profile's flags stay on the compiles, not in the checks' flags.
  block(SCOPE_FOR VARIABLES)
    set(BUILD_DIR "${inst}")
    expect_flag(main.c "-fprofile-generate")
  endblock()
  file(STRINGS "${inst}/CMakeCache.txt" flags REGEX "^CMAKE_C_FLAGS:")
  expect_match("the instrumented tree's CMAKE_C_FLAGS" "${flags}" "^CMAKE_C_FLAGS:[A-Z]+=$")
endfunction()
