file(MAKE_DIRECTORY "${WORK_DIR}/empty")
set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${WORK_DIR}/empty")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_PROFILE is '[^']*/empty', which holds no \\.gcda file")
