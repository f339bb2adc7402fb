# edit-recompiles-own-object in a Ninja Multi-Config tree, whose PGO objects
# force-include their source's stamp: the compiler's dependency files carry
# the stamp.
set(CASE_GENERATOR "Ninja Multi-Config")
include("${CMAKE_CURRENT_LIST_DIR}/../edit-recompiles-own-object/case.cmake")
