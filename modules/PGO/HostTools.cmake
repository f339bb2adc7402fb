# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: finds the project's executables that run during
# the build (code generators, build steps) and keeps them out of PGO, as
# PGO_EXCLUDE does.
#
# CMake cannot list custom commands, so add_custom_command() and
# add_custom_target() are overridden: each call records the words that name
# the programs its commands run, then goes on to CMake's own command with its
# arguments unchanged.  _pgo_finalize matches the words with the targets.
#
# PGO.cmake includes this file after its cmake_policy(POP), so that the two
# overrides, which CMake runs under the policies in effect where they were
# defined, pass the project's calls on under the project's policies
# (CMP0116 for DEPFILE, say), not the module's.  The private functions below
# set the module's policies themselves.

include_guard(GLOBAL)

option(PGO_DETECT_HOST_TOOLS "Keep the executables that run during the build (code generators) out of PGO" ON)
mark_as_advanced(PGO_DETECT_HOST_TOOLS)

cmake_policy(PUSH)
cmake_policy(VERSION 3.25...3.31)

# Called by the overrides below, in their scope: records the words of the call
# held in _pgo_argc and _pgo_arg<i> (copies of the override's ARGV<i>) and
# returns in _pgo_code the code that calls CMake's own COMMAND (_COMMAND) with
# the same arguments, each as a bracket argument ([==[...]==], with as many
# '=' as needed): nothing in one is expanded, an empty one or one holding ';'
# stays one argument.  The newline after each
# opening bracket is dropped by CMake, so an argument starting with a
# newline keeps it.
# Called by the overrides of CMake's commands (here and Installed.cmake): OUT
# is the code that calls CMake's own _<COMMAND> with the caller's arguments
# _pgo_arg0 ... (_pgo_argc of them), each bracket-quoted, so that none is
# split at a ';' or lost when empty.
function(_pgo_forward_code out command)
  set(code "_${command}(")
  set(i 0)
  while(i LESS _pgo_argc)
    set(arg "${_pgo_arg${i}}")
    # The closing ]==] must not be in the argument, nor be made by its end
    # ("x]" + "]]").
    set(eq "")
    while("${arg}]" MATCHES "]${eq}]")
      string(APPEND eq "=")
    endwhile()
    string(APPEND code " [${eq}[\n${arg}]${eq}]")
    math(EXPR i "${i} + 1")
  endwhile()
  string(APPEND code ")")
  set(${out} "${code}" PARENT_SCOPE)
endfunction()

function(_pgo_host_forward command)
  if(DEFINED _pgo_forwarding)
    # CMake keeps one earlier definition only, as _<command>: an override
    # defined after this one made _<command> this function, and CMake's own
    # command can no longer be reached.
    message(FATAL_ERROR "${command}() was overridden after include(PGO), by the project or "
      "a module it loads, which hides CMake's own ${command}() from PGO's override. "
      "Include PGO after that override, or configure with -DPGO_DETECT_HOST_TOOLS=OFF "
      "and set the target property PGO_EXCLUDE on the programs run during the build.")
  endif()
  _pgo_forward_code(code ${command})
  set(args "")
  set(i 0)
  while(i LESS _pgo_argc)
    list(APPEND args "${_pgo_arg${i}}")   # for _pgo_host_record, which reads words: a split does no harm
    math(EXPR i "${i} + 1")
  endwhile()
  get_property(done GLOBAL PROPERTY _PGO_HOST_DONE)
  if(NOT done AND _pgo_argc GREATER 0)
    _pgo_host_record(${command} ${args})
  endif()
  set(_pgo_code "${code}" PARENT_SCOPE)
  set(_pgo_forwarding TRUE PARENT_SCOPE)
endfunction()

# Called by _pgo_host_command_words: whether the command WORDS (program
# first) only handles files, such as a copy, a strip or a checksum of a
# program: then a $<TARGET_FILE:...> among its arguments does not run it.
function(_pgo_host_file_command out)
  set(handles FALSE)
  list(GET ARGN 0 program)
  get_filename_component(name "${program}" NAME)
  list(LENGTH ARGN n)
  if(name MATCHES "^cmake(-[0-9.]+)?$" AND n GREATER 2)
    list(GET ARGN 1 mode)
    list(GET ARGN 2 sub)
    if(mode STREQUAL "-E" AND NOT sub MATCHES "^(env|time)$")
      set(handles TRUE)   # cmake -E copy, rename, sha256sum, tar ...
    endif()
  elseif(name MATCHES "(^|-)(objcopy|strip|objdump|readelf|nm|size|patchelf|codesign|install|cp|mv|ln|tar|zip|gzip|xz|md5sum|sha[0-9]*sum|llvm-bolt|perf2bolt)(-[0-9.]+)?$")
    set(handles TRUE)
  endif()
  set(${out} ${handles} PARENT_SCOPE)
