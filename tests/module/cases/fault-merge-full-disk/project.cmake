# Two training runs, so that gcov-tool merges exactly two folders (its output is the
# profile); CASE_FAULT changes the second one, which makes the next build train again.
set(CASE_FAULT none CACHE STRING "Anything but none changes the second training")
pgo_add_training(app-train COMMAND app 300000)
if(CASE_FAULT STREQUAL "none")
  pgo_add_training(app-train2 COMMAND app 200000)
else()
  pgo_add_training(app-train2 COMMAND app 150000)
endif()
