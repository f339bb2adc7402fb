add_executable(fail fail.c)
pgo_add_training(bad COMMAND fail fail)
