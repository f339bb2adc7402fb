set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${CMAKE_CURRENT_LIST_DIR}")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_PROFILE is '[^']*', a directory, but Clang reads an indexed \\.profdata file")
