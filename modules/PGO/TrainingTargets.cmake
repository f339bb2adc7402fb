# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: PGO_TRAINING_TARGETS, the targets the training
# runs.  The instrumented tree then builds only those (and what they link)
# before it trains, instead of every target; the helper removes the programs
# it leaves out, which an earlier build may have made from older sources, so
# that no test trains on them.

include_guard(GLOBAL)

# Called by _pgo_finalize in every tree (a wrong name stops the optimized
# tree's configure, not its build) and by _pgo_training_targets: OUT, the
# targets PGO_TRAINING_TARGETS names, checked, aliases resolved.
function(_pgo_training_target_names out)
  # Target names hold no spaces: "a b" is the list a;b, easier to give on a command line.
  string(REGEX REPLACE "[ \t]+" ";" given "${PGO_TRAINING_TARGETS}")
  set(named "")
  foreach(t IN LISTS given)
    if(NOT TARGET "${t}")
      message(FATAL_ERROR "PGO_TRAINING_TARGETS names '${t}', which is not a target of this "
        "project. Name the executables (and modules) that the training tests run, separated by "
        "spaces, or leave the setting empty to build every target before training.")
    endif()
    get_target_property(real "${t}" ALIASED_TARGET)
    if(real)
      set(t "${real}")
    endif()
    get_target_property(imported "${t}" IMPORTED)
    if(imported)
      message(FATAL_ERROR "PGO_TRAINING_TARGETS names '${t}', an imported target: the "
        "instrumented tree builds only the project's own targets.")
    endif()
    list(APPEND named "${t}")
  endforeach()
  list(REMOVE_DUPLICATES named)
  set(${out} "${named}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_instrumented: DEPENDS_OUT, the targets the training
# waits for (every target of TARGETS without the setting), and ARGS_OUT, the
# options of pgo-helper train that remove the other instrumented programs
# (of TAKEN) before the training.
function(_pgo_training_targets depends_out args_out targets taken)
  _pgo_training_target_names(named)
  if(named AND NOT CMAKE_GENERATOR MATCHES "Ninja")
    # A custom command of Makefiles cannot wait for another target's objects alone.
    message(STATUS "PGO: PGO_TRAINING_TARGETS needs a Ninja generator; with "
      "${CMAKE_GENERATOR} the instrumented tree builds every target before training")
    set(named "")
  endif()
  if(NOT named)
    set(${depends_out} "${targets}" PARENT_SCOPE)
    set(${args_out} "" PARENT_SCOPE)
    return()
  endif()

  # Programs and modules the build leaves out.  Shared libraries are not
  # listed: the named targets that link one build it.
  # Every other target's objects are still built, not linked: pgo-helper
  # stamps reads every instrumented object for the functions its source
  # defines.
  set(lines "")
  set(objects "")
  foreach(t IN LISTS taken)
    if("${t}" IN_LIST named)
      continue()
    endif()
    list(APPEND objects "$<TARGET_OBJECTS:${t}>")
    get_target_property(type "${t}" TYPE)
    if(type MATCHES "^(EXECUTABLE|MODULE_LIBRARY)$")
      string(APPEND lines "${t}\t$<TARGET_FILE:${t}>\n")
    endif()
  endforeach()
  # One list per configuration: a multi-config tree's files differ by config.
  set(list "${CMAKE_BINARY_DIR}/_pgo/unbuilt-targets-$<CONFIG>.txt")
  file(GENERATE OUTPUT "${list}" CONTENT "${lines}")
  set(${depends_out} "${named};${objects}" PARENT_SCOPE)
  set(${args_out} --unbuilt-targets "${list}" PARENT_SCOPE)
endfunction()
