set_property(TARGET app work PROPERTY PGO_EXCLUDE TRUE)
pgo_add_training(t COMMAND app 10)
