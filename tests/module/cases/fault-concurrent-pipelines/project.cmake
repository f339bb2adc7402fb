# A training long enough (about a second) for the two builds' trainings to overlap.
pgo_add_training(app-train COMMAND app 150000000)
pgo_add_training(app-train2 COMMAND app 100000000)
