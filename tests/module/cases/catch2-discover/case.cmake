# Catch2 as the training: catch_discover_tests registers each TEST_CASE as a
# CTest test of its name ("store: set and get", spaces and all), by running the
# test program (--list-test-names-only) in a POST_BUILD step; PGO_TRAINING_TESTS
# picks the "store: " ones.  The host-tool detection must not take that step
# for a code generator: the test program stays instrumented (its tests train
# the shared library), and discovery works in both trees.  Debian bookworm's
# catch2 is Catch2 v2 (header-only, Catch.cmake).
file(GLOB config /usr/lib/cmake/Catch2/Catch2Config.cmake /usr/lib/*/cmake/Catch2/Catch2Config.cmake
  /usr/share/cmake/Catch2/Catch2Config.cmake /usr/local/lib/cmake/Catch2/Catch2Config.cmake)
if(NOT config)
  case_needs("Catch2 (Debian's catch2)")
endif()
string(REPLACE "gcc" "g++" cxx "${CC}")
string(REPLACE "clang" "clang++" cxx "${cxx}")
set(CASE_ARGS -DPGO=ON "-DCMAKE_CXX_COMPILER=${cxx}" "-DPGO_TRAINING_TESTS=^store: ")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training\n  objects +3 compiled with the profile")
# The instrumented tree's configure is in the build's output.
set(CASE_BUILD_NOT "runs during the build|train: [^\n]*text: |_NOT_BUILT")

set(store_tests "store: set and get" "store: incr and del" "store: keys" "store: workload")
set(discovered ${store_tests} "text: split" "text: join and trim")

# ctest in DIR lists every discovered test.
function(expect_discovered dir what)
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${dir}" -N
    OUTPUT_VARIABLE text ERROR_VARIABLE text)
  foreach(t IN LISTS discovered)
    expect_match("ctest -N in ${what}" "${text}" "Test +#[0-9]+: ${t}\n")
  endforeach()
  expect_match("ctest -N in ${what}" "${text}" "Total Tests: 6")
endfunction()

function(case_check)
  # The training ran the four "store: " tests, and only them.
  foreach(t IN LISTS store_tests)
    expect_match("the build's training" "${BUILD_OUTPUT}" "train: \\[[1-4]/4\\] ${t}: passed")
  endforeach()
  expect_match("the build's training" "${BUILD_OUTPUT}" "train: 4 tests, [1-9][0-9]* profiles in ")

  # Every object in PGO: instrumented there, compiled with the profile here.
  foreach(src store.cpp store_tests.cpp catch_main.cpp)
    expect_flag(${src} "-fprofile-use=")
  endforeach()
  set(optimized "${BUILD_DIR}")
  set(BUILD_DIR "${optimized}/_pgo/instrumented")
  foreach(src store.cpp store_tests.cpp catch_main.cpp)
    expect_flag(${src} "-fprofile-generate=")
  endforeach()
  expect_discovered("${BUILD_DIR}" "the instrumented tree")
  set(BUILD_DIR "${optimized}")
  expect_discovered("${BUILD_DIR}" "the optimized tree")

  # The optimized build's tests, all six, pass.
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" --output-on-failure
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("ctest in the optimized tree, exit code" "${rc}" "^0$")
  expect_match("ctest in the optimized tree" "${text}" "100% tests passed, 0 tests failed out of 6")

  run_configure(text rc)
  expect_match("the optimized tree's configure" "${rc}" "^0$")
  if(text MATCHES "store_tests runs during the build")
    fail("the host-tool detection took the discovery step for a code generator:\n${text}")
  endif()
endfunction()
