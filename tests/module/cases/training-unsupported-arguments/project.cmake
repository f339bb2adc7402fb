pgo_add_training(t FOO COMMAND app)
