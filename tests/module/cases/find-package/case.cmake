# find_package(PGO) from the toolkit's source tree, then the pipeline.
set(CASE_ARGS -DPGO=ON "-DPGO_DIR=${PGO_ROOT}/cmake")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[1/1\\] app-train: passed.*profile data +[1-9][0-9]* functions")
