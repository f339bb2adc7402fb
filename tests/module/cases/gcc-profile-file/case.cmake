set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${CMAKE_CURRENT_LIST_FILE}")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_PROFILE is '[^']*case\\.cmake', a file, but GCC reads a directory of \\.gcda files")
