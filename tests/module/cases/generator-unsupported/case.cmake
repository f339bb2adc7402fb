# Ninja Multi-Config takes PGO=ON (the case multiconfig-pipeline), but not the
# manual flow's instrumented tree, whose profile would depend on the
# configuration built.
set(CASE_GENERATOR "Ninja Multi-Config")
set(CASE_ARGS -DPGO=INSTRUMENT)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO=INSTRUMENT needs a single-configuration generator: the manual flow's profile would depend on the configuration built \\(GCC names its \\.gcda files after the object paths, which carry the configuration here\\)\\. Configure the instrumented tree with -G Ninja, or use PGO=ON")
