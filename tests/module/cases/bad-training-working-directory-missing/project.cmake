pgo_add_training(t COMMAND app 10 WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/no such dir")
