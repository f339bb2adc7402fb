set(CASE_ARGS -DPGO=ON -DPGO_GCOV_TOOL=/bin/true)
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_GCOV_TOOL is '/bin/true', which is not a gcov-tool: '/bin/true --version' names no version\\. Install gcc-${CC_MAJOR} \\(it ships gcov-tool-${CC_MAJOR}\\) or clear PGO_GCOV_TOOL to let PGO find one\\.")
