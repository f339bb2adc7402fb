# training-reuse in a Ninja Multi-Config tree, whose instrumented tree runs
# its tests with ctest -C PGO.
set(CASE_GENERATOR "Ninja Multi-Config")
include("${CMAKE_CURRENT_LIST_DIR}/../training-reuse/case.cmake")
