# training-targets with Ninja Multi-Config.
set(CASE_GENERATOR "Ninja Multi-Config")
include("${CMAKE_CURRENT_LIST_DIR}/../training-targets/case.cmake")
