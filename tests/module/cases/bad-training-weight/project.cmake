pgo_add_training(app-train COMMAND app 3000000 WEIGHT 0)
