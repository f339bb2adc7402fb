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
include("${CMAKE_CURRENT_LIST_DIR}/../../LauncherCheck.cmake")
function(case_check)
  expect_launcher_follows_profile("${ccache}")
  # With the defaults (LTO), the first profile again is served from the cache. GCC's
  # compiles are not cacheable by ccache 4.7: it refuses -fprofile-prefix-path ("Unknown
  # profiling option"), which both trees need for the .gcda names.
  if(CC MATCHES "clang")
    execute_process(COMMAND "${ccache}" --print-stats OUTPUT_VARIABLE stats)
    expect_match("ccache's statistics" "${stats}" "\ndirect_cache_hit\t[1-9]")
  endif()
endfunction()
