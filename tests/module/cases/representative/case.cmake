# Is the training representative?  With PGO_BENCHMARK_COMMAND set, the benchmark runs once
# on the instrumented build, apart from the training, and the summary prints how far the
# two profiles overlap.  A training that runs the benchmark's path reads high and is quiet;
# one that runs another path reads at least 10 points lower and warns, naming the workload
# and the function it left cold.  A profile against itself reads 100% with both compilers,
# and with Clang the helper's own sum (GCC's figure) equals llvm-profdata overlap's.
set(CASE_SOURCE "${CASE_DIR}/src")
set(CASE_ARGS -DPGO=ON "-DPGO_BENCHMARK_COMMAND=app kernel 20")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "running the benchmark command once on the instrumented build.*pgo-workload: passed.*\n  representative [0-9.]+%: the overlap of the training's and the workload's block counts, each scaled to its total \\((llvm-profdata overlap|computed from the \\.gcda arc counters)\\); workload: 'app kernel 20'")
set(CASE_BUILD_NOT "not representative")

# The percentage of the representative line in TEXT.
function(representative_pct out text)
  if(NOT text MATCHES "\n  representative ([0-9]+)\\.([0-9])%")
    fail("no representative line in:\n${text}")
    set(${out} 0 PARENT_SCOPE)
    return()
  endif()
  set(${out} "${CMAKE_MATCH_1}${CMAKE_MATCH_2}" PARENT_SCOPE)   # tenths of a point
endfunction()

# pgo-helper summary of this tree, with WORKLOAD as the workload's profile, verbose.
function(summary_with out workload)
  if(CC MATCHES "clang")
    set(compiler clang)
    set(profile "${BUILD_DIR}/_pgo/profile.profdata")
  else()
    set(compiler gcc)
    set(profile "${BUILD_DIR}/_pgo/gcda/profile")
  endif()
  file(STRINGS "${BUILD_DIR}/CMakeCache.txt" tool REGEX "^PGO_LLVM_PROFDATA:")
  string(REGEX REPLACE "^[^=]*=" "" tool "${tool}")
  set(tool_args "")
  if(compiler STREQUAL "clang")
    set(tool_args --tool "${tool}")
  endif()
  if(workload STREQUAL "TRAINING")
    set(workload "${profile}")
  endif()
  execute_process(COMMAND "${PGO_HELPER}" summary --compiler ${compiler}
      --profile "${profile}" --log-dir "${BUILD_DIR}/_pgo/compile-logs" --build-dir "${BUILD_DIR}"
      ${tool_args} --linked "${BUILD_DIR}/_pgo/linked.txt" --workload "${workload}" -v
    OUTPUT_VARIABLE text ERROR_VARIABLE text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(case_check)
  representative_pct(high "${BUILD_OUTPUT}")

  # A profile compared with itself.
  summary_with(text TRAINING)
  expect_match("the training's profile against itself" "${text}" "\n  representative 100\\.0%")
  if(CC MATCHES "clang")
    expect_match("the helper's own sum, against itself" "${text}" "\n +100\\.00% computed here")
  endif()

  # A training of the other path; PGO_TRAINING_TESTS matching every test must still leave
  # the benchmark's test out of the training.
  run_configure(text rc "-DREP_TRAINING=mix 100000" "-DPGO_TRAINING_TESTS=.")
  run_build(text rc)
  expect_match("a build trained on the other path" "${rc}" "^0$")
  expect_match("a build trained on the other path" "${text}"
    "warning: the training is not representative of the workload 'app kernel 20': their profiles overlap [0-9.]+%, below PGO_REPRESENTATIVE_THRESHOLD \\(50%\\)\\. The training ran these functions, hot in the workload, cold or never: kernel \\([0-9.]+% of the workload, never run in training\\)")
  representative_pct(low "${text}")
  math(EXPR apart "${high} - ${low}")
  if(apart LESS 100)
    fail("the matching training reads ${high} tenths of a point, the other ${low}: fewer than 10 points apart")
  endif()
  message(STATUS "representative: ${high} against ${low} tenths of a point")

  if(CC MATCHES "clang")
    # GCC's figure is the helper's own sum: with Clang it must equal llvm-profdata's.
    summary_with(text "${BUILD_DIR}/_pgo/workload.profdata")
    if(text MATCHES "representative ([0-9.]+)%: [^\n]*llvm-profdata overlap[^\n]*\n +([0-9.]+)% computed here")
      set(tool_pct "${CMAKE_MATCH_1}")
      set(own_pct "${CMAKE_MATCH_2}")
      string(REPLACE "." "" t "${tool_pct}")
      string(REGEX REPLACE "^([0-9]+)\\.([0-9])[0-9]*$" "\\1\\2" o "${own_pct}")
      math(EXPR diff "${t} - ${o}")
      if(diff GREATER 1 OR diff LESS -1)
        fail("llvm-profdata overlap says ${tool_pct}%, the helper's own sum ${own_pct}%")
      endif()
    else()
      fail("no llvm-profdata figure with the helper's own beside it:\n${text}")
    endif()
  endif()

  # The report's section, on the terminal and on the page.
  run_build(text rc --target pgo-report)
  expect_match("pgo-report" "${text}" "hot in the workload, cold or never run in training[^\n]*\n +[0-9.]+% +never +kernel ")
  file(READ "${BUILD_DIR}/_pgo/report.html" html)
  expect_match("report.html" "${html}" "Is the training representative\\?.*<td>kernel</td><td>main\\.c</td><td>[0-9.]+%</td><td>never ran</td>")

  # A benchmark command that fails on the instrumented build stops the build and says so;
  # the training's profile stays.
  run_configure(text rc "-DPGO_BENCHMARK_COMMAND=app fail")
  run_build(text rc)
  expect_match("a failing benchmark command" "${rc}" "^[1-9]")
  expect_match("a failing benchmark command" "${text}" "the benchmark command \\(PGO_BENCHMARK_COMMAND\\) failed on the instrumented build \\(its output is above\\): fix it, or turn PGO_REPRESENTATIVE off")
  if(CC MATCHES "clang")
    expect_file("${BUILD_DIR}/_pgo/profile.profdata")
  else()
    expect_file("${BUILD_DIR}/_pgo/gcda/profile")
  endif()

  # The opt-out: no run of the benchmark, no line, no test in the instrumented tree.
  run_configure(text rc "-DPGO_BENCHMARK_COMMAND=app kernel 20" -DPGO_REPRESENTATIVE=OFF)
  run_build(text rc)
  expect_match("PGO_REPRESENTATIVE=OFF" "${rc}" "^0$")
  if(text MATCHES "\n  representative |benchmark command once|not representative")
    fail("PGO_REPRESENTATIVE=OFF still compares:\n${text}")
  endif()
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}/_pgo/instrumented"
    -N -L pgo-workload OUTPUT_VARIABLE text)
  expect_match("ctest -N -L pgo-workload in the instrumented tree" "${text}" "Total Tests: 0")
endfunction()
