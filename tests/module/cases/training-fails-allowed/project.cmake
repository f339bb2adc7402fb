add_executable(fail fail.c)
pgo_add_training(bad COMMAND fail fail)
pgo_add_training(good COMMAND app 200000)
