# No unsupported compiler is installed here, so the case pretends that the
# project's C compiler is one, and checks that the module refuses it.
set(CASE_ARGS -DPGO=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO needs GCC >= 12 or Clang >= 14, but the C compiler is GNU 11\\.4\\.0 \\(/usr/bin/gcc-11\\)\\. Choose another compiler in a new build directory")
