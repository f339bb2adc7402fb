# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: how a check says that PGO does not work here. It lies
# below every file that checks (Toolchain, InstrumentCheck, MultiConfig), so that none
# of them calls another back.

include_guard(GLOBAL)

# Called by the checks that decide whether PGO works here (_pgo_check_generator,
# _pgo_multiconfig_check, _pgo_check_toolchain, _pgo_find_profile_tool,
# _pgo_check_instrumentation), with the reason in pieces: stops the configure
# with it, or, while pgo_check_supported() asks (global property _PGO_ASKING),
# keeps the first reason in the global property _PGO_UNSUPPORTED.  The caller
# returns after it.
function(_pgo_unsupported)
  set(text "")
  set(i 0)
  while(i LESS ARGC)
    string(APPEND text "${ARGV${i}}")   # by index: a ';' in a piece stays
    math(EXPR i "${i} + 1")
  endwhile()
  get_property(asking GLOBAL PROPERTY _PGO_ASKING)
  if(NOT asking)
    message(FATAL_ERROR "${text}")
  endif()
  get_property(reason GLOBAL PROPERTY _PGO_UNSUPPORTED)
  if("${reason}" STREQUAL "")
    set_property(GLOBAL PROPERTY _PGO_UNSUPPORTED "${text}")
  endif()
endfunction()
