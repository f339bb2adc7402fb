# SPDX-License-Identifier: MIT
# pgo_check_supported() rejects words it does not know, naming them.
set(CASE_RESULT 1)
set(CASE_STDERR "pgo_check_supported\\(\\): Unsupported arguments: RESULT ok")
