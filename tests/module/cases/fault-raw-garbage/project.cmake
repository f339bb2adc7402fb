# app-train, and with CASE_FAULT a training step that corrupts its raw profiles (corrupt.cmake).
set(CASE_FAULT none CACHE STRING "garbage or truncate: how the second training corrupts its raw profiles")
pgo_add_training(app-train COMMAND app 300000)
if(NOT CASE_FAULT STREQUAL "none")
  pgo_add_training(corrupt COMMAND "${CMAKE_COMMAND}" "-DAPP=$<TARGET_FILE:app>" -DMODE=${CASE_FAULT}
    -P "${CASE_DIR}/../fault-raw-garbage/corrupt.cmake")
endif()
