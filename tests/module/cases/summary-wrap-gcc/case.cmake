# GCC, one training run of five billion turns: libgcov writes the program's
# summary (the sum of each run's largest count) in 32 bits, so the file holds
# it modulo 2^32 before any merge sees it, and GCC would draw a hot threshold
# from a tiny sum.  The merge sees a counter above the sum, says so, and gives
# the summary of every object of the program the largest value instead.
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "a training run took the sum of each run's largest count past the 32 bits in which a \\.gcda file holds it \\(a counter of 5000000000 is larger than the sum the file kept, in 3 objects\\)")
find_gcov_dump(dump)

function(case_check)
  set(raw "${BUILD_DIR}/_pgo/instrumented/_pgo/raw")
  file(GLOB_RECURSE trained "${raw}/*spin.c.gcda")
  if(NOT trained)
    fail("no spin.c.gcda in ${raw}")
    return()
  endif()
  execute_process(COMMAND "${dump}" ${trained} OUTPUT_VARIABLE text)
  expect_match("the training's own summary (wrapped by libgcov)" "${text}"
    "OBJECT_SUMMARY runs=1, sum_max=705032704")
  foreach(o IN ITEMS main spin other)
    execute_process(COMMAND "${dump}" "${BUILD_DIR}/_pgo/gcda/profile/CMakeFiles#app.dir#${o}.c.gcda"
      OUTPUT_VARIABLE text)
    expect_match("the merged summary of ${o}.c" "${text}" "OBJECT_SUMMARY runs=1, sum_max=4294967295")
  endforeach()
endfunction()
