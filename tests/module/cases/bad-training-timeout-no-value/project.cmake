pgo_add_training(t COMMAND app 10 TIMEOUT)
