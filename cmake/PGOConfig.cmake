# Package configuration of the PGO toolkit, for find_package(PGO) from a
# source checkout (-DPGO_DIR=<toolkit>/cmake).  It makes include(PGO) work;
# the module documents itself in modules/PGO.cmake.
get_filename_component(_pgo_modules "${CMAKE_CURRENT_LIST_DIR}/../modules" ABSOLUTE)
if(NOT EXISTS "${_pgo_modules}/PGO.cmake")
  set(PGO_FOUND FALSE)
  set(PGO_NOT_FOUND_MESSAGE "PGO.cmake is missing from ${_pgo_modules}")
  return()
endif()
list(FIND CMAKE_MODULE_PATH "${_pgo_modules}" _pgo_index)
if(_pgo_index EQUAL -1)
  list(APPEND CMAKE_MODULE_PATH "${_pgo_modules}")
endif()
unset(_pgo_index)
unset(_pgo_modules)
