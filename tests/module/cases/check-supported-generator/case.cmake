# SPDX-License-Identifier: MIT
# What the generator refuses is asked too: Ninja Multi-Config with
# PGO=INSTRUMENT (the case generator-unsupported stops there without the
# call).  include(PGO) finds it and leaves the module off; the project's
# pgo_check_supported() gets FALSE and the reason, and the configure ends
# without the error.
set(CASE_GENERATOR "Ninja Multi-Config")
set(CASE_ARGS -DPGO=INSTRUMENT)
string(JOIN "" CASE_STDOUT
  "-- PGO: not supported here \\(pgo_check_supported\\): this tree builds without PGO\n"
  "-- pgo_check_supported: 'FALSE' 'PGO=INSTRUMENT needs a single-configuration generator: "
  "the manual flow's profile would depend on the configuration built")
function(case_check)
  expect_no_flag(main.c "-fprofile")
endfunction()
