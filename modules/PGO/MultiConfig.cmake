# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: multi-configuration trees (Ninja Multi-Config).
#
# With PGO=ON the tree gets a configuration named PGO beside the user's
# (Debug, Release...): everything the module adds -- profile flags, the
# compiler launcher, the instrumented sub-build, the summary -- is wrapped in
# $<CONFIG:PGO> or attached to outputs that exist in the PGO configuration
# only, so `--config Debug` builds exactly what it would without the module.
#
# Two things CMake 3.25 cannot make per configuration are done otherwise:
#   - OBJECT_DEPENDS takes no generator expressions.  The PGO objects
#     force-include a small header, <build>/_pgo/profile-id.h, whose content
#     is the hash of the merged profile (SWI-Prolog's way); the compiler's
#     dependency files then recompile them when the profile changes.
#   - add_dependencies() holds for every configuration.  The targets depend
#     on pgo-profile-id, a custom target whose only dependency is an output
#     of the PGO configuration: in the others it is an empty phony target.
# The instrumented tree is Ninja Multi-Config as well, with the single
# configuration PGO, so that both trees compile each source into the same
# object path (CMakeFiles/<target>.dir/PGO/...), which names GCC's .gcda
# files, under the same flags (CMAKE_<LANG>_FLAGS_PGO).

include_guard(GLOBAL)

# Called by the functions below and by Pipeline.cmake, Training.cmake,
# Report.cmake, Sidecar.cmake: whether this tree's generator is
# multi-configuration.
function(_pgo_multi_config out)
  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(${out} "${multi}" PARENT_SCOPE)
endfunction()

# Called by _pgo_check_generator for Ninja Multi-Config: what works there.
function(_pgo_multiconfig_check)
  get_property(mode GLOBAL PROPERTY _PGO_MODE)
  if(mode STREQUAL "INSTRUMENT" AND NOT _PGO_PROFILE_DIR)
    _pgo_unsupported("PGO=INSTRUMENT needs a single-configuration generator: the manual "
      "flow's profile would depend on the configuration built (GCC names its .gcda files "
      "after the object paths, which carry the configuration here). Configure the "
      "instrumented tree with -G Ninja, or use PGO=ON, which adds the configuration PGO "
      "to a Ninja Multi-Config tree.")
    return()
  endif()
endfunction()

# Called by PGO.cmake after the mode is known: in a multi-configuration tree
# with PGO on, the configuration PGO exists (added to CMAKE_CONFIGURATION_TYPES
# when missing) and its flags default to Release's; with PGO off, a PGO
# configuration the module added is taken away again.  Sets
# CMAKE_CONFIGURATION_TYPES in the caller's scope when the project shadows
# the cache entry with a variable.
function(_pgo_multiconfig_init)
  _pgo_multi_config(multi)
  if(NOT multi)
    return()
  endif()
  get_property(mode GLOBAL PROPERTY _PGO_MODE)
  set(types "${CMAKE_CONFIGURATION_TYPES}")
  if(mode STREQUAL "OFF")
    if(NOT _PGO_ADDED_CONFIG OR NOT "PGO" IN_LIST types)
      return()
    endif()
    list(REMOVE_ITEM types PGO)
    set(_PGO_ADDED_CONFIG "" CACHE INTERNAL "")
    message(STATUS "PGO: PGO is off: the configuration PGO is removed from CMAKE_CONFIGURATION_TYPES")
  elseif(NOT "PGO" IN_LIST types)
    list(APPEND types PGO)
    set(_PGO_ADDED_CONFIG TRUE CACHE INTERNAL "Whether PGO.cmake added PGO to CMAKE_CONFIGURATION_TYPES")
  endif()
  get_property(doc CACHE CMAKE_CONFIGURATION_TYPES PROPERTY HELPSTRING)
  set(CMAKE_CONFIGURATION_TYPES "${types}" CACHE STRING "${doc}" FORCE)
  if(DEFINED CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_CONFIGURATION_TYPES "${types}" PARENT_SCOPE)
  endif()
  _pgo_multiconfig_flags()
endfunction()

# Called by _pgo_multiconfig_init and _pgo_multiconfig_finalize (languages
# enabled after include(PGO)): CMAKE_<LANG>_FLAGS_PGO and the linker flags of
# the PGO configuration default to the Release ones, unless the user set them.
function(_pgo_multiconfig_flags)
  get_property(langs GLOBAL PROPERTY ENABLED_LANGUAGES)
  set(vars "")
  foreach(lang IN LISTS langs)
    if(NOT lang STREQUAL "NONE")
      list(APPEND vars CMAKE_${lang}_FLAGS)
    endif()
  endforeach()
  list(APPEND vars CMAKE_EXE_LINKER_FLAGS CMAKE_SHARED_LINKER_FLAGS CMAKE_MODULE_LINKER_FLAGS
    CMAKE_STATIC_LINKER_FLAGS)
  foreach(var IN LISTS vars)
    if(NOT DEFINED CACHE{${var}_PGO})
      set(${var}_PGO "${${var}_RELEASE}" CACHE STRING
        "${var} of the PGO configuration (default: those of Release)")
      mark_as_advanced(${var}_PGO)
    endif()
  endforeach()
endfunction()

# Called by _pgo_finalize in a tree whose configuration is PGO (a
# multi-configuration tree, or a tree driven by one): an imported target
# without MAP_IMPORTED_CONFIG_PGO uses its Release files (else
# RelWithDebInfo's, MinSizeRel's), as for CMake's own configurations.
function(_pgo_multiconfig_finalize)
  _pgo_multi_config(multi)
  if(NOT multi)
    return()
  endif()
  _pgo_multiconfig_flags()
  _pgo_map_imported_configs("${CMAKE_SOURCE_DIR}")
