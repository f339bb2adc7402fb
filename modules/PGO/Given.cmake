# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: the profile an optimized tree is given (PGO_PROFILE)
# instead of training one.  One profile, or a list of them (the shards of a
# training run on several CI machines, PGO_TRAINING_SHARD), each an indexed
# .profdata file (Clang), a folder of .gcda files (GCC) or an archive of
# pgo-archive; a list is merged at configure time, after pgo-helper checked
# that the profiles' sidecars name the same compiler, flags and sources.

include_guard(GLOBAL)

# Called by _pgo_setup_optimized: PROFILE_OUT is what the compiles read,
# DEPS_OUT the files whose change recompiles them.
function(_pgo_given_profile profile_out deps_out)
  set(given "${PGO_PROFILE}")
  list(REMOVE_ITEM given "")
  list(LENGTH given n)
  if(n EQUAL 1)
    _pgo_given_needs_renaming(rename "${given}")
  endif()
  if(n EQUAL 1 AND NOT rename)
    set(p "${given}")
    get_filename_component(name "${p}" NAME)
    string(REGEX REPLACE "\\.(tar\\.gz|tgz)$" "" name "${name}")
    _pgo_unpack_profile(p "PGO_PROFILE is '${p}'" "${name}")
    _pgo_check_given_profile("${p}" "PGO_PROFILE is '${p}'" deps)
    get_filename_component(p "${p}" ABSOLUTE)
    _pgo_check_given_source_dir("${p}")
    set(${profile_out} "${p}" PARENT_SCOPE)
    set(${deps_out} "${deps}" PARENT_SCOPE)
    return()
  endif()

  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  _pgo_find_profile_tool(tool)
  set(dir "${CMAKE_BINARY_DIR}/_pgo/given")
  set(inputs "")
  set(i 0)
  foreach(p IN LISTS given)
    math(EXPR i "${i} + 1")
    if(n EQUAL 1)
      set(what "PGO_PROFILE is '${p}'")
    else()
      set(what "PGO_PROFILE's entry ${i} of ${n}, '${p}'")
    endif()
    if(NOT IS_DIRECTORY "${p}")
      # A new archive or profile configures again, and merges again.
      set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${p}")
    endif()
    get_filename_component(name "${p}" NAME)
    string(REGEX REPLACE "\\.(tar\\.gz|tgz)$" "" name "${name}")
    # Shards' archives may share a name: the entry's number keeps them apart.
    if(n GREATER 1)
      set(name "${i}-${name}")
    endif()
    _pgo_unpack_profile(p "${what}" "${name}")
    _pgo_check_given_profile("${p}" "${what}" unused)
    get_filename_component(p "${p}" ABSOLUTE)
    list(APPEND inputs --input "${p}")
  endforeach()
  if(compiler STREQUAL "clang")
    set(merged "${dir}/merged.profdata")
    set(deps "${merged}")
    set(stamp "")
  else()
    # A link to a folder named after its content, as a training's profile.
    set(merged "${dir}/merged-gcda/profile")
    set(deps "${dir}/merged-gcda.stamp")
    set(stamp --stamp "${deps}")
  endif()
  # The merge replaces the profile only when its content changes, and leaves the last one
  # in place when it fails: an unchanged list recompiles nothing.
  set(rename "")
  if(compiler STREQUAL "clang")
    set(rename --source-dir "${CMAKE_SOURCE_DIR}")
  endif()
  execute_process(COMMAND "${helper}" merge --compiler ${compiler} --tool "${tool}"
      --check-sidecars ${inputs} --output "${merged}" ${stamp} ${rename}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    string(STRIP "${out}" out)
    message(FATAL_ERROR "PGO: the ${n} profiles of PGO_PROFILE do not merge:\n${out}")
  endif()
  if(PGO_VERBOSE)
    message(STATUS "PGO: ${out}")
  endif()
  if(n EQUAL 1)
    message(STATUS "PGO: renamed the profile of PGO_PROFILE for these sources, into ${merged}")
  else()
    message(STATUS "PGO: merged the ${n} profiles of PGO_PROFILE into ${merged}")
  endif()
  _pgo_check_given_source_dir("${merged}")
  set(${profile_out} "${merged}" PARENT_SCOPE)
  set(${deps_out} "${deps}" PARENT_SCOPE)
endfunction()

# Called by _pgo_given_profile: OUT is TRUE when the one profile P (or the
# archive holding it) is Clang's and its sidecar says it was made from sources
# at another path, or names static functions relative to the source tree (the
# toolkit 0.1): its names are then rewritten for these sources by the merge of
# the list path (pgo-helper merge --source-dir), into _pgo/given/merged.profdata.
function(_pgo_given_needs_renaming out p)
  set(${out} FALSE PARENT_SCOPE)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  if(NOT compiler STREQUAL "clang")
    return()
  endif()
  if(p MATCHES "\\.(tar\\.gz|tgz)$")
    # Where _pgo_given_profile unpacks it too (once: the same archive is not unpacked again).
    get_filename_component(name "${p}" NAME)
    string(REGEX REPLACE "\\.(tar\\.gz|tgz)$" "" name "${name}")
    _pgo_unpack_profile(p "PGO_PROFILE is '${p}'" "${name}")
  endif()
  if(NOT EXISTS "${p}.meta" OR IS_DIRECTORY "${p}")
    return()
  endif()
  file(STRINGS "${p}.meta" lines REGEX "^(source_dir|static_names)=")
  set(made_in "")
  set(names "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^source_dir=(.*)$")
      set(made_in "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^static_names=(.*)$")
      set(names "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(NOT names STREQUAL "absolute" OR (made_in AND NOT made_in STREQUAL CMAKE_SOURCE_DIR))
    set(${out} TRUE PARENT_SCOPE)
  endif()
endfunction()

# Called by _pgo_given_profile: GCC hashes the source path into the
# checksums and the ids of static functions a profile holds, so a profile made
# from a checkout at another path loses its static functions here.  Clang's names are made relative to
# the source tree (Toolchain.cmake), and any path does.
function(_pgo_check_given_source_dir profile)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  if(NOT compiler STREQUAL "gcc" OR NOT EXISTS "${profile}/profile.meta")
    return()
  endif()
  file(STRINGS "${profile}/profile.meta" made_in REGEX "^source_dir=" LIMIT_COUNT 1)
  string(REGEX REPLACE "^source_dir=" "" made_in "${made_in}")
  if(made_in AND NOT made_in STREQUAL CMAKE_SOURCE_DIR)
    message(WARNING "PGO: the profile ${profile} was made from sources at ${made_in}, and this "
      "tree's are at ${CMAKE_SOURCE_DIR}. GCC hashes the source path into the profile: static "
      "functions find no profile data, and every function warns 'source locations for function "
      "... have changed'. Build from a checkout at ${made_in} (CI machines check out at one "
      "path), or train here. The build trees may be anywhere.")
  endif()
endfunction()

# Called by _pgo_given_profile: when VAR names a .tar.gz made by pgo-archive
# (WHAT in the messages), it is unpacked into <build>/_pgo/given/<DEST>, and
# VAR is pointed at the profile inside it.  The archive may come from another
# machine: pgo-helper unpack checks every member before it writes anything
# (files and folders only, names that stay below DEST) and puts the folder in
# place whole, so a refused archive writes nothing and leaves the last one.
function(_pgo_unpack_profile var what dest)
  set(archive "${${var}}")
  if(NOT archive MATCHES "\\.(tar\\.gz|tgz)$")
    return()
  endif()
  if(NOT EXISTS "${archive}" OR IS_DIRECTORY "${archive}")
    message(FATAL_ERROR "${what}, which does not exist. Point it at an "
      "archive written by the pgo-archive target, or clear it (-DPGO_PROFILE=) to train one.")
  endif()
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  set(dest "${CMAKE_BINARY_DIR}/_pgo/given/${dest}")
  # Unpacked once per content: unpacking again would touch the profile and recompile.
  file(SHA256 "${archive}" sum)
  _pgo_read_unpacked("${dest}" key profile)
  if(NOT key STREQUAL sum)
    execute_process(COMMAND "${helper}" unpack --archive "${archive}" --output "${dest}"
        --compiler ${compiler} --key ${sum}
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
      string(STRIP "${out}" out)
      message(FATAL_ERROR "${what}, which the toolkit does not unpack:\n${out}")
    endif()
    _pgo_read_unpacked("${dest}" key profile)
  endif()
  if(NOT profile)
    message(FATAL_ERROR "${what}, but its unpacked folder ${dest} names no profile: "
      "remove ${dest} and configure again.")
  endif()
  message(STATUS "PGO: using the profile of ${archive} (extracted to ${dest})")
  set(${var} "${dest}/${profile}" PARENT_SCOPE)
endfunction()

# Called by _pgo_unpack_profile: the archive's SHA-256 and the profile's path
# below DIR that pgo-helper unpack recorded in DIR/.extracted (empty if none).
function(_pgo_read_unpacked dir key_out profile_out)
  set(key "")
  set(profile "")
  if(EXISTS "${dir}/.extracted")
    file(STRINGS "${dir}/.extracted" lines)
    foreach(line IN LISTS lines)
      if(line MATCHES "^key=(.*)$")
        set(key "${CMAKE_MATCH_1}")
      elseif(line MATCHES "^profile=(.*)$")
        set(profile "${CMAKE_MATCH_1}")
      endif()
    endforeach()
  endif()
  set(${key_out} "${key}" PARENT_SCOPE)
  set(${profile_out} "${profile}" PARENT_SCOPE)
endfunction()

# Called by _pgo_given_profile: checks the profile P, named WHAT in the
# messages, and returns the files the optimized objects depend on.
function(_pgo_check_given_profile p what deps_out)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
  if(NOT EXISTS "${p}")
    message(FATAL_ERROR "${what}, which does not exist. Point it at a merged "
      "profile, or clear it (-DPGO_PROFILE=) to train one.")
  endif()
  if(compiler STREQUAL "gcc")
    if(NOT IS_DIRECTORY "${p}")
      message(FATAL_ERROR "${what}, a file, but GCC reads a directory of .gcda "
        "files: give the profile directory that an instrumented tree's pgo-profile target wrote.")
    endif()
    file(GLOB_RECURSE gcda "${p}/*.gcda")
    if(NOT gcda)
      message(FATAL_ERROR "${what}, which holds no .gcda file: give the profile "
        "directory of a GCC training (an instrumented tree's _pgo/gcda/profile).")
    endif()
    set(${deps_out} "${gcda}" PARENT_SCOPE)
    return()
  endif()
  if(IS_DIRECTORY "${p}")
    message(FATAL_ERROR "${what}, a directory, but Clang reads an indexed "
      ".profdata file: merge the raw profiles with llvm-profdata-${major} merge -o <file>.profdata <dir>/*.profraw.")
  endif()
  file(READ "${p}" head LIMIT 16 HEX)
  if(head MATCHES "^8172666f72706cff")
    message(FATAL_ERROR "${what}, a raw profile (.profraw), but the compiler reads "
      "an indexed profile: merge it first with llvm-profdata-${major} merge -o <file>.profdata '${p}'.")
  elseif(NOT head MATCHES "^ff6c70726f666981")
    message(FATAL_ERROR "${what}, which is not an LLVM indexed profile (.profdata) "
      "or cannot be read: give the file that llvm-profdata merge wrote.")
  endif()
  # Indexed format versions written by the llvm-profdata of each LLVM major;
  # a compiler cannot read a newer one.
  set(written_14 7)
  set(written_19 12)
  set(written_21 12)
  set(written_22 13)
  string(SUBSTRING "${head}" 16 2 version_hex)
  math(EXPR version "0x${version_hex}")
  if(DEFINED written_${major} AND version GREATER written_${major})
    string(REPLACE " is '" " '" what "${what}")
    message(FATAL_ERROR "${what} has indexed format version ${version}, newer than "
      "clang ${major} reads (${written_${major}}): merge the raw profiles again with llvm-profdata-${major}.")
  endif()
  set(${deps_out} "${p}" PARENT_SCOPE)
endfunction()

