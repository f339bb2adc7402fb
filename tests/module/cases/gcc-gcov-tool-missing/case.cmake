set(CASE_ARGS -DPGO=ON "-DPGO_GCOV_TOOL=/opt/none/gcov-tool")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_GCOV_TOOL is '/opt/none/gcov-tool', which does not exist or does not run\\. Install gcc-${CC_MAJOR} \\(it ships gcov-tool-${CC_MAJOR}\\) or clear PGO_GCOV_TOOL to let PGO find one\\.")
