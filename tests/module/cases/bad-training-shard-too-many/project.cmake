pgo_add_training(app-small COMMAND app 1000)
pgo_add_training(app-large COMMAND app 300000)
