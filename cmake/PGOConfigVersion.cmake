# SPDX-License-Identifier: MIT
# Version of the PGO toolkit for find_package(PGO <version>): any 0.x request
# up to this version is compatible (the API may still change before 1.0).
set(PACKAGE_VERSION 0.1.0)
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION OR NOT PACKAGE_FIND_VERSION_MAJOR EQUAL 0)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
  if(PACKAGE_FIND_VERSION VERSION_EQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
endif()
