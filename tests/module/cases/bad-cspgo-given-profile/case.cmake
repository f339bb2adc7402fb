file(WRITE "${WORK_DIR}/given.profdata" "")
set(CASE_ARGS -DPGO=ON -DPGO_CSPGO=ON "-DPGO_PROFILE=${WORK_DIR}/given.profdata")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_CSPGO is ON with PGO_PROFILE '[^']*given\\.profdata': the context-sensitive pass trains here")
