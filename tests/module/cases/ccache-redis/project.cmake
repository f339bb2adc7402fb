set(CASE_TRAIN_N 3000000 CACHE STRING "Size of the training run")
pgo_add_training(app-train COMMAND app ${CASE_TRAIN_N})
