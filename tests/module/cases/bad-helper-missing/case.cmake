set(CASE_ARGS -DPGO=ON "-DPGO_HELPER=${WORK_DIR}/no such helper")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_HELPER is '[^']*/no such helper', which is not a file\\. Point it at a built pgo-helper, or clear it to build one from source\\.")
