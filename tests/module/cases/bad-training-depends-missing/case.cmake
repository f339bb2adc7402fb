# An input that does not exist would stop the build with Ninja's "missing and no known rule
# to make it"; the module names it at configure.
set(CASE_ARGS -DPGO=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "pgo_add_training\\(t\\): DEPENDS file '[^']*/src/no-such-input\\.txt' does not exist and no rule of the project generates it\\. Give the path of an input file \\(relative paths are taken from the current source directory\\)\\.")
