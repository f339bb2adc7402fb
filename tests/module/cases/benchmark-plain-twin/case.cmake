# pgo-benchmark builds the twin without the profile in <build>/_pgo/plain (the
# same build: same flags, same LTO) and, since the module turned LTO on, plain
# Release in <build>/_pgo/release, and runs the benchmark on every build in
# turn, with peak memory, instruction counts (valgrind) and sizes.  Only the
# mechanics and the format are checked, never a timing.
set(CASE_ARGS -DPGO=ON "-DPGO_BENCHMARK_COMMAND=app 20000" -DPGO_BENCHMARK_ROUNDS=2
  "-DPGO_BENCHMARK_COUNT_COMMAND=app 2000")
set(CASE_BUILD ON)
function(case_check)
  run_build(text rc --target pgo-benchmark)
  expect_match("pgo-benchmark" "${rc}" "^0$")
  expect_match("pgo-benchmark" "${text}" "PGO: configuring the twin without the profile in [^\n]*/_pgo/plain")
  expect_match("pgo-benchmark" "${text}" "PGO: configuring the plain Release twin in [^\n]*/_pgo/release")
  expect_match("pgo-benchmark" "${text}" "pgo-helper: bench: 2 rounds of '[^']*/app 20000' on the PGO build, the same build without the profile and plain Release, in turn\n")
  expect_match("pgo-benchmark" "${text}" "pgo-helper: bench: round 1/2: no-profile [0-9]+\\.[0-9][0-9][0-9] s, pgo [0-9]+\\.[0-9][0-9][0-9] s, release [0-9]+\\.[0-9][0-9][0-9] s\n")
  expect_match("pgo-benchmark" "${text}" "pgo-helper: bench: no-profile [0-9.]+ s, pgo [0-9.]+ s \\(medians of 2 rounds\\): no-profile/pgo [0-9]+\\.[0-9]+x, range [0-9.]+-[0-9.]+, quartiles [0-9.]+-[0-9.]+\n")
  expect_match("pgo-benchmark" "${text}" "pgo-helper: bench: peak memory \\(maximum resident set, median\\): no-profile [1-9][0-9]* KiB, pgo [1-9][0-9]* KiB, release [1-9][0-9]* KiB\n")
  # PGO_BENCHMARK_SIMULATE is on by default: cachegrind simulates the caches and the
  # branch predictor, and the cycle estimate made of them is the figure that decides.
  expect_match("pgo-benchmark" "${text}" "pgo-helper: bench: instructions \\(valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes, the --count-arg command\\): no-profile [1-9][0-9]*, pgo [1-9][0-9]*: no-profile/pgo [0-9.]+x\n")
  expect_match("pgo-benchmark" "${text}" "pgo-helper: bench: simulated, pgo: I1 misses [0-9]+, LL misses [0-9]+, mispredicted branches [0-9]+ of [1-9][0-9]*; cycle estimate [1-9][0-9]*\n")
  expect_match("pgo-benchmark" "${text}" "pgo-helper: bench: cycle estimate \\(Ir \\+ 10 L1 misses \\+ 100 LL misses \\+ 15 mispredicts\\): no-profile/pgo [0-9.]+x\n")
  expect_match("pgo-benchmark" "${text}" "pgo-helper: bench: size of app: no-profile text [0-9.]+ KiB, file [0-9.]+ KiB; pgo text [0-9.]+ KiB, file [0-9.]+ KiB; release text")
  expect_file("${BUILD_DIR}/_pgo/plain/app")
  expect_file("${BUILD_DIR}/_pgo/release/app")
  file(READ "${BUILD_DIR}/_pgo/plain/CMakeCache.txt" cache)
  expect_match("plain twin's cache" "${cache}" "\nPGO:STRING=OFF\n")
  file(READ "${BUILD_DIR}/_pgo/plain/compile_commands.json" json)
  if(json MATCHES "fprofile")
    fail("the twin without the profile compiles with profile flags")
  endif()
  # The same LTO as the PGO build (PGO_LTO), so that the ratio is what the profile buys;
  # plain Release has none.
  set(optimized "${BUILD_DIR}")
  set(BUILD_DIR "${optimized}/_pgo/plain")
  expect_flag(work.c "-flto")
  expect_no_flag(tool.c "-flto")
  set(BUILD_DIR "${optimized}/_pgo/release")
  expect_no_flag(work.c "-flto|-fprofile")
  file(READ "${optimized}/_pgo/benchmark.txt" bench)
  expect_match("benchmark.txt" "${bench}" "\nrounds=2\n.*\nratio_median=[0-9.]+\n.*\nplain_times=[0-9.]+,[0-9.]+\npgo_times=[0-9.]+,[0-9.]+\n")
  expect_match("benchmark.txt" "${bench}" "\nplain_instructions=[1-9][0-9]*\n.*\nplain_cycles=[1-9][0-9]*\npgo_instructions=[1-9][0-9]*\npgo_i1_misses=[0-9]+\npgo_ll_misses=[0-9]+\npgo_mispredicts=[0-9]+\npgo_cycles=[1-9][0-9]*\n")
  file(READ "${optimized}/_pgo/report.html" html)
  expect_match("report.html" "${html}" "<h2>Before and after</h2>")
endfunction()
