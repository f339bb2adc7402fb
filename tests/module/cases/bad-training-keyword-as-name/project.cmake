pgo_add_training(COMMAND app 10)