endfunction()

# Called by _pgo_host_record: appends to RUNS_VAR the targets that the command
# WORDS runs: its first word, and any $<TARGET_FILE...:name> in its words
# unless the command only handles files or the reference is to OWNER (the
# target a PRE_BUILD/PRE_LINK/POST_BUILD step belongs to: copying or
# signing the program just linked does not run it).
function(_pgo_host_command_words runs_var owner)
  if(NOT ARGN)
    return()
  endif()
  set(runs "${${runs_var}}")
  list(GET ARGN 0 first)
  list(APPEND runs "${first}")
  _pgo_host_file_command(handles ${ARGN})
  foreach(word IN LISTS ARGN)
    string(REGEX MATCHALL "\\$<TARGET_(FILE|BUNDLE)[A-Z_]*:[A-Za-z0-9_.+:-]+>" refs "${word}")
    foreach(ref IN LISTS refs)
      string(REGEX REPLACE "^.*:([A-Za-z0-9_.+:-]+)>$" "\\1" name "${ref}")
      if(word STREQUAL first OR (NOT handles AND NOT name STREQUAL owner))
        list(APPEND runs "${name}")
      endif()
    endforeach()
  endforeach()
  set(${runs_var} "${runs}" PARENT_SCOPE)
endfunction()

# Called by _pgo_host_forward: records what a call of COMMAND (the words in
# ARGN) runs, keyed by the target whose build runs it: global property
# _PGO_HOST_RUNS holds "owner;name" pairs, the owner being "<output>" for
# add_custom_command(OUTPUT), which runs when a target uses its output.
# _PGO_HOST_ALL lists the custom targets of the default build,
# _PGO_HOST_DEPENDS the DEPENDS words (custom targets built by another).
function(_pgo_host_record command)
  set(keywords ALL APPEND BYPRODUCTS CODEGEN COMMAND COMMAND_EXPAND_LISTS COMMENT DEPENDS
    DEPENDS_EXPLICIT_ONLY DEPFILE IMPLICIT_DEPENDS JOB_POOL JOB_SERVER_AWARE MAIN_DEPENDENCY
    OUTPUT POST_BUILD PRE_BUILD PRE_LINK SOURCES TARGET USES_TERMINAL VERBATIM WORKING_DIRECTORY)
  set(words ${ARGN})
  set(owner "<output>")
  set(section "")
  if(command STREQUAL "add_custom_target")
    list(POP_FRONT words owner)
    if(words)
      list(GET words 0 next)
      if(next STREQUAL "ALL")
        set_property(GLOBAL APPEND PROPERTY _PGO_HOST_ALL "${owner}")
      endif()
    endif()
    set(section COMMAND)   # add_custom_target(name [ALL] program args...)
  else()
    list(GET words 0 first)
    if(first STREQUAL "TARGET" AND ARGC GREATER 2)
      list(GET words 1 owner)
    endif()
  endif()
  set(runs "")
  set(cmd "")
  foreach(word IN LISTS words)
    if(word IN_LIST keywords)
      if(section STREQUAL "COMMAND")
        _pgo_host_command_words(runs "${owner}" ${cmd})
      endif()
      set(section "${word}")
      set(cmd "")
    elseif(section STREQUAL "COMMAND" AND NOT word STREQUAL "ARGS")
      list(APPEND cmd "${word}")
    elseif(section STREQUAL "DEPENDS")
      set_property(GLOBAL APPEND PROPERTY _PGO_HOST_DEPENDS "${word}")
    endif()
  endforeach()
  if(section STREQUAL "COMMAND")
    _pgo_host_command_words(runs "${owner}" ${cmd})
  endif()
  foreach(name IN LISTS runs)
    # Only a target name can be one: no path, no variable left, no '<'.
    if(name MATCHES "^[A-Za-z0-9_.+:-]+$")
      set_property(GLOBAL APPEND PROPERTY _PGO_HOST_RUNS "${owner}" "${name}")
    endif()
  endforeach()
endfunction()

# Called by _pgo_host_exclude, and by itself for the subdirectories: appends to
# OUT_VAR the targets of DIR and the directories below it that other targets
# depend on (add_dependencies).
function(_pgo_host_manual_depends out_var dir)
  set(found "${${out_var}}")
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(deps ${t} MANUALLY_ADDED_DEPENDENCIES)
    if(deps)
      list(APPEND found ${deps})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _pgo_host_manual_depends(found "${sub}")
  endforeach()
  set(${out_var} "${found}" PARENT_SCOPE)
