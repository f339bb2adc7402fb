# app-train, and with CASE_FAULT a training process that kills pgo-helper and lingers (no
# time limit of its own short enough to end it first).
set(CASE_FAULT none CACHE STRING "The fault the training injects (see faulty.c)")
pgo_add_training(app-train COMMAND app 300000)
if(NOT CASE_FAULT STREQUAL "none")
  add_executable(faulty "${CASE_DIR}/../fault-training-kill/faulty.c")
  set_property(TARGET faulty PROPERTY PGO_EXCLUDE TRUE)
  pgo_add_training(fault COMMAND faulty ${CASE_FAULT})
endif()
