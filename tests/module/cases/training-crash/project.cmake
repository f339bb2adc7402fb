add_executable(fail fail.c)
pgo_add_training(crash COMMAND fail crash)