endfunction()

# Called by _pgo_finalize before the flags are set: every executable of
# TARGETS that a custom command or a custom target of the build runs is
# given PGO_EXCLUDE TRUE, unless the project set PGO_EXCLUDE on it itself
# (FALSE keeps it in).  A custom target outside the default build ("run",
# "bench") counts only when another target depends on it.
function(_pgo_host_exclude targets)
  set_property(GLOBAL PROPERTY _PGO_HOST_DONE TRUE)   # the module's own commands are not the project's
  get_property(installed GLOBAL PROPERTY _PGO_HOST_INSTALLED)
  if(NOT installed)
    return()
  endif()
  get_property(runs GLOBAL PROPERTY _PGO_HOST_RUNS)
  get_property(all GLOBAL PROPERTY _PGO_HOST_ALL)
  get_property(depended GLOBAL PROPERTY _PGO_HOST_DEPENDS)
  _pgo_host_manual_depends(depended "${CMAKE_SOURCE_DIR}")
  set(run "")
  while(runs)
    list(POP_FRONT runs owner name)
    if(NOT owner STREQUAL "<output>" AND TARGET "${owner}")
      get_target_property(type "${owner}" TYPE)
      if(type STREQUAL "UTILITY" AND NOT owner IN_LIST all AND NOT owner IN_LIST depended)
        continue()
      endif()
    endif()
    if(TARGET "${name}")
      get_target_property(aliased "${name}" ALIASED_TARGET)
      if(aliased)
        set(name "${aliased}")
      endif()
      list(APPEND run "${name}")
    endif()
  endwhile()
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(NOT type STREQUAL "EXECUTABLE" OR NOT t IN_LIST run)
      continue()
    endif()
    get_property(set TARGET ${t} PROPERTY PGO_EXCLUDE SET)
    get_target_property(excluded ${t} PGO_EXCLUDE)
    if(NOT set)
      set_property(TARGET ${t} PROPERTY PGO_EXCLUDE TRUE)
      message(STATUS "PGO: ${t} runs during the build: built without PGO")
    elseif(NOT excluded)
      message(STATUS "PGO: ${t} runs during the build, kept in PGO (its PGO_EXCLUDE is '${excluded}')")
    endif()
  endforeach()
endfunction()

cmake_policy(POP)

# Installed only when PGO is on: PGO=OFF leaves CMake's commands alone.
get_property(_pgo_mode GLOBAL PROPERTY _PGO_MODE)
if(_pgo_mode STREQUAL "OFF" OR NOT PGO_DETECT_HOST_TOOLS)
  # Nothing to do.
elseif(COMMAND _add_custom_command OR COMMAND _add_custom_target)
  # Overriding again would make CMake's _add_custom_command the project's
  # override, which calls itself through ours without end.
  message(WARNING "PGO: add_custom_command() or add_custom_target() is already overridden (by "
    "the project or a module it loads), so PGO cannot see which programs run during the build "
    "and builds them with PGO like any other. Set the target property PGO_EXCLUDE on those "
    "programs; -DPGO_DETECT_HOST_TOOLS=OFF silences this warning.")
else()
  set_property(GLOBAL PROPERTY _PGO_HOST_INSTALLED TRUE)
  # Public in name only: the project's own add_custom_command() calls, recorded and forwarded.
  function(add_custom_command)
    set(_pgo_argc ${ARGC})
    set(_pgo_i 0)
    while(_pgo_i LESS ARGC)
      set(_pgo_arg${_pgo_i} "${ARGV${_pgo_i}}")
      math(EXPR _pgo_i "${_pgo_i} + 1")
    endwhile()
    _pgo_host_forward(add_custom_command)
    cmake_language(EVAL CODE "${_pgo_code}")
  endfunction()
  # Public in name only: the project's own add_custom_target() calls, recorded and forwarded.
  function(add_custom_target)
    set(_pgo_argc ${ARGC})
    set(_pgo_i 0)
    while(_pgo_i LESS ARGC)
      set(_pgo_arg${_pgo_i} "${ARGV${_pgo_i}}")
      math(EXPR _pgo_i "${_pgo_i} + 1")
    endwhile()
    _pgo_host_forward(add_custom_target)
    cmake_language(EVAL CODE "${_pgo_code}")
  endfunction()
endif()
unset(_pgo_mode)
