# SPDX-License-Identifier: MIT
# pgo_check_supported() answers FALSE when the compiler's profile tool is
# missing (PGO_LLVM_PROFDATA or PGO_GCOV_TOOL pointing nowhere), with the
# reason a PGO=ON configure stops with; the project asked, so it falls back:
# the configure succeeds, says so, and the tree builds without PGO.  The same
# configure without the call stops (clang-profdata-missing,
# gcc-gcov-tool-missing).
set(CASE_ARGS -DPGO=ON "-DPGO_LLVM_PROFDATA=/opt/none/llvm-profdata" "-DPGO_GCOV_TOOL=/opt/none/gcov-tool")
string(JOIN "" CASE_STDOUT
  "-- pgo_check_supported: 'FALSE' 'PGO_(LLVM_PROFDATA|GCOV_TOOL) is '/opt/none/(llvm-profdata|gcov-tool)', "
  "which does not exist or does not run\\. Install [^ ]+ \\(it ships [^)]+\\) or clear "
  "PGO_(LLVM_PROFDATA|GCOV_TOOL) to let PGO find one\\.'\n")
set(CASE_BUILD ON)
set(CASE_BUILD_NOT "pgo-summary|compiled with the profile|PGO \\[")
function(case_check)
  expect_match("the configure's output" "${out}"
    "-- PGO: not supported here \\(pgo_check_supported\\): this tree builds without PGO\n")
  expect_no_flag(main.c "-fprofile")
  expect_no_flag(work.c "-flto")
  if(EXISTS "${BUILD_DIR}/_pgo/instrumented")
    fail("an instrumented tree was configured after the fall-back")
  endif()
endfunction()
