# pgo-helper merge --input: raw profiles of runs made by hand in several
# folders, one weighted, one corrupt, merged with the real tools; the result
# builds an optimized tree through PGO_PROFILE.
set(CASE_ARGS -DPGO=INSTRUMENT)
set(CASE_BUILD ON)
function(case_check)
  set(runs "${WORK_DIR}/runs")
  file(REAL_PATH "${BUILD_DIR}/_pgo/manual" manual)
  string(REGEX MATCHALL "[^/]+" parts "${manual}")
  list(LENGTH parts strip)
  foreach(run IN ITEMS r1 r2 r3)
    file(MAKE_DIRECTORY "${runs}/${run}")
    execute_process(COMMAND "${CMAKE_COMMAND}" -E env
        "LLVM_PROFILE_FILE=${runs}/${run}/%p.profraw"
        "GCOV_PREFIX=${runs}/${run}" "GCOV_PREFIX_STRIP=${strip}"
        "${BUILD_DIR}/app" 20000
      RESULT_VARIABLE rc OUTPUT_QUIET)
    expect_match("instrumented run ${run}" "${rc}" "^0$")
  endforeach()
  file(READ "${BUILD_DIR}/CMakeCache.txt" cache)
  if(CC MATCHES "gcc")
    string(REGEX MATCH "PGO_GCOV_TOOL:FILEPATH=([^\n]*)" _ "${cache}")
    # A run killed while writing: a truncated .gcda in a folder of its own.
    file(MAKE_DIRECTORY "${runs}/broken")
    file(WRITE "${runs}/broken/CMakeFiles#work.dir#work.c.gcda" "adcg*22B")
    set(out "${WORK_DIR}/merged/profile")
    set(extra --stamp "${WORK_DIR}/merged/stamp")
  else()
    string(REGEX MATCH "PGO_LLVM_PROFDATA:FILEPATH=([^\n]*)" _ "${cache}")
    file(WRITE "${runs}/broken.profraw" "not a profile")
    set(out "${WORK_DIR}/merged/app.profdata")
    set(extra "")
  endif()
  set(tool "${CMAKE_MATCH_1}")
  set(kind clang)
  if(CC MATCHES "gcc")
    set(kind gcc)
  endif()
  set(merge "${PGO_HELPER}" merge --compiler ${kind} --input "${runs}" --weight "3:${runs}/r1"
    --output "${out}" --tool "${tool}" ${extra})

  execute_process(COMMAND ${merge} RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  expect_match("merge with a corrupt input" "${rc}" "^1$")
  expect_match("merge with a corrupt input" "${text}" "pgo-helper: merge: '${runs}/broken[^']*'[^\n]*truncated or corrupt[^\n]*: remove it, or pass --skip-corrupt to merge the others")

  execute_process(COMMAND ${merge} --skip-corrupt RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  expect_match("merge --skip-corrupt" "${rc}" "^0$")
  expect_match("merge --skip-corrupt" "${text}" "pgo-helper: merge: skipped '${runs}/broken[^']*': ")
  expect_match("merge --skip-corrupt" "${text}" "pgo-helper: merge: 1 corrupt input skipped, 3 merged")
  expect_match("merge --skip-corrupt" "${text}" "pgo-helper: merge: profile updated: ${out}")

  set(BUILD_DIR "${WORK_DIR}/optimized")
  run_configure(text rc -G Ninja "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}"
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DPGO=ON "-DPGO_PROFILE=${out}"
    ${helper_arg})
  expect_match("configure with the merged profile" "${rc}" "^0$")
  run_build(text rc)
  expect_match("build with the merged profile" "${rc}" "^0$")
  expect_match("build with the merged profile" "${text}" "profile data +[1-9][0-9]* functions, [1-9][0-9]* ran")
endfunction()
