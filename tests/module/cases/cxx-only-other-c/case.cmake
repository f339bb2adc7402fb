# Only CMAKE_CXX_COMPILER given (Clang) while the C compiler CMake finds is GCC (cc):
# C is enabled but compiles nothing, so it does not count, and the project builds
# with PGO through Clang alone.
find_program(gcc_cc NAMES gcc-12 gcc NO_CACHE REQUIRED)
string(REGEX REPLACE "clang(-[0-9]+)?$" "clang++\\1" CXX "${CC}")
set(CC "${gcc_cc}")
set(CASE_ARGS -DPGO=ON "-DCMAKE_CXX_COMPILER=${CXX}")
set(CASE_STDOUT "The C compiler identification is GNU.*The CXX compiler identification is Clang.*PGO: instrumented CXX programs build, run")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "pgo-helper: train: \\[1/1\\] app-train: passed.*objects +2 compiled with the profile")
function(case_check)
  expect_flag(calc.cpp "-fprofile-use=")
  if(out MATCHES "instrumented C programs")
    fail("the configure checked C, which compiles nothing:\n${out}")
  endif()
  execute_process(COMMAND "${BUILD_DIR}/app" 1000 RESULT_VARIABLE rc OUTPUT_VARIABLE text)
  expect_match("the optimized program" "${rc}:${text}" "^0:[0-9]+\n$")
endfunction()
