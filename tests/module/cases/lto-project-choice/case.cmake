# A project's own CMAKE_INTERPROCEDURAL_OPTIMIZATION wins, OFF as well as ON: an
# explicit OFF is not the same as leaving it unset.
set(CASE_ARGS -DPGO=ON -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=OFF)
set(CASE_STDOUT "PGO: LTO as the project sets it \\(CMAKE_INTERPROCEDURAL_OPTIMIZATION=OFF\\)")
function(case_check)
  expect_no_flag(work.c "-flto")
  expect_no_flag(main.c "-flto")
  run_configure(text rc -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON)
  expect_match("configure with CMAKE_INTERPROCEDURAL_OPTIMIZATION=ON" "${text}"
    "PGO: LTO as the project sets it \\(CMAKE_INTERPROCEDURAL_OPTIMIZATION=ON\\)")
  expect_flag(work.c "-flto")
  expect_flag(tool.c "-flto")   # CMake's own IPO: every target, excluded ones too
endfunction()
