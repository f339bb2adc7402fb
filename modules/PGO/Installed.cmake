# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: records the targets a project installs, so that
# the LTO that PGO_LTO puts on (Lto.cmake) does not leave the build in a form
# other programs cannot link.  An installed static library of LTO objects is
# LLVM bitcode with Clang, which a program linked without -flto (or without
# an LTO-aware linker) cannot read, and GCC IR of one GCC version with GCC.
# Included after PGO.cmake's cmake_policy(POP), as HostTools.cmake is: the
# override passes the project's calls on under the project's policies.
#
# Why an override: the configure language cannot list install rules.  At the
# end of the configure (cmake_language(DEFER), where _pgo_finalize runs) no
# target or directory property says that a target is installed (install()
# sets none), and the file API's "installers" (codemodel-v2) are written
# after generation, too late for the compile options decided here.  Without
# it, every static library would need fat LTO objects, which an older Clang
# does not have.

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

# Called by Lto.cmake's _pgo_setup_lto with the static libraries it gave LTO
# objects: when install() was overridden before include(PGO), which installed
# ones is unknown, and a warning names them all.  Not in the instrumented tree
# or the plain twin of pgo-benchmark, which are never installed.
function(_pgo_installed_unseen static)
  get_property(unseen GLOBAL PROPERTY _PGO_INSTALL_UNSEEN)
  if(NOT unseen OR NOT static OR _PGO_PROFILE_DIR OR _PGO_TWIN)
    return()
  endif()
  list(JOIN static ", " names)
  message(WARNING "PGO: install() is already overridden (by the project or a module it loads), "
    "so PGO cannot see which static libraries the project installs: ${names} get LTO objects "
    "like the other targets, which a program linked without LTO cannot read once they are "
    "installed. Set INTERPROCEDURAL_OPTIMIZATION OFF on those the project installs, or "
    "configure with -DPGO_LTO=OFF.")
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
  # Overriding again would make CMake's _install the project's override, which
  # calls itself through ours without end: left alone, and said by
  # _pgo_installed_unseen when a static library gets LTO.
  set_property(GLOBAL PROPERTY _PGO_INSTALL_UNSEEN TRUE)
else()
  # Public in name only: the project's own install() calls, recorded and forwarded.
  function(install)
    if(DEFINED _pgo_installing)
      # CMake keeps one earlier definition only, as _install: an override defined
      # after this one made _install this function, and CMake's own install() can
      # no longer be reached.
      message(FATAL_ERROR "install() was overridden after include(PGO), by the project or a "
        "module it loads, which hides CMake's own install() from PGO's override. Define that "
        "override before include(PGO), or configure with -DPGO_LTO=OFF, which leaves install() "
        "alone.")
    endif()
    set(_pgo_installing TRUE)
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
