# SPDX-License-Identifier: MIT
# Runs one interpreter test and compares its output with the expectation.
#
#   cmake -DINTERP=<exe> -DSCRIPT=<file.lang> -DEXPECTED=<base> [-DFLAGS=..]
#         [-DARGS=<script arguments>] [-DEXIT_CODE=<n>] -P RunTest.cmake
#
# <base>.out holds the expected stdout and <base>.err the expected stderr;
# a missing file means that stream must be empty.
foreach(var INTERP SCRIPT EXPECTED)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "RunTest.cmake: ${var} not set")
  endif()
endforeach()
if(NOT DEFINED EXIT_CODE)
  set(EXIT_CODE 0)
endif()

execute_process(
  COMMAND "${INTERP}" ${FLAGS} "${SCRIPT}" ${ARGS}
  OUTPUT_VARIABLE actual_out
  ERROR_VARIABLE actual_err
  RESULT_VARIABLE actual_rc)

set(failures "")
foreach(stream out err)
  set(expected_${stream} "")
  if(EXISTS "${EXPECTED}.${stream}")
    file(READ "${EXPECTED}.${stream}" expected_${stream})
  endif()
  if(NOT actual_${stream} STREQUAL expected_${stream})
    string(APPEND failures
      "---- std${stream} differs from ${EXPECTED}.${stream}\n"
      "---- expected:\n${expected_${stream}}\n"
      "---- actual:\n${actual_${stream}}\n")
  endif()
endforeach()
if(NOT actual_rc STREQUAL EXIT_CODE)
  string(APPEND failures "---- exit code ${actual_rc}, expected ${EXIT_CODE}\n")
endif()

if(failures)
  message(FATAL_ERROR "${SCRIPT}: output mismatch\n${failures}")
endif()
