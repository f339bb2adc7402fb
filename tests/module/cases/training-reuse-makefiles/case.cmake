# training-reuse with Makefiles.
set(CASE_GENERATOR "Unix Makefiles")
include("${CMAKE_CURRENT_LIST_DIR}/../training-reuse/case.cmake")
