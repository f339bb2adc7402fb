pgo_add_training(t COMMAND app TIMEOUT soon)
