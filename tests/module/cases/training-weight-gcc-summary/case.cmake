# GCC, WEIGHT 400 on a run whose largest counter is about 1.3e7: the weighted
# sum of the runs' largest counts (GCC's hot threshold comes from it) would
# pass the 32 bits a .gcda file holds it in, and gcov-tool would wrap it.
# The merge divides the weights by a common factor instead, says so, and the
# merged profile's summary is exactly the divided weights' sum.
# The project of training-weight: two equal workloads, the first weighted.
set(CASE_PROJECT "${CASE_DIR}/../training-weight")
set(CASE_ARGS -DPGO=ON -DALPHA_WEIGHT=400 -DRUN_SIZE=20000000)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "the weights would take GCC's sum of each run's largest count to [0-9]+, past the 32 bits a \\.gcda file holds it in: merging with the weights divided by a common factor, the same mix \\([^)]*400 -> 200")
find_gcov_dump(dump)

# The runs and sum_max of the program summary of the .gcda file FILE.
function(summary_of out file)
  execute_process(COMMAND "${dump}" "${file}" OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT text MATCHES "OBJECT_SUMMARY runs=([0-9]+), sum_max=([0-9]+)")
    fail("no program summary in ${file}:\n${text}")
    return()
  endif()
  set(${out} ${CMAKE_MATCH_1} ${CMAKE_MATCH_2} PARENT_SCOPE)
endfunction()

function(case_check)
  set(gcda "CMakeFiles#app.dir#main.c.gcda")
  set(raw "${BUILD_DIR}/_pgo/instrumented/_pgo/raw")
  file(GLOB tests RELATIVE "${raw}" "${raw}/t*")
  set(want_runs 0)
  set(want_sum 0)
  foreach(t IN LISTS tests)
    file(READ "${raw}/${t}/name" name)
    set(w 1)
    if(name MATCHES "^train-alpha")
      set(w 200)
    endif()
    summary_of(s "${raw}/${t}/${gcda}")
    list(GET s 0 runs)
    list(GET s 1 sum)
    math(EXPR want_runs "${want_runs} + ${w} * ${runs}")
    math(EXPR want_sum "${want_sum} + ${w} * ${sum}")
  endforeach()
  if(want_sum LESS 2147483648 OR want_sum GREATER 4294967295)
    fail("the case's runs do not need the division (weighted sum ${want_sum}): change its sizes")
  endif()
  summary_of(merged "${BUILD_DIR}/_pgo/gcda/profile/${gcda}")
  expect_match("the merged profile's summary" "${merged}" "^${want_runs};${want_sum}$")
endfunction()
