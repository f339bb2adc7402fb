# SPDX-License-Identifier: MIT
# With PGO off, pgo_check_supported() answers whether PGO=ON would work: here
# not, for a compiler the module refuses (the project pretends its C compiler
# is GCC 11, as in the case unsupported-compiler).  The reason is the message
# a PGO=ON configure stops with; the module stays off and says nothing more.
set(CASE_STDOUT "-- pgo_check_supported: 'FALSE' 'PGO needs GCC >= 12 or Clang >= 14, but the C compiler is GNU 11\\.4\\.0 \\(/usr/bin/gcc-11\\)\\. Choose another compiler in a new build directory, e\\.g\\. CC=gcc-12 CXX=g\\+\\+-12 or CC=clang-14 CXX=clang\\+\\+-14, or configure with -DPGO=OFF\\.'\n")
function(case_check)
  if(out MATCHES "PGO: not supported here")
    fail("PGO=OFF, yet the module says it falls back:\n${out}")
  endif()
endfunction()
