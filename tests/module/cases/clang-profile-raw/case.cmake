# A raw profile given as PGO_PROFILE: the header says what it is.
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND printf "\\201rforpl\\377\\010\\000\\000\\000\\000\\000\\000\\001"
  OUTPUT_FILE "${WORK_DIR}/app.profraw")
set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${WORK_DIR}/app.profraw")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_PROFILE is '[^']*/app\\.profraw', a raw profile \\(\\.profraw\\), but the compiler reads an indexed profile: merge it first with llvm-profdata-[0-9]+ merge")