endfunction()

# Called by _pgo_multiconfig_finalize, recursively over DIR's subdirectories.
function(_pgo_map_imported_configs dir)
  get_property(imported DIRECTORY "${dir}" PROPERTY IMPORTED_TARGETS)
  foreach(t IN LISTS imported)
    get_target_property(mapped ${t} MAP_IMPORTED_CONFIG_PGO)
    get_target_property(configs ${t} IMPORTED_CONFIGURATIONS)
    if(mapped OR NOT configs)
      continue()
    endif()
    string(TOUPPER "${configs}" configs)
    foreach(c IN ITEMS RELEASE RELWITHDEBINFO MINSIZEREL)
      if(c IN_LIST configs)
        set_property(TARGET ${t} PROPERTY MAP_IMPORTED_CONFIG_PGO ${c})
        break()
      endif()
    endforeach()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _pgo_map_imported_configs("${sub}")
  endforeach()
endfunction()

# Called by _pgo_apply_flags, _pgo_add_launcher and Report.cmake: in a
# multi-configuration tree, each element of the list VAR holds in the PGO
# configuration only (an empty string in the others).  With WHOLE, the list
# is one expression, which gives an empty list in the others: a compiler
# launcher keeps its empty elements as "" arguments.
function(_pgo_config_only var)
  _pgo_multi_config(multi)
  if(NOT multi)
    return()
  endif()
  if(ARGN STREQUAL "WHOLE")
    set(${var} "$<$<CONFIG:PGO>:${${var}}>" PARENT_SCOPE)
    return()
  endif()
  set(out "")
  foreach(item IN LISTS ${var})
    list(APPEND out "$<$<CONFIG:PGO>:${item}>")
  endforeach()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_optimized and _pgo_setup_report for the COMMAND of a
# custom target or step: in a multi-configuration tree, the command in VAR
# runs in the PGO configuration only; in the others a command that is WHAT
# (a target name; empty: nothing) prints a line saying so.  The result ends
# with the keyword COMMAND_EXPAND_LISTS, which drops the arguments that
# evaluate to nothing.
function(_pgo_config_command var what)
  _pgo_multi_config(multi)
  if(NOT multi)
    return()
  endif()
  set(out "")
  foreach(arg IN LISTS ${var})
    if(NOT arg MATCHES "\\$<")
      string(REPLACE ">" "$<ANGLE-R>" arg "${arg}")   # would end the expression
    endif()
    list(APPEND out "$<$<CONFIG:PGO>:${arg}>")
  endforeach()
  if(NOT what STREQUAL "")
    foreach(arg IN ITEMS "${CMAKE_COMMAND}" -E echo
        "PGO: ${what} is for the PGO configuration (--config PGO), nothing to do for $<CONFIG>")
      list(APPEND out "$<$<NOT:$<CONFIG:PGO>>:${arg}>")
    endforeach()
  endif()
  list(APPEND out COMMAND_EXPAND_LISTS)
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

# Called by _pgo_write_initial_cache: the lines that make the instrumented
# tree (and the plain twin) a Ninja Multi-Config tree of the one
# configuration PGO, appended to the text in VAR.
function(_pgo_multiconfig_cache var)
  _pgo_multi_config(multi)
  if(NOT multi)
    return()
  endif()
  string(APPEND ${var}
    "# This tree builds the configuration PGO only, as the optimized tree's --config PGO.\n"
    "set(CMAKE_CONFIGURATION_TYPES PGO CACHE STRING \"\" FORCE)\n"
    "set(CMAKE_DEFAULT_BUILD_TYPE PGO CACHE STRING \"\" FORCE)\n"
    "set(CMAKE_BUILD_TYPE PGO CACHE STRING \"\" FORCE)\n"
    "unset(CMAKE_CROSS_CONFIGS CACHE)\n"
    "unset(CMAKE_DEFAULT_CONFIGS CACHE)\n")
  set(${var} "${${var}}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_optimized in a multi-configuration tree, in place of
# OBJECT_DEPENDS: the PGO objects of TAKEN force-include profile-id.h, which
# changes with the profile files DEPS, and wait for PROFILE_TARGET (empty with
# a given profile) through the target pgo-profile-id.
function(_pgo_multiconfig_objects deps profile_target taken)
  set(dir "${CMAKE_BINARY_DIR}/_pgo")
  set(header "${dir}/profile-id.h")
  # No DEPS: the objects already wait for their own stamps (Stamps.cmake).
  if(deps)
    add_custom_command(OUTPUT "$<$<CONFIG:PGO>:${header}>"
      COMMAND "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/scripts/ProfileId.cmake"
        "${header}" ${deps}
      DEPENDS ${deps}
      COMMENT "PGO: the profile changed, the PGO objects compile again (${header})"
      VERBATIM)
    add_custom_target(pgo-profile-id DEPENDS "$<$<CONFIG:PGO>:${header}>")
    if(profile_target)
      add_dependencies(pgo-profile-id ${profile_target})
    endif()
    foreach(t IN LISTS taken)
      add_dependencies(${t} pgo-profile-id)
      target_compile_options(${t} PRIVATE
        "$<$<AND:$<CONFIG:PGO>,$<COMPILE_LANGUAGE:C,CXX>>:SHELL:-include ${header}>")
    endforeach()
  endif()
  # The summary and the report belong to the PGO configuration's "all".
  set_property(TARGET pgo-summary PROPERTY EXCLUDE_FROM_ALL "$<NOT:$<CONFIG:PGO>>")
  message(STATUS "PGO: Ninja Multi-Config: the configuration PGO is the optimized build "
    "(cmake --build ${CMAKE_BINARY_DIR} --config PGO)")
endfunction()
