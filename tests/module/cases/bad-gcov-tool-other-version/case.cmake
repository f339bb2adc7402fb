# A gcov-tool of another GCC (a script that says it is the previous GCC's).
math(EXPR other "${CC_MAJOR} - 1")
file(WRITE "${WORK_DIR}/gcov-tool-${other}" "#!/bin/sh\necho 'gcov-tool (Debian ${other}.3.0-12) ${other}.3.0'\n")
file(CHMOD "${WORK_DIR}/gcov-tool-${other}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(CASE_ARGS -DPGO=ON "-DPGO_GCOV_TOOL=${WORK_DIR}/gcov-tool-${other}")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_GCOV_TOOL is '[^']*/gcov-tool-${other}', of major version ${other}, but the compiler [^ ]*gcc-${CC_MAJOR} is version ${CC_MAJOR}: profiles only merge with the tool of the compiler's version\\. Set PGO_GCOV_TOOL to gcov-tool-${CC_MAJOR}, or clear it to let PGO find one\\.")
