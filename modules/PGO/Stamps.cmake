# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: an optimized object compiles again only when the
# profile data its compile reads changed, not whenever the profile does.
#
# Each optimized source has a stamp, _pgo/stamps/<key>.h, and its objects
# depend on that stamp instead of the whole profile: through OBJECT_DEPENDS,
# or in a multi-configuration tree (where OBJECT_DEPENDS takes no generator
# expression) by force-including it, as profile-id.h is.  After each merge
# `pgo-helper stamps` hashes what each source's objects read (GCC: their own
# .gcda file; Clang: the records of the functions they define or inlined
# away, and the summary's thresholds) and rewrites only the stamps whose hash
# moved.  The
# stamps are the custom command's byproducts, so Ninja looks at their time
# stamps again after it (restat); Make compares them anyway.

include_guard(GLOBAL)

# Called by _pgo_source_stamps: the C and C++ sources of TARGETS, absolute
# and normalized as CMake writes them to compile_commands.json.
function(_pgo_compiled_sources out targets)
  set(all "")
  foreach(t IN LISTS targets)
    _pgo_target_sources(sources ${t})
    foreach(s IN LISTS sources)
      get_source_file_property(lang "${s}" TARGET_DIRECTORY ${t} LANGUAGE)
      if(lang MATCHES "^(C|CXX)$" OR (NOT lang AND s MATCHES "\\.(c|C|cc|cp|cpp|CPP|cxx|c\\+\\+)$"))
        get_filename_component(s "${s}" ABSOLUTE)
        list(APPEND all "${t}|${s}")
      endif()
    endforeach()
  endforeach()
  set(${out} "${all}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_optimized when the tree trains its own profile: the
# objects of TAKEN depend on their sources' stamps, which PROFILE_TARGET's
# merge (DEPS: the files that change with the profile) makes out of date.
function(_pgo_source_stamps profile deps profile_target taken)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  _pgo_multi_config(multi)
  set(dir "${CMAKE_BINARY_DIR}/_pgo")
  set(stamps "${dir}/stamps")
  file(MAKE_DIRECTORY "${stamps}")
  _pgo_compiled_sources(pairs "${taken}")

  set(manifest_text "")
  set(byproducts "")
  set(seen "")
  foreach(pair IN LISTS pairs)
    string(REGEX REPLACE "^([^|]*)\\|(.*)$" "\\1" t "${pair}")
    string(REGEX REPLACE "^([^|]*)\\|(.*)$" "\\2" s "${pair}")
    # One stamp per source, shared by the targets that compile it: a key
    # that is a file name whatever the path holds.
    string(SHA1 hash "${s}")
    string(SUBSTRING "${hash}" 0 16 hash)
    get_filename_component(name "${s}" NAME)
    string(REGEX REPLACE "[^A-Za-z0-9._+-]" "_" name "${name}")
    set(key "${name}-${hash}")
    set(stamp "${stamps}/${key}.h")
    if(NOT s IN_LIST seen)
      list(APPEND seen "${s}")
      string(APPEND manifest_text "${key}\t${s}\n")
      list(APPEND byproducts "${stamp}")
      if(NOT EXISTS "${stamp}")
        file(WRITE "${stamp}" "/* no profile data yet */\n")
      endif()
    endif()
    if(multi)
      # Joined: a source's options know no SHELL: prefix, and GCC and Clang
      # both take -include<file>.
      set_property(SOURCE "${s}" TARGET_DIRECTORY ${t} APPEND PROPERTY COMPILE_OPTIONS
        "$<$<CONFIG:PGO>:-include${stamp}>")
    else()
      set_property(SOURCE "${s}" TARGET_DIRECTORY ${t} APPEND PROPERTY OBJECT_DEPENDS "${stamp}")
    endif()
  endforeach()
  # Written only when it changed: the stamps are computed again when it did.
  set(manifest "${stamps}/sources.txt")
  file(WRITE "${manifest}.new" "${manifest_text}")
  configure_file("${manifest}.new" "${manifest}" COPYONLY)
  file(REMOVE "${manifest}.new")

  set(command "${helper}" stamps --compiler ${compiler} --profile "${profile}"
    --manifest "${manifest}" --compile-db "${dir}/instrumented/compile_commands.json"
    --stamp-dir "${stamps}")
  if(compiler STREQUAL "clang")
    _pgo_find_profile_tool(tool)
    _pgo_find_lto_nm(nm "${tool}")
    if(NOT nm)
      # Without llvm-nm every object depends on the whole profile, as before.
      message(STATUS "PGO: no llvm-nm beside ${tool}: every optimized object compiles again "
        "whenever the profile changes")
      foreach(dep IN LISTS deps)
        _pgo_objects_depend_on("${dep}" "${taken}")
      endforeach()
      set(command "")
    else()
      # The summary and the report read the profile's text from there (PROFILE_TEXT_CACHE).
      list(APPEND command --tool "${tool}" --nm "${nm}" --text-cache "${dir}/profile.text")
    endif()
  endif()
  if(PGO_VERBOSE AND command)
    list(APPEND command -v)
  endif()
  if(multi)
    set(only "$<CONFIG:PGO>")
  else()
    set(only 1)
  endif()
  set(outputs "")
  foreach(b IN LISTS byproducts)
    list(APPEND outputs "$<${only}:${b}>")
  endforeach()
  set(run "")
  if(command)
    set(run COMMAND ${command})
  endif()
  add_custom_command(OUTPUT "$<${only}:${stamps}/done>"
    ${run}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamps}/done"
    BYPRODUCTS ${outputs}
    DEPENDS ${deps} "${manifest}"
    COMMENT "PGO: finding the objects whose profile data changed"
    VERBATIM)
  add_custom_target(pgo-stamps DEPENDS "$<${only}:${stamps}/done>")
  if(profile_target)
    add_dependencies(pgo-stamps ${profile_target})
  endif()
  foreach(t IN LISTS taken)
    add_dependencies(${t} pgo-stamps)
  endforeach()
endfunction()
