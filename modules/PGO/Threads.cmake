# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: PGO_ATOMIC_COUNTERS.  Threads that run the same
# instrumented code race on its counters, and the lost updates corrupt the
# profile; atomic counters (-fprofile-update=atomic for Clang, prefer-atomic
# for GCC) fix that, at some cost to the training's speed and, with ccache
# 4.7, to caching: it refuses -fprofile-update ("Unknown profiling option").
# So they are on by default only where a PGO target links threads.

include_guard(GLOBAL)

set(PGO_ATOMIC_COUNTERS AUTO CACHE STRING "Atomic profile counters in the instrumented build: AUTO (when a PGO target links threads), ON or OFF")
set_property(CACHE PGO_ATOMIC_COUNTERS PROPERTY STRINGS AUTO ON OFF)

# Called by _pgo_threaded_target: whether ITEM, an entry of a link or
# compile list, means threads.
function(_pgo_is_thread_item out item)
  if(item MATCHES "(^|[^A-Za-z_])(Threads::Threads|-pthreads?|-lpthread|pthread|libpthread[.a-z0-9]*)($|[^A-Za-z_])")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# Called by _pgo_atomic_counters: the first target of TARGETS whose link
# closure (its libraries and theirs, interface ones included) or link
# options bring threads, or empty.
function(_pgo_threaded_target out targets)
  set(seen "")
  set(queue ${targets})
  set(found "")
  while(queue AND NOT found)
    list(POP_FRONT queue t)
    if(t IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${t})
    set(items "")
    foreach(prop IN ITEMS LINK_LIBRARIES INTERFACE_LINK_LIBRARIES LINK_OPTIONS
        INTERFACE_LINK_OPTIONS COMPILE_OPTIONS INTERFACE_COMPILE_OPTIONS)
      get_target_property(v ${t} ${prop})
      if(v)
        list(APPEND items ${v})
      endif()
    endforeach()
    foreach(item IN LISTS items)
      _pgo_is_thread_item(threads "${item}")
      if(threads)
        set(found ${t})
        break()
      endif()
      # A library target (possibly inside $<LINK_ONLY:...>): follow it.
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" name "${item}")
      if(TARGET "${name}")
        get_target_property(aliased "${name}" ALIASED_TARGET)
        if(aliased)
          set(name "${aliased}")
        endif()
        list(APPEND queue "${name}")
      endif()
    endforeach()
  endwhile()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_instrumented: the counter flags for TARGETS (the PGO
# targets), in COMPILE_OUT and LINK_OUT, and one PGO: line saying why.
function(_pgo_atomic_counters compile_out link_out targets)
  set(${compile_out} "" PARENT_SCOPE)
  set(${link_out} "" PARENT_SCOPE)
  string(TOUPPER "${PGO_ATOMIC_COUNTERS}" mode)
  if(NOT mode MATCHES "^(AUTO|ON|OFF)$")
    message(FATAL_ERROR "PGO_ATOMIC_COUNTERS is '${PGO_ATOMIC_COUNTERS}': give AUTO (atomic "
      "counters when a target links threads), ON or OFF.")
  endif()
  if(mode STREQUAL "OFF")
    return()
  endif()
  set(why "PGO_ATOMIC_COUNTERS=ON")
  if(mode STREQUAL "AUTO")
    _pgo_threaded_target(threaded "${targets}")
    if(NOT threaded)
      return()
    endif()
    set(why "${threaded} links threads; PGO_ATOMIC_COUNTERS=OFF turns them off")
  endif()
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  if(compiler STREQUAL "clang")
    set(flag -fprofile-update=atomic)
  else()
    set(flag -fprofile-update=prefer-atomic)
  endif()
  message(STATUS "PGO: atomic profile counters in the instrumented build (${flag}): ${why}")
  set(${compile_out} "${flag}" PARENT_SCOPE)
  set(${link_out} "${flag}" PARENT_SCOPE)
endfunction()
