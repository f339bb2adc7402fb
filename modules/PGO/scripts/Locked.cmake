# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake, run as a script by the optimized tree's steps that configure and
# build the instrumented tree (_pgo_setup_optimized):
#
#   cmake -P Locked.cmake <lock file> <command> [<arg>...]
#
# runs the command holding an exclusive lock on <lock file>.  Two builds of one tree started
# at once (two terminals, an IDE and a terminal) then take turns in the instrumented tree;
# at the same time, one would relink a program while the other's training runs it ("text
# file is busy").  The lock goes with the process: a killed build leaves none behind.
cmake_minimum_required(VERSION 3.25)

# CMAKE_ARGV0 is cmake, 1 is -P, 2 this script.
math(EXPR last "${CMAKE_ARGC} - 1")
set(lock "${CMAKE_ARGV3}")
set(command "")
foreach(i RANGE 4 ${last})
  list(APPEND command "${CMAKE_ARGV${i}}")
endforeach()

file(LOCK "${lock}" GUARD PROCESS RESULT_VARIABLE busy TIMEOUT 0)
if(busy)
  message("PGO: waiting for another build of this tree to finish with the instrumented build")
  file(LOCK "${lock}" GUARD PROCESS)
endif()
execute_process(COMMAND ${command} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  # The command has said what failed; this only passes the failure on.
  message(FATAL_ERROR "PGO: the instrumented build failed (${rc}); see the messages above.")
endif()
