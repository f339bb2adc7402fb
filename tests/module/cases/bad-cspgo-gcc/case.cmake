set(CASE_ARGS -DPGO=ON -DPGO_CSPGO=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_CSPGO is ON, but context-sensitive PGO is a Clang feature and the compiler is [^\n]*gcc-${CC_MAJOR}: use Clang")
