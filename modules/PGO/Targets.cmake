# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: which targets take part, and what they get.

include_guard(GLOBAL)

# Called by _pgo_finalize: every buildsystem target of DIR and the
# directories below it (subprojects and FetchContent dependencies included)
# that compiles C or C++ code.
function(_pgo_collect_targets out dir)
  set(found "")
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
      list(APPEND found ${t})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _pgo_collect_targets(more "${sub}")
    list(APPEND found ${more})
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# Called by _pgo_finalize: the languages among C and CXX that the TARGETS not
# kept out of PGO compile, by each source's LANGUAGE or its extension.  An
# enabled language that compiles nothing (project(name) with C++ sources only)
# does not count.  Sources given by generator expressions cannot be read here:
# a target with only such sources counts every enabled language.
function(_pgo_compiled_languages out targets)
  get_property(enabled GLOBAL PROPERTY ENABLED_LANGUAGES)
  set(candidates "")
  foreach(lang IN ITEMS C CXX)
    if(lang IN_LIST enabled)
      list(APPEND candidates ${lang})
    endif()
  endforeach()
  set(found "")
  foreach(t IN LISTS targets)
    get_target_property(excluded ${t} PGO_EXCLUDE)
    if(excluded)
      continue()
    endif()
    get_target_property(sources ${t} SOURCES)
    set(known FALSE)
    foreach(src IN LISTS sources)
      if(src MATCHES "^\\$<")
        continue()
      endif()
      set(known TRUE)
      get_source_file_property(lang "${src}" TARGET_DIRECTORY ${t} LANGUAGE)
      if(NOT lang)
        get_filename_component(ext "${src}" LAST_EXT)
        string(SUBSTRING "${ext}" 1 -1 ext)
        foreach(l IN LISTS candidates)
          if(ext IN_LIST CMAKE_${l}_SOURCE_FILE_EXTENSIONS)
            set(lang ${l})
            break()
          endif()
        endforeach()
      endif()
      if(lang IN_LIST candidates AND NOT lang IN_LIST found)
        list(APPEND found ${lang})
      endif()
    endforeach()
    if(NOT known AND sources)
      set(found ${candidates})
    endif()
    list(LENGTH found n)
    list(LENGTH candidates all)
    if(n EQUAL all)
      break()
    endif()
  endforeach()
  list(SORT found)
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# Called by _pgo_apply_flags: whether target T links (and so needs the
# profiling runtime when anything in it is instrumented).
function(_pgo_target_links out t)
  get_target_property(type ${t} TYPE)
  if(type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY)$")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# Called by _pgo_setup_instrumented and _pgo_setup_optimized: puts MODE's
# flags on TARGETS and returns in OUT those that took them (PGO_EXCLUDE ones
# do not).  An excluded program still links the profiling runtime in the
# instrumented tree, since it may link an instrumented library.
function(_pgo_apply_flags out mode targets)
  _pgo_mode_flags(${mode} flags link ${ARGN})
  _pgo_config_only(flags)   # multi-configuration: the PGO configuration's only
  _pgo_config_only(link)
  # One generator expression per flag: a list inside one would be split.
  set(compile "")
  foreach(f IN LISTS flags)
    list(APPEND compile "$<$<COMPILE_LANGUAGE:C,CXX>:${f}>")
  endforeach()
  set(taken "")
  foreach(t IN LISTS targets)
    _pgo_target_links(links ${t})
    get_target_property(excluded ${t} PGO_EXCLUDE)
    if(excluded)
      if(links AND mode MATCHES "INSTRUMENT$")
        target_link_options(${t} PRIVATE ${link})
      endif()
      continue()
    endif()
    target_compile_options(${t} PRIVATE ${compile})
    if(links)
      target_link_options(${t} PRIVATE ${link})
    endif()
    list(APPEND taken ${t})
  endforeach()
  set(${out} "${taken}" PARENT_SCOPE)
endfunction()

# Called by _pgo_objects_depend_on and _pgo_write_sources_list: the sources
# of target T as absolute paths, found as CMake finds a relative one (in the
# target's source directory, else generated in its binary directory).  Those
# given by generator expressions, known only at generate time, are left out.
function(_pgo_target_sources out t)
  get_target_property(sources ${t} SOURCES)
  get_target_property(srcdir ${t} SOURCE_DIR)
  get_target_property(bindir ${t} BINARY_DIR)
  set(paths "")
  foreach(s IN LISTS sources)
    if(s MATCHES "\\$<")
      continue()
    endif()
    if(NOT IS_ABSOLUTE "${s}")
      if(EXISTS "${srcdir}/${s}")
        set(s "${srcdir}/${s}")
      else()
        set(s "${bindir}/${s}")
      endif()
    endif()
    list(APPEND paths "${s}")
  endforeach()
  set(${out} "${paths}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_optimized: every object of TARGETS is recompiled when
# the file DEP changes (the merged profile, or a stamp of its content).
# OBJECT_DEPENDS is a source file property, set in each target's directory.
function(_pgo_objects_depend_on dep targets)
  foreach(t IN LISTS targets)
    _pgo_target_sources(sources ${t})
    foreach(s IN LISTS sources)
      get_property(deps SOURCE "${s}" TARGET_DIRECTORY ${t} PROPERTY OBJECT_DEPENDS)
      if(NOT dep IN_LIST deps)
        set_property(SOURCE "${s}" TARGET_DIRECTORY ${t} APPEND PROPERTY OBJECT_DEPENDS "${dep}")
      endif()
    endforeach()
  endforeach()
endfunction()

# Called by _pgo_setup_optimized: compiles of TARGETS go through
# `pgo-helper launch`, which records the compiler's profile warnings for the
# summary; a launcher the project already has (ccache) runs after it.
function(_pgo_add_launcher helper logdir targets)
  set(launch "${helper}" launch --log-dir "${logdir}")
  if(PGO_VERBOSE)
    list(APPEND launch -v)
  endif()
  list(APPEND launch --)
  _pgo_config_only(launch WHOLE)   # multi-configuration: the PGO configuration's only
  foreach(t IN LISTS targets)
    foreach(lang IN ITEMS C CXX)
      get_target_property(previous ${t} ${lang}_COMPILER_LAUNCHER)
      if(NOT previous)
        set(previous "")
      endif()
      set_property(TARGET ${t} PROPERTY ${lang}_COMPILER_LAUNCHER ${launch} ${previous})
    endforeach()
  endforeach()
endfunction()
