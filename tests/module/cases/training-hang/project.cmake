add_executable(fail fail.c)
pgo_add_training(hang COMMAND fail hang TIMEOUT 1)
