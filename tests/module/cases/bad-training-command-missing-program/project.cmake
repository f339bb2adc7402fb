pgo_add_training(t COMMAND no-such-program 10)
