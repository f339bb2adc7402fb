# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Fixture of tests/module/call_cycles.sh: the third file of the cycle, calling cycle_a back
# through cmake_language(CALL), and overriding a CMake command.

function(cycle_c_step)
  if(("(" STREQUAL ")"))
    cmake_language(CALL cycle_a_entry)
  endif()
endfunction()

function(add_custom_target)
  _add_custom_target(${ARGV})
endfunction()
