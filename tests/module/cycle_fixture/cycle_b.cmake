# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Fixture of tests/module/call_cycles.sh: the second file of the cycle, calling cycle_c
# (the command's name in capitals: CMake's names are case-insensitive).

macro(cycle_b_step var)
  message(STATUS "a string naming cycle_a_entry() is no call")
  set(${var} [=[ nor is a bracket argument:
cycle_a_entry()
]=])
  CYCLE_C_STEP()
endmacro()
