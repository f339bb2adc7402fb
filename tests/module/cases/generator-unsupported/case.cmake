set(CASE_GENERATOR "Ninja Multi-Config")
set(CASE_ARGS -DPGO=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO supports the Ninja and Unix Makefiles generators, not 'Ninja Multi-Config'\\.")
