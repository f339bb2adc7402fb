# A profile path with a semicolon reaches CMake split and made absolute piece by piece:
# the module names it instead of looking for the pieces.
set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${WORK_DIR}/p\\;q.profdata")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_PROFILE is '[^']*/p;[^']*/q\\.profdata': a path with a semicolon, which CMake splits as a list\\. Move or rename the file to a path without ';'\\.")
