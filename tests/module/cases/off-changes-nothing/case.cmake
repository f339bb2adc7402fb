set(CASE_ARGS -DPGO=OFF)   # project.cmake checks that no command is overridden
function(case_check)
  expect_no_flag(work.c "fprofile")
  expect_no_flag(main.c "fprofile")
  file(READ "${BUILD_DIR}/CTestTestfile.cmake" tests)
  expect_match("CTestTestfile.cmake" "${tests}" "add_test\\(\\[=\\[app-train\\]=\\][^\n]*\nset_tests_properties\\(\\[=\\[app-train\\]=\\] PROPERTIES +LABELS \"pgo-training\"")
endfunction()
