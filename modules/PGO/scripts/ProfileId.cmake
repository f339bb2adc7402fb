# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake, run as a script in a multi-configuration tree
# (MultiConfig.cmake) after the profile is brought up to date:
#
#   cmake -P ProfileId.cmake <header> <profile file>...
#
# writes <header>, which the PGO configuration's objects force-include, with
# the hashes of the profile files; it is rewritten only when they change, so
# that the compilers' dependency files recompile those objects on a new
# profile and on nothing else.
cmake_minimum_required(VERSION 3.25)

# CMAKE_ARGV0 is cmake, 1 is -P, 2 this script.
set(header "${CMAKE_ARGV3}")
math(EXPR last "${CMAKE_ARGC} - 1")
set(text "/* Written by PGO.cmake: the profile this object was compiled with. */\n")
foreach(i RANGE 4 ${last})
  set(file "${CMAKE_ARGV${i}}")
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "PGO: the profile file ${file} does not exist: build the PGO configuration again.")
  endif()
  file(SHA256 "${file}" hash)
  string(APPEND text "/* ${hash} */\n")
endforeach()
file(WRITE "${header}.new" "${text}")
file(COPY_FILE "${header}.new" "${header}" ONLY_IF_DIFFERENT)
file(REMOVE "${header}.new")
