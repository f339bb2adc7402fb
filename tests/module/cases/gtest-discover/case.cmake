# GoogleTest as the training: gtest_discover_tests registers each TEST() as a
# CTest test named Suite.Name, by running the test program (--gtest_list_tests)
# in a POST_BUILD step; PGO_TRAINING_TESTS picks the Calc.* ones of them.  The
# host-tool detection must not take that step for a code generator: the test
# program stays instrumented (its tests train the library), and discovery
# works in the instrumented tree as in the optimized one.  Again with
# DISCOVERY_MODE PRE_TEST, where ctest runs the discovery, at the training.
if(NOT EXISTS /usr/include/gtest/gtest.h)
  file(GLOB config /usr/lib/*/cmake/GTest/GTestConfig.cmake /usr/lib/cmake/GTest/GTestConfig.cmake)
  if(NOT config)
    case_needs("GoogleTest (Debian's libgtest-dev)")
  endif()
endif()
string(REPLACE "gcc" "g++" cxx "${CC}")
string(REPLACE "clang" "clang++" cxx "${cxx}")
set(CASE_ARGS -DPGO=ON "-DCMAKE_CXX_COMPILER=${cxx}" "-DPGO_TRAINING_TESTS=^Calc\\.")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training\n  objects +2 compiled with the profile")
# The instrumented tree's configure is in the build's output.
set(CASE_BUILD_NOT "runs during the build|train: [^\n]*Words\\.|_NOT_BUILT")

set(discovered Calc.Adds Calc.Precedence Calc.Variables Calc.Errors Calc.Workload Words.Counts Words.Sum)

# The training of TEXT ran the five Calc.* tests, and only them.
function(expect_trained what text)
  foreach(t Adds Precedence Variables Errors Workload)
    expect_match("${what}" "${text}" "train: \\[[1-5]/5\\] Calc\\.${t}: passed")
  endforeach()
  expect_match("${what}" "${text}" "train: 5 tests, [1-9][0-9]* profiles in ")
endfunction()

# ctest in DIR lists every discovered test.
function(expect_discovered dir what)
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${dir}" -N
    OUTPUT_VARIABLE text ERROR_VARIABLE text)
  foreach(t IN LISTS discovered)
    string(REPLACE "." "\\." re "${t}")
    expect_match("ctest -N in ${what}" "${text}" "Test +#[0-9]+: ${re}\n")
  endforeach()
  expect_match("ctest -N in ${what}" "${text}" "Total Tests: 7")
  # The discovered tests have the properties gtest_discover_tests gave them.
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${dir}" -N -L "^unit$"
    OUTPUT_VARIABLE text ERROR_VARIABLE text)
  expect_match("ctest -N -L unit in ${what}" "${text}" "Total Tests: 7")
endfunction()

# The optimized build's tests, all seven, pass.
function(expect_optimized_pass what)
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" --output-on-failure
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("ctest in the optimized tree (${what}), exit code" "${rc}" "^0$")
  expect_match("ctest in the optimized tree (${what})" "${text}" "100% tests passed, 0 tests failed out of 7")
endfunction()

function(check_trees what)
  # Both programs in PGO: instrumented in the instrumented tree, the profile here.
  expect_flag(calc.cpp "-fprofile-use=")
  expect_flag(calc_tests.cpp "-fprofile-use=")
  set(optimized "${BUILD_DIR}")
  set(BUILD_DIR "${optimized}/_pgo/instrumented")
  expect_flag(calc.cpp "-fprofile-generate=")
  expect_flag(calc_tests.cpp "-fprofile-generate=")
  expect_discovered("${BUILD_DIR}" "the instrumented tree (${what})")
  set(BUILD_DIR "${optimized}")
  expect_discovered("${BUILD_DIR}" "the optimized tree (${what})")
  expect_optimized_pass("${what}")
endfunction()

# The report names the parser's functions as people write them: demangled, none
# a bare GCC number, none mangled in the page's visible text (the mangled name
# stays in the tooltip, the chart's <title>).
function(expect_readable_report)
  run_build(text rc --target pgo-report)
  expect_match("pgo-report, exit code" "${rc}" "^0$")
  string(REGEX MATCH "hottest functions[^\n]*\n(.*)\nfiles " hot "${text}")
  set(hot "${CMAKE_MATCH_1}")
  expect_match("pgo-report's hottest functions" "${hot}" "%[ #]+\\(anonymous namespace\\)::Parser::(term|factor|expression|skip)\\(\\)")
  if(hot STREQUAL "" OR hot MATCHES "#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]|_Z[A-Za-z0-9_]")
    fail("pgo-report's hottest functions are not all named and demangled:\n${text}")
  endif()
  file(READ "${BUILD_DIR}/_pgo/report.html" html)
  expect_match("report.html" "${html}" "<title>\\(anonymous namespace\\)::Parser::[a-z]+\\(\\) \\(_ZN12_GLOBAL__N_16Parser")
  string(REGEX REPLACE "<style.*</style>|<script.*</script>" "" visible "${html}")
  string(REGEX REPLACE "<title>[^<]*</title>" "" visible "${visible}")
  string(REGEX REPLACE "<[^>]*>" "" visible "${visible}")
  if(visible MATCHES "[^A-Za-z0-9_](_Z[A-Za-z0-9_]+)")
    fail("report.html shows a mangled name, ${CMAKE_MATCH_1}")
  endif()
endfunction()

function(case_check)
  expect_trained("the build's training" "${BUILD_OUTPUT}")
  check_trees("POST_BUILD discovery")
  expect_readable_report()
  run_configure(text rc)
  expect_match("the optimized tree's configure" "${rc}" "^0$")
  if(text MATCHES "calc_tests runs during the build")
    fail("the host-tool detection took the discovery step for a code generator:\n${text}")
  endif()

  # Discovery at test time: the training's ctest runs the instrumented program to list them.
  run_configure(text rc -DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST)
  expect_match("configure with PRE_TEST discovery" "${rc}" "^0$")
  run_build(text rc --target pgo-clean)
  run_build(text rc)
  expect_match("the build with PRE_TEST discovery, exit code" "${rc}" "^0$")
  expect_match("the build with PRE_TEST discovery" "${text}" "objects +2 compiled with the profile")
  if(text MATCHES "runs during the build|train: [^\n]*Words\\.|_NOT_BUILT")
    fail("the build with PRE_TEST discovery:\n${text}")
  endif()
  expect_trained("the training with PRE_TEST discovery" "${text}")
  check_trees("PRE_TEST discovery")
endfunction()
