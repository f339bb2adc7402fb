# SPDX-License-Identifier: MIT
# pgo_check_supported() answers TRUE with a supported compiler, its profile
# tool and a working instrumented run, with an empty OUTPUT; the project then
# builds with PGO=ON as without the call.  With PGO=OFF it gives the same
# answer and the module stays off.
set(CASE_ARGS -DPGO=ON)
set(CASE_STDOUT "-- PGO: instrumented C programs build, run and write a profile that [^\n]* reads[^\n]*\n.*-- pgo_check_supported: 'TRUE' ''\n")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "objects +2 compiled with the profile")
function(case_check)
  expect_flag(main.c "-fprofile-use=")
  set(BUILD_DIR "${WORK_DIR}/off")
  run_configure(text rc -G Ninja "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}"
    "-DCASE_DIR=${CASE_DIR}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DPGO=OFF
    "-DPGO_HELPER=${PGO_HELPER}")
  expect_match("the configure with PGO=OFF" "${rc}:${text}" "^0:.*-- pgo_check_supported: 'TRUE' ''\n")
  expect_no_flag(main.c "-fprofile")
endfunction()
