# A target that sets INTERPROCEDURAL_OPTIMIZATION itself keeps it; the others get LTO.
set(CASE_ARGS -DPGO=ON)
set(CASE_STDOUT "PGO: LTO on \\([^)]*\\) for 1 target; as their project sets it: work; -DPGO_LTO=OFF")
set(CASE_BUILD ON)
function(case_check)
  expect_no_flag(work.c "-flto")
  expect_flag(main.c "-flto")
endfunction()
