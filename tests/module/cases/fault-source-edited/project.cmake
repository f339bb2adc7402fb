pgo_add_training(app-train COMMAND "${CMAKE_COMMAND}" "-DAPP=$<TARGET_FILE:app>"
  "-DSRC=${CMAKE_SOURCE_DIR}" -P "${CASE_DIR}/edit.cmake")
