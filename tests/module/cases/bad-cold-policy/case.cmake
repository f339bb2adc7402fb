set(CASE_ARGS -DPGO=ON -DPGO_COLD_POLICY=GENEROUS)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_COLD_POLICY is 'GENEROUS': give BALANCED \\(the default: call sites the training never ran are inlined as ordinary ones\\), CAUTIOUS \\(code the training never ran is optimized closer to a build without the profile\\) or TRUST \\(the compiler's own treatment\\)\\.")
