pgo_add_training(lonely)
