# edit-recompiles-own-object with Makefiles, which compare the stamps' time
# stamps with the objects' (Ninja looks at them again after the merge).
set(CASE_GENERATOR "Unix Makefiles")
include("${CMAKE_CURRENT_LIST_DIR}/../edit-recompiles-own-object/case.cmake")
