# A very long profile path that does not exist is named whole.
string(REPEAT "very-long-folder-name/" 200 long)
set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${WORK_DIR}/${long}p.profdata")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_PROFILE is '[^']*/(very-long-folder-name/)+p\\.profdata', which does not exist\\. Point it at a merged profile, or clear it \\(-DPGO_PROFILE=\\) to train one\\.")
