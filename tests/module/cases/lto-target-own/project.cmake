set_property(TARGET work PROPERTY INTERPROCEDURAL_OPTIMIZATION OFF)
pgo_add_training(app-train COMMAND app 3000000)
