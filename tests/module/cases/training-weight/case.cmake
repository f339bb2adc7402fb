# pgo_add_training(... WEIGHT 9): the weighted workload's counts count nine
# times in the merged profile; the report's shares show it (90% and 10%
# where equal runs would give 50% each), and so do the shares of the training
# tests' table, in the summary -v and on the report's page.
set(CASE_ARGS -DPGO=ON -DPGO_VERBOSE=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "\n +[0-9.]+ +[0-9]+ +(8[5-9]|9[0-4])\\.[0-9]% +[0-9]+ +[0-9.]+% +train-alpha\n +[0-9.]+ +[0-9]+ +([5-9]|1[0-4])\\.[0-9]% +[0-9]+ +[0-9.]+% +train-beta\n")
function(case_check)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target pgo-report
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("pgo-report" "${rc}" "^0$")
  expect_match("alpha's share" "${text}" "\n +(8[5-9]|9[0-4])\\.[0-9]% [#]* +alpha ")
  expect_match("beta's share" "${text}" "\n +([5-9]|1[0-4])\\.[0-9]% [#]* +beta ")
  file(READ "${BUILD_DIR}/_pgo/report.html" page)
  expect_match("the page's table of the training tests" "${page}" "<td>train-alpha</td><td[^>]*>[^<]*</td><td[^>]*>[^<]*</td><td class=\"num\">(8[5-9]|9[0-4])\\.[0-9]%</td>")
  file(READ "${BUILD_DIR}/_pgo/instrumented/_pgo/training.txt" manifest)
  expect_match("the training manifest" "${manifest}" "train-alpha: app alpha 200000 \\(in [^\n]*, weight 9\\)")
endfunction()
