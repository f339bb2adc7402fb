# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: PGO_COLD_POLICY, how far the optimized build
# trusts the training about code it never ran.  A compiler given a profile
# optimizes what the training never ran for size and keeps it out of line;
# where the users' load runs code the training missed, the program is then
# slower than the same build without the profile.  Measured on loads the
# training did not cover (tests/benchmark/cold-policy.sh, docs/results.md):
#   BALANCED (default)  Clang: a call site the training never ran is inlined
#                       as an ordinary one (-inline-cold-callsite-threshold at
#                       the optimization level's own threshold: 250 at -O3,
#                       225 at -O2; LLVM's default is 45), on the compiles and
#                       in the LTO link.  GCC 12's own treatment measured within
#                       0.03% of an expert's on those loads: nothing changes.
#   CAUTIOUS            Clang: also ThinLTO imports what such call sites call
#                       (-import-cold-multiplier=1; default 0); GCC: code the
#                       training never ran is optimized as without a profile
#                       (-fprofile-partial-training).  More for untrained
#                       loads, a little less where the training covers them.
#   TRUST               The compiler's own treatment.

include_guard(GLOBAL)

set(PGO_COLD_POLICY BALANCED CACHE STRING "How the optimized build treats code the training never ran: BALANCED (default), CAUTIOUS (closer to a build without the profile there) or TRUST (the compiler's own)")
set_property(CACHE PGO_COLD_POLICY PROPERTY STRINGS BALANCED CAUTIOUS TRUST)
# The optimized tree's own: changing it builds nothing instrumented again (the
# context-sensitive pass gets it, InitialCache.cmake).
set_property(GLOBAL APPEND PROPERTY _PGO_OWN_SETTINGS PGO_COLD_POLICY)

# Called by _pgo_check_settings.
function(_pgo_check_cold_policy)
  string(TOUPPER "${PGO_COLD_POLICY}" policy)
  if(NOT policy MATCHES "^(BALANCED|CAUTIOUS|TRUST)$")
    message(FATAL_ERROR "PGO_COLD_POLICY is '${PGO_COLD_POLICY}': give BALANCED (the default: "
      "call sites the training never ran are inlined as ordinary ones), CAUTIOUS (code the "
      "training never ran is optimized closer to a build without the profile) or TRUST (the "
      "compiler's own treatment).")
  endif()
endfunction()

# Called by _pgo_cold_flags: Clang's inlining threshold at the optimization
# level of the PGO configuration's flags (the last -O of CMAKE_<LANG>_FLAGS and
# CMAKE_<LANG>_FLAGS_<CONFIG>), or empty at -O0, -Os, -Oz and -Og, where
# inlining more would go against what the flags ask.
function(_pgo_inline_threshold out)
  _pgo_multi_config(multi)
  if(multi)
    set(config PGO)
  else()
    string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  endif()
  set(lang C)
  if(NOT CMAKE_C_COMPILER_LOADED)
    set(lang CXX)
  endif()
  string(REGEX MATCHALL "(^| )-O[0-9sgz]?( |$)" levels
    " ${CMAKE_${lang}_FLAGS} ${CMAKE_${lang}_FLAGS_${config}} ")
  set(level "")   # no -O at all (no build type): -O0
  if(levels)
    list(GET levels -1 level)
    string(STRIP "${level}" level)
  endif()
  if(level STREQUAL "-O3" OR level MATCHES "^-O[4-9]$")
    set(${out} 250 PARENT_SCOPE)
  elseif(level MATCHES "^-O[12]?$")
    set(${out} 225 PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

# Called by _pgo_mode_flags (COMPILE: the profile-use compiles) and
# _pgo_setup_lto (LINK: the LTO links of an optimized tree, where ThinLTO's
# backend and import run): the flags of PGO_COLD_POLICY for the compiler
# family COMPILER.  A -mllvm option on the compile line does not reach the
# link's LTO backend, so the link gets its own spelling, which the LLVMgold
# plugin (GNU ld, gold) and lld both take.
function(_pgo_cold_flags out what compiler)
  string(TOUPPER "${PGO_COLD_POLICY}" policy)
  set(flags "")
  if(compiler STREQUAL "clang" AND policy MATCHES "^(BALANCED|CAUTIOUS)$")
    _pgo_inline_threshold(threshold)
    if(threshold AND what STREQUAL "COMPILE")
      list(APPEND flags "SHELL:-mllvm -inline-cold-callsite-threshold=${threshold}")
    elseif(threshold)
      list(APPEND flags "-Wl,-plugin-opt=-inline-cold-callsite-threshold=${threshold}")
    endif()
    if(policy STREQUAL "CAUTIOUS" AND what STREQUAL "LINK")
      list(APPEND flags "-Wl,-plugin-opt=-import-cold-multiplier=1")
    endif()
  elseif(compiler STREQUAL "gcc" AND policy STREQUAL "CAUTIOUS")
    list(APPEND flags -fprofile-partial-training)
  endif()
  set(${out} "${flags}" PARENT_SCOPE)
endfunction()
