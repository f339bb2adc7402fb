# The compiler a new user gets when naming none: CMake's `cc` (GCC here), whose
# name carries no version.  The tools found beside it (gcc-nm for the LTO objects,
# gcov-tool, gcov-dump) must be the unversioned ones, and PGO=ON must build.
find_program(default_cc NAMES cc NO_CACHE)
if(NOT default_cc)
  case_needs("cc (package gcc)")
endif()
set(CC cc)
set(CASE_ARGS -DPGO=ON)
set(CASE_STDOUT "The C compiler identification is GNU.*PGO: LTO on \\(-flto=auto -fno-fat-lto-objects\\)")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "pgo-helper: train: \\[1/1\\] app-train: passed.*objects +2 compiled with the profile, .*placement +[0-9]+ of [1-9][0-9]* functions of 1 linked file placed by the profile")
function(case_check)
  expect_flag(work.c "-fprofile-use=")
  # The summary reads the LTO objects' symbols with the gcc-nm beside cc.
  file(READ "${BUILD_DIR}/build.ninja" ninja)
  expect_match("the report's command" "${ninja}" "pgo-helper report [^\n]* --nm [^ ]*/gcc-nm ")
endfunction()
