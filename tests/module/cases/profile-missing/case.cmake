set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${WORK_DIR}/no such.profdata")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_PROFILE is '[^']*/no such\\.profdata', which does not exist\\. Point it at a merged profile, or clear it")
