# With PGO=OFF, CMake's own commands are left alone (no add_custom_command override).
if(COMMAND _add_custom_command OR COMMAND _add_custom_target)
  message(FATAL_ERROR "PGO=OFF overrode add_custom_command() or add_custom_target()")
endif()
pgo_add_training(app-train COMMAND app 3000000)
