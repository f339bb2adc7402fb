# Zero edits on a project without enable_testing(): before the fix, the
# module's enable_testing() ran inside a function, set only a variable of the
# function's scope, no CTestTestfile.cmake was written and training stopped
# with "no training registered".
set(CASE_ARGS -DPGO=ON "-DCMAKE_PROJECT_INCLUDE=${PGO_ROOT}/modules/PGO.cmake"
  "-DPGO_TRAINING_COMMAND=app 300000")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "train: \\[1/1\\] pgo-training-command: passed.*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
