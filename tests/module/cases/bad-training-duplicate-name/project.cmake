pgo_add_training(twice COMMAND app 10)
pgo_add_training(twice COMMAND app 20)
