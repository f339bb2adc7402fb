# Two training runs, so that gcov-tool merges (one folder is only copied); CASE_FAULT adds a
# third, which makes the next build train and merge again.
set(CASE_FAULT none CACHE STRING "Anything but none adds a training test")
pgo_add_training(app-train COMMAND app 300000)
pgo_add_training(app-train2 COMMAND app 200000)
if(NOT CASE_FAULT STREQUAL "none")
  pgo_add_training(again COMMAND app 100000)
endif()
