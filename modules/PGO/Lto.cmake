# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: PGO_LTO, link-time optimization of the PGO
# targets by default, as an expert's PGO build has it (CMake's IPO flags:
# ThinLTO for Clang, -flto=auto for GCC), in both trees and in the plain twin
# of pgo-benchmark, so that what the profile buys is measured against the
# same LTO.  A project's own choice wins: CMAKE_INTERPROCEDURAL_OPTIMIZATION
# given (ON or OFF), or a target's INTERPROCEDURAL_OPTIMIZATION(_<CONFIG>).

include_guard(GLOBAL)

option(PGO_LTO "Link-time optimization for the PGO targets whose project does not choose it (ThinLTO for Clang, -flto=auto for GCC); OFF: profile only" ON)
set_property(GLOBAL APPEND PROPERTY _PGO_OWN_SETTINGS PGO_LTO)
# Copied into the instrumented tree, which reads it.
option(PGO_INSTRUMENTED_LTO "The instrumented tree gets the optimized tree's LTO too (its programs run the training faster; every edit then pays an LTO link there); OFF: it compiles without, which writes the same profile" OFF)

# Called by PGO.cmake at include time (a macro: the archive rules must be set
# in the including directory, whose subdirectories inherit them).  Decides
# whether LTO is used, into the global property _PGO_LTO_USED (ON, OFF, or
# empty when the project chooses), and then archives static libraries with
# the compiler's ar (gcc-ar, llvm-ar), which indexes LTO objects, as CMake's
# IPO does; these rules archive plain objects as well.
macro(_pgo_lto_decide)
  _pgo_lto_decision(_pgo_lto_use)
  if(_pgo_lto_use)
    foreach(_pgo_lang IN ITEMS C CXX)
      if(CMAKE_${_pgo_lang}_COMPILER_LOADED AND DEFINED CMAKE_${_pgo_lang}_ARCHIVE_CREATE_IPO)
        foreach(_pgo_rule IN ITEMS CREATE APPEND FINISH)
          set(CMAKE_${_pgo_lang}_ARCHIVE_${_pgo_rule} "${CMAKE_${_pgo_lang}_ARCHIVE_${_pgo_rule}_IPO}")
        endforeach()
      endif()
    endforeach()
    unset(_pgo_lang)
    unset(_pgo_rule)
  endif()
  unset(_pgo_lto_use)
endmacro()

