pgo_add_training(t COMMAND "")
