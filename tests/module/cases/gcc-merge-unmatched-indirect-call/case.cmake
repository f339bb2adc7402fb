# GCC 12's gcov-tool merge A B dies with "internal compiler error: in
# write_topn_counters" when A holds a .gcda file that B lacks and that file
# has TOPN (indirect-call) counters. pgo-helper merges test folders pairwise,
# so two training tests running different programs (PGO_TRAINING_COMMAND plus
# PGO_TRAINING_TESTS on json-c) stopped the build; the helper now gives
# gcov-tool only the files both folders hold and copies the others.
set(CASE_ARGS -DPGO=ON "-DCMAKE_PROJECT_INCLUDE=${PGO_ROOT}/modules/PGO.cmake"
  "-DPGO_TRAINING_TESTS=^train-")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
