# A gcov-tool of another GCC (a script that says it is GCC 11's).
file(WRITE "${WORK_DIR}/gcov-tool-11" "#!/bin/sh\necho 'gcov-tool (Debian 11.3.0-12) 11.3.0'\n")
file(CHMOD "${WORK_DIR}/gcov-tool-11" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(CASE_ARGS -DPGO=ON "-DPGO_GCOV_TOOL=${WORK_DIR}/gcov-tool-11")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_GCOV_TOOL is '[^']*/gcov-tool-11', of major version 11, but the compiler [^ ]*gcc-12 is version 12: profiles only merge with the tool of the compiler's version\\. Set PGO_GCOV_TOOL to gcov-tool-12, or clear it to let PGO find one\\.")
