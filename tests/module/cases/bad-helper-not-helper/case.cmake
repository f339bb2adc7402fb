# Another program as the helper would fail only in the build, as a compiler launcher that
# compiles nothing.
set(CASE_ARGS -DPGO=ON -DPGO_HELPER=/bin/true)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_HELPER is '/bin/true', which is not a pgo-helper: '/bin/true --version' gave 'true \\(GNU coreutils\\) [0-9.]+' \\(0\\)\\. Point it at a built pgo-helper, or clear it to build one from source\\.")
