# PGO_PROFILE is a list: "p;q.profdata" names two profiles (the shards of a training, to
# merge), and each must exist. The first does not: the error names it and its place.
set(CASE_ARGS -DPGO=ON "-DPGO_PROFILE=${WORK_DIR}/p\\;q.profdata")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_PROFILE's entry 1 of 2, '[^']*/p', which does not exist\\. Point it at a merged profile, or clear it \\(-DPGO_PROFILE=\\) to train one\\.")
