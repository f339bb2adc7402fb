pgo_add_training(echo COMMAND ${CMAKE_COMMAND} -E echo hello)
