# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: records the targets a project installs, so that
# the LTO that PGO_LTO puts on (Lto.cmake) does not leave the build in a form
# other programs cannot link.  An installed static library of LTO objects is
# LLVM bitcode with Clang, which a program linked without -flto (or without
# an LTO-aware linker) cannot read, and GCC IR of one GCC version with GCC.
# Included after PGO.cmake's cmake_policy(POP), as HostTools.cmake is: the
# override passes the project's calls on under the project's policies.

include_guard(GLOBAL)

# Called by Lto.cmake's _pgo_setup_lto: OUT lists the targets named by the
# project's install(TARGETS) calls so far.  None in the instrumented tree of
# a PGO=ON build, which is never installed: its static libraries then get
# the LTO of the others, and no machine code that nothing there links.
function(_pgo_installed_targets out)
  if(_PGO_PROFILE_DIR)
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  get_property(targets GLOBAL PROPERTY _PGO_INSTALLED_TARGETS)
  set(${out} "${targets}" PARENT_SCOPE)
endfunction()

# Called by the override below: the targets of install(TARGETS <targets>...
# <keyword> ...), the call's arguments being _pgo_arg0 ... in the caller.
function(_pgo_installed_record)
  if(NOT _pgo_argc GREATER 1 OR NOT _pgo_arg0 STREQUAL "TARGETS")
    return()
  endif()
  set(i 1)
  while(i LESS _pgo_argc)
    set(word "${_pgo_arg${i}}")
    if(NOT TARGET "${word}")
      break()   # the first keyword (EXPORT, ARCHIVE, DESTINATION, ...)
    endif()
    set_property(GLOBAL APPEND PROPERTY _PGO_INSTALLED_TARGETS "${word}")
    math(EXPR i "${i} + 1")
  endwhile()
endfunction()

get_property(_pgo_lto GLOBAL PROPERTY _PGO_LTO_USED)
if(NOT _pgo_lto)
  # Nothing to do: no LTO from the module.
elseif(COMMAND _install)
  message(STATUS "PGO: install() is already overridden (by the project or a module it loads): "
    "installed static libraries keep the LTO of the others, which programs linked without LTO "
    "cannot read. Set INTERPROCEDURAL_OPTIMIZATION OFF on them, or -DPGO_LTO=OFF.")
else()
  # Public in name only: the project's own install() calls, recorded and forwarded.
  function(install)
    set(_pgo_argc ${ARGC})
    set(_pgo_i 0)
    while(_pgo_i LESS ARGC)
      set(_pgo_arg${_pgo_i} "${ARGV${_pgo_i}}")
      math(EXPR _pgo_i "${_pgo_i} + 1")
    endwhile()
    _pgo_installed_record()
    _pgo_forward_code(_pgo_code install)
    cmake_language(EVAL CODE "${_pgo_code}")
  endfunction()
endif()
unset(_pgo_lto)
