# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Fixture of tests/module/call_cycles.sh, never included: cycle_a calls cycle_b, which calls
# cycle_c, which calls cycle_a back.  The names below in comments, strings and bracket
# arguments, and the call of cycle_c's override of a CMake command, are no edges.

# A comment naming cycle_c_step() is no call.
#[[ Nor is a bracket comment:
cycle_c_step()
]]

function(cycle_a_entry)
  cycle_b_step(x)
  add_custom_target(fixture)   # cycle_c.cmake overrides it: no edge to cycle_c
endfunction()
