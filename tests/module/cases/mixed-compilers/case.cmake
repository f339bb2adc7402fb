# C from GCC and C++ from Clang: their profiles cannot be merged.
set(CASE_ARGS -DPGO=ON -DCMAKE_CXX_COMPILER=clang++-14)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO needs the C and C\\+\\+ compilers of one family, but C is GNU 12[.0-9]* and C\\+\\+ is Clang 14[.0-9]*: their profiles cannot be merged\\. Pick matching CC and CXX\\.")
