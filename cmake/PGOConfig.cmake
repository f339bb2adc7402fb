# SPDX-License-Identifier: MIT
# Package configuration of the PGO toolkit, for find_package(PGO) from an
# installed prefix (<prefix>/share/pgo/cmake) or a source checkout
# (-DPGO_DIR=<toolkit>/cmake).  It makes include(PGO) work, with the
# installed pgo-helper when there is one; the module documents itself in
# modules/PGO.cmake.
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
# An installed toolkit has its helper in <prefix>/bin: no build at configure.
get_filename_component(_pgo_helper "${CMAKE_CURRENT_LIST_DIR}/../../../bin/pgo-helper" ABSOLUTE)
if(EXISTS "${_pgo_helper}" AND NOT PGO_HELPER)
  set(PGO_HELPER "${_pgo_helper}" CACHE FILEPATH "A prebuilt pgo-helper (empty: build it from source at configure time)")
endif()
unset(_pgo_helper)
unset(_pgo_modules)
