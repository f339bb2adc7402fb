# PGO_GUARD compares on the benchmark command: without one it is a configure error.
set(CASE_ARGS -DPGO=ON -DPGO_GUARD=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_GUARD is ON but PGO_BENCHMARK_COMMAND is empty: the guard compares the PGO build with the same build without the profile on that command\\. Set -DPGO_BENCHMARK_COMMAND=\"<program> <args>\" \\(its first word may be a target\\), or turn PGO_GUARD off\\.")
