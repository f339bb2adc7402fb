add_custom_command(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/input.txt"
  COMMAND "${CMAKE_COMMAND}" -E echo 3000 > "${CMAKE_CURRENT_BINARY_DIR}/input.txt")
add_custom_target(gen-input ALL DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/input.txt")
pgo_add_training(t COMMAND app 300000 DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/input.txt")
