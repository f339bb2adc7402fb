# PGO_GUARD on a regression the profile itself causes: the training runs one path, the
# benchmark another, whose kernel the profile leaves cold, and the compilers optimize it
# for size.  The build fails with the figures, by instruction counts (valgrind), and the
# optimized program stays in place.  pgo-benchmark fails the same way.
find_program(valgrind valgrind)
if(NOT valgrind)
  case_needs("valgrind, for the instruction counts")
endif()
set(CASE_SOURCE "${CASE_DIR}/src")
set(CASE_ARGS -DPGO=ON -DPGO_GUARD=ON "-DPGO_BENCHMARK_COMMAND=app bench 100"
  -DPGO_BENCHMARK_ROUNDS=1)
set(CASE_BUILD ON)
set(CASE_BUILD_RESULT 1)
set(CASE_BUILD_OUTPUT "PGO: guard: is the PGO build slower.*pgo-helper: bench: REGRESSION: the PGO build runs [0-9]+\\.[0-9][0-9]% more estimated cycles than the same build without the profile \\([0-9]+ against [0-9]+; more than 0\\.5% is beyond noise\\)")
function(case_check)
  execute_process(COMMAND "${BUILD_DIR}/app" bench 1 RESULT_VARIABLE rc OUTPUT_QUIET)
  expect_match("the optimized program, left in place" "${rc}" "^0$")
  file(READ "${BUILD_DIR}/_pgo/benchmark.txt" bench)
  expect_match("benchmark.txt" "${bench}" "\nregression=the PGO build runs ")
  # The advice: the other cold-code policies, built with the same profile and measured on
  # this load (GCC's BALANCED is its TRUST: one alternative).
  expect_match("the advice" "${BUILD_OUTPUT}" "bench: measuring the other cold-code policies on this load, with the same profile\n[^\n]*PGO_COLD_POLICY=CAUTIOUS: [+-][0-9]+\\.[0-9][0-9]% estimated cycles against the build without the profile \\([0-9]+\\)")
  if(CC MATCHES "clang")
    expect_match("the advice" "${BUILD_OUTPUT}" "PGO_COLD_POLICY=TRUST: [+-][0-9]+\\.[0-9][0-9]% estimated cycles")
  endif()
  expect_match("the advice" "${BUILD_OUTPUT}" "bench: ([^\n]*none makes the profile pay on this load|no cold-code policy does better on this load|with PGO_COLD_POLICY=[A-Z]+ the PGO build is within noise)")
  expect_file("${BUILD_DIR}/_pgo/cold-CAUTIOUS/app")
  # The summary saw it coming: the training ran other paths of main (where the compilers
  # inline kernel) than the benchmark.
  expect_match("the summary" "${BUILD_OUTPUT}" "\n  representative 0\\.[0-9]%.*warning: the training is not representative of the workload 'app bench 100': [^\n]*The workload's counts fall on other paths than the training's in these functions: main \\(100\\.0% of the workload, (0|<0\\.01)% of it matched by the training\\)")
  # Every build compares again until the regression is gone.
  run_build(text rc)
  expect_match("a second build" "${rc}" "^1$")
  expect_match("a second build" "${text}" "REGRESSION")
  run_build(text rc --target pgo-benchmark)
  expect_match("pgo-benchmark" "${rc}" "^[1-9]")
  expect_match("pgo-benchmark" "${text}" "REGRESSION: the PGO build runs")
  # A training like the benchmark: no regression, the guard passes.  GCC 12 with LTO
  # still runs this kernel slower with its profile than without (a true regression, not
  # the training's: by hand, -flto=auto -fprofile-use gives the same count), so its
  # passing build is the profile alone.
  set(lto "")
  if(CC MATCHES "gcc")
    set(lto -DPGO_LTO=OFF)
  endif()
  run_configure(text rc "-DGUARD_TRAINING=bench 20" ${lto})
  run_build(text rc)
  expect_match("a build trained like the benchmark" "${rc}" "^0$")
  expect_match("a build trained like the benchmark" "${text}" "bench: no regression")
endfunction()