# Called by _pgo_lto_decide: OUT is ON when the module puts LTO on.
function(_pgo_lto_decision out)
  set(use OFF)
  set(why "")
  if(NOT PGO_LTO OR DEFINED CMAKE_INTERPROCEDURAL_OPTIMIZATION)
    set(use "")
  elseif(DEFINED _PGO_LTO_DECIDED)
    # An instrumented tree or plain twin driven by an optimized one takes its decision.
    set(use ${_PGO_LTO_DECIDED})
    set(why "${_PGO_LTO_WHY}")
  else()
    set(langs "")
    foreach(lang IN ITEMS C CXX)
      if(CMAKE_${lang}_COMPILER_LOADED)
        list(APPEND langs ${lang})
      endif()
    endforeach()
    _pgo_lto_supported(why "${langs}")
    if(NOT why)
      set(use ON)
    endif()
  endif()
  set_property(GLOBAL PROPERTY _PGO_LTO_USED "${use}")
  set_property(GLOBAL PROPERTY _PGO_LTO_WHY "${why}")
  set(${out} "${use}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_lto: whether LTO works for LANGS, by CMake's own
# check_ipo_supported, cached by compiler, version and flags (a failure is
# checked again at the next configure).  OUT: empty, or why not.
function(_pgo_lto_supported out langs)
  set(why "")
  foreach(lang IN LISTS langs)
    string(MD5 key "${CMAKE_${lang}_COMPILER} ${CMAKE_${lang}_COMPILER_VERSION} ${CMAKE_${lang}_FLAGS} ${CMAKE_${lang}_COMPILER_AR} ${CMAKE_${lang}_COMPILE_OPTIONS_IPO}")
    if("$CACHE{_PGO_LTO_CHECKED_${lang}}" STREQUAL key)
      continue()
    endif()
    include(CheckIPOSupported)
    check_ipo_supported(RESULT ok OUTPUT output LANGUAGES ${lang})
    if(NOT ok)
      # The last lines of the try's log say what failed.
      _pgo_quote(output "${output}" 4)
      string(APPEND why "the ${lang} compiler ${CMAKE_${lang}_COMPILER_ID} "
        "${CMAKE_${lang}_COMPILER_VERSION} fails CMake's check_ipo_supported():\n${output}\n")
      continue()
    endif()
    set(_PGO_LTO_CHECKED_${lang} "${key}" CACHE INTERNAL
      "Hash of the compiler and flags with which check_ipo_supported() passed")
  endforeach()
  set(${out} "${why}" PARENT_SCOPE)
endfunction()

# Called by _pgo_finalize in an instrumented tree (not the context-sensitive
# pass, whose counters ThinLTO's backend places) unless PGO_INSTRUMENTED_LTO:
# no LTO of the module's.
# The counters are placed in the compile, before any LTO step, by the same
# passes with or without it, so the training writes the same profile; only
# the links differ, and without LTO they are plain links, where GCC 12 would
# redo a whole-program LTO link of every program after each edit.  A
# project's own choice of LTO is left as it is.
function(_pgo_instrumented_lto)
  # _PGO_LTO_USED is empty when PGO_LTO is off or the project chooses (_pgo_lto_decision).
  get_property(use GLOBAL PROPERTY _PGO_LTO_USED)
  if(use)
    message(STATUS "PGO: the instrumented tree compiles without LTO (the optimized one has it): "
      "the counters are placed before LTO would run, and its links stay plain")
  endif()
endfunction()

# Called by _pgo_finalize: puts CMake's IPO flags on those of TARGETS (the PGO
# targets) whose project leaves INTERPROCEDURAL_OPTIMIZATION unset, compiling
# LANGS, and says in one line what it did.  The flags go on the targets, not
# through the IPO property, which a project whose cmake_minimum_required()
# predates CMake 3.9 would ignore (policy CMP0069).  Programs that link a
# PGO library link with the flags too, excluded ones included.
function(_pgo_setup_lto targets langs)
  cmake_parse_arguments(PARSE_ARGV 2 arg "READS_PROFILE" "" "")
  if(NOT PGO_LTO)
    message(STATUS "PGO: LTO off (PGO_LTO=OFF): the profile alone")
    return()
  endif()
  if(DEFINED CMAKE_INTERPROCEDURAL_OPTIMIZATION)
    message(STATUS "PGO: LTO as the project sets it (CMAKE_INTERPROCEDURAL_OPTIMIZATION="
      "${CMAKE_INTERPROCEDURAL_OPTIMIZATION})")
    return()
  endif()
  get_property(use GLOBAL PROPERTY _PGO_LTO_USED)
  if(NOT use)
    get_property(why GLOBAL PROPERTY _PGO_LTO_WHY)
    message(STATUS "PGO: LTO is not available, building with the profile alone: ${why}"
      "  -DPGO_LTO=OFF says so without checking.")
    return()
  endif()

  string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  set(compile "")
  set(link "")
  set(shown "")
  foreach(lang IN LISTS langs)
    foreach(f IN LISTS CMAKE_${lang}_COMPILE_OPTIONS_IPO)
      list(APPEND compile "$<$<COMPILE_LANGUAGE:${lang}>:${f}>")
      list(APPEND link "$<$<LINK_LANGUAGE:${lang}>:${f}>")
    endforeach()
    foreach(f IN LISTS CMAKE_${lang}_LINK_OPTIONS_IPO)
      list(APPEND link "$<$<LINK_LANGUAGE:${lang}>:${f}>")
    endforeach()
    list(APPEND shown ${CMAKE_${lang}_COMPILE_OPTIONS_IPO} ${CMAKE_${lang}_LINK_OPTIONS_IPO})
  endforeach()
  list(REMOVE_DUPLICATES shown)
  set(compiler gcc)
  set(fat ON)
  foreach(lang IN LISTS langs)
    if(CMAKE_${lang}_COMPILER_ID MATCHES "Clang")
      set(compiler clang)
      if(CMAKE_${lang}_COMPILER_VERSION VERSION_LESS 18)
        set(fat OFF)
      endif()
    endif()
  endforeach()
  set(cold "")
  if(arg_READS_PROFILE)
    # PGO_COLD_POLICY in the link, where ThinLTO's backend inlines and imports again.
    _pgo_cold_flags(cold LINK ${compiler})
    list(APPEND link ${cold})
  endif()
  if(compiler STREQUAL "clang")
    # ThinLTO's cache: a link after an edit runs the backend of the changed
    # modules only.  Its keys do not cover -plugin-opt=-<option> settings, so
    # each set of them gets its own folder.  The LLVMgold plugin and lld both
    # take this spelling.
    string(SHA1 options "${cold}")
    string(SUBSTRING "${options}" 0 8 options)
    list(APPEND link "-Wl,-plugin-opt=cache-dir=${CMAKE_BINARY_DIR}/_pgo/thinlto-cache-${options}")
  endif()
  _pgo_config_only(compile)   # multi-configuration: the PGO configuration's only
  _pgo_config_only(link)
  set(count 0)
  set(kept "")
  # Installed static libraries (Installed.cmake) leave the build: an LTO object
  # alone is IR, which a program linked without LTO cannot read.  GCC's, and
  # Clang's from Clang 18 on, get machine code beside the IR (fat objects),
  # which such a program links, while the project's own LTO links still read
  # the IR (GNU ld's and gold's plugin do; lld needs --fat-lto-objects).  An
  # older Clang has no fat objects: those libraries get no LTO.
  _pgo_installed_targets(installed)
  set(installed_static "")
  set(static "")
  set(lto_static "")   # static libraries given LTO objects, for _pgo_installed_unseen
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
      list(APPEND static ${t})
    endif()
    if(type STREQUAL "STATIC_LIBRARY" AND t IN_LIST installed)
      list(APPEND installed_static ${t})
    endif()
  endforeach()
  foreach(t IN LISTS targets)
    get_target_property(own ${t} INTERPROCEDURAL_OPTIMIZATION)
    get_target_property(own_config ${t} INTERPROCEDURAL_OPTIMIZATION_${config})
    if(NOT own STREQUAL "own-NOTFOUND" OR NOT own_config STREQUAL "own_config-NOTFOUND")
      list(APPEND kept ${t})
      continue()
    endif()
    _pgo_target_links(links ${t})
    if(links)
      target_link_options(${t} PRIVATE ${link})
    endif()
    get_target_property(excluded ${t} PGO_EXCLUDE)
    if(excluded OR (t IN_LIST installed_static AND NOT fat))
      continue()
    endif()
    target_compile_options(${t} PRIVATE ${compile})
    if(t IN_LIST installed_static)
      target_compile_options(${t} PRIVATE -ffat-lto-objects)
    elseif(t IN_LIST static)
      list(APPEND lto_static ${t})
    endif()
    math(EXPR count "${count} + 1")
  endforeach()
  list(JOIN shown " " shown)
  set(also "")
  if(kept)
    list(JOIN kept ", " kept)
    set(also "; as their project sets it: ${kept}")
  endif()
  set(noun targets)
  if(count EQUAL 1)
    set(noun target)
  endif()
  message(STATUS "PGO: LTO on (${shown}) for ${count} ${noun}${also}; -DPGO_LTO=OFF for the profile alone")
  _pgo_installed_unseen("${lto_static}")
  if(installed_static)
    list(JOIN installed_static ", " names)
    if(NOT fat)
      message(STATUS "PGO: no LTO for the installed static libraries ${names}: this Clang's "
        "LTO objects are bitcode, which a program linked without -flto cannot read (Clang 18 "
        "and later have fat LTO objects)")
    elseif(compiler STREQUAL "clang")
      message(STATUS "PGO: fat LTO objects (-ffat-lto-objects) for the installed static "
        "libraries ${names}: machine code beside Clang's bitcode, for programs linked without "
        "LTO")
    else()
      message(STATUS "PGO: fat LTO objects (-ffat-lto-objects) for the installed static "
        "libraries ${names}: machine code beside GCC's IR, for programs linked without LTO")
    endif()
  endif()
endfunction()
