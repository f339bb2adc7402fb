# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: PGO_BOLT, the post-link stage of the optimized
# tree.  Executables and shared libraries are linked with their relocations
# kept; `pgo-helper bolt` instruments them with llvm-bolt, runs the training
# tests of this tree, and writes the files llvm-bolt optimized in their place.

include_guard(GLOBAL)

option(PGO_BOLT "Optimize the linked executables and shared libraries of the PGO build with llvm-bolt, trained by the same tests" OFF)
set(PGO_LLVM_BOLT "" CACHE FILEPATH "The llvm-bolt that instruments and optimizes the linked files (PGO_BOLT)")
set(PGO_MERGE_FDATA "" CACHE FILEPATH "The merge-fdata that merges the BOLT profiles (PGO_BOLT)")
mark_as_advanced(PGO_LLVM_BOLT PGO_MERGE_FDATA)
# The instrumented tree has no use for them.
set_property(GLOBAL APPEND PROPERTY _PGO_OWN_SETTINGS PGO_BOLT PGO_LLVM_BOLT PGO_MERGE_FDATA)

# Called by PGO.cmake when PGO is ON, before the project's install() rules: a
# bolted file keeps its link's time stamp (a later one would link again the
# programs that link a bolted library), and cmake --install skips a file
# whose time stamp is the installed one's to the second, which would keep an
# older bolted file after a new BOLT training.  Installs then copy every file.
function(_pgo_bolt_install_always)
  if(PGO_BOLT)
    install(CODE "set(ENV{CMAKE_INSTALL_ALWAYS} 1)   # PGO_BOLT: see modules/PGO/Bolt.cmake")
  endif()
endfunction()

# Called by _pgo_find_bolt: the "LLVM version N" that TOOL prints, or "".
function(_pgo_bolt_tool_major out tool)
  execute_process(COMMAND "${tool}" --version OUTPUT_VARIABLE text ERROR_VARIABLE text
    RESULT_VARIABLE rc)
  set(major "")
  if(rc EQUAL 0 AND text MATCHES "LLVM version ([0-9]+)\\.")
    set(major "${CMAKE_MATCH_1}")
  endif()
  set(${out} "${major}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_bolt: finds llvm-bolt, its instrumentation runtime
# and merge-fdata, checks that they run, and caches them.  A missing piece
# is a FATAL_ERROR that says what to install.
function(_pgo_find_bolt bolt_out merge_out)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
  # The package to name: the compiler's LLVM for Clang, else the newest LLVM
  # installed, else the one of Debian bookworm's and trixie's default Clang.
  file(GLOB dirs LIST_DIRECTORIES true "/usr/lib/llvm-*")
  set(found_versions "")
  foreach(d IN LISTS dirs)
    if(d MATCHES "/llvm-([0-9]+)$")
      list(APPEND found_versions ${CMAKE_MATCH_1})
    endif()
  endforeach()
  list(SORT found_versions COMPARE NATURAL ORDER DESCENDING)
  if(compiler STREQUAL "clang")
    set(package "bolt-${major}")
  elseif(found_versions)
    list(GET found_versions 0 newest)
    set(package "bolt-${newest}")
  else()
    set(package "bolt-19")
  endif()
  set(install "Install Debian's ${package} (apt-get install ${package}), or pass -DPGO_LLVM_BOLT=<path to llvm-bolt>, or configure with -DPGO_BOLT=OFF.")
  if(PGO_LLVM_BOLT)
    set(tool "${PGO_LLVM_BOLT}")
    if(NOT EXISTS "${tool}" OR IS_DIRECTORY "${tool}")
      message(FATAL_ERROR "PGO_LLVM_BOLT is '${tool}', which does not exist. ${install}")
    endif()
  else()
    # The LLVM of the compiler's version first (Clang), then the newest.
    set(versions "")
    if(compiler STREQUAL "clang")
      list(APPEND versions ${major})
    endif()
    list(APPEND versions ${found_versions} 22 21 20 19 18 17 16 15)
    list(REMOVE_DUPLICATES versions)
    set(tool "")
    foreach(v IN LISTS versions)
      if(EXISTS "/usr/lib/llvm-${v}/bin/llvm-bolt")
        set(tool "/usr/lib/llvm-${v}/bin/llvm-bolt")
        break()
      endif()
      find_program(_pgo_bolt_versioned NAMES llvm-bolt-${v} NO_CACHE)
      if(_pgo_bolt_versioned)
        set(tool "${_pgo_bolt_versioned}")
        break()
      endif()
    endforeach()
    if(NOT tool)
      find_program(_pgo_bolt_plain NAMES llvm-bolt NO_CACHE)
      set(tool "${_pgo_bolt_plain}")
    endif()
    if(NOT tool)
      message(FATAL_ERROR "PGO_BOLT is ON, but no llvm-bolt was found (looked for "
        "/usr/lib/llvm-<N>/bin/llvm-bolt, llvm-bolt-<N> and llvm-bolt). ${install}")
    endif()
  endif()
  _pgo_bolt_tool_major(bolt_major "${tool}")
  if(NOT bolt_major)
    message(FATAL_ERROR "PGO_LLVM_BOLT is '${tool}', which is not an llvm-bolt: "
      "'${tool} --version' names no LLVM version. ${install}")
  endif()

  # The real file: /usr/bin/llvm-bolt-19 is a link into /usr/lib/llvm-19/bin,
  # beside which the runtime and merge-fdata live.
  file(REAL_PATH "${tool}" real)
  get_filename_component(bindir "${real}" DIRECTORY)
  get_filename_component(prefix "${bindir}" DIRECTORY)
  set(runtime "${prefix}/lib/libbolt_rt_instr.a")
  if(NOT EXISTS "${runtime}")
    message(FATAL_ERROR "PGO_BOLT is ON, but the BOLT instrumentation runtime of ${tool} "
      "(${runtime}) does not exist: llvm-bolt cannot instrument without it. ${install}")
  endif()

  set(merge "${PGO_MERGE_FDATA}")
  if(NOT merge)
    find_program(_pgo_merge_fdata NAMES merge-fdata merge-fdata-${bolt_major}
      HINTS "${bindir}" NO_DEFAULT_PATH NO_CACHE)
    if(NOT _pgo_merge_fdata)
      find_program(_pgo_merge_fdata NAMES merge-fdata-${bolt_major} merge-fdata NO_CACHE)
    endif()
    set(merge "${_pgo_merge_fdata}")
  endif()
  if(merge)
    _pgo_bolt_tool_major(merge_major "${merge}")
  endif()
  if(NOT merge OR NOT merge_major)
    message(FATAL_ERROR "PGO_BOLT is ON, but no working merge-fdata of LLVM ${bolt_major} was "
      "found (PGO_MERGE_FDATA is '${PGO_MERGE_FDATA}'). Install bolt-${bolt_major}, or pass "
      "-DPGO_MERGE_FDATA=<path>.")
  endif()
  set(PGO_LLVM_BOLT "${tool}" CACHE FILEPATH "The llvm-bolt that instruments and optimizes the linked files (PGO_BOLT)" FORCE)
  set(PGO_MERGE_FDATA "${merge}" CACHE FILEPATH "The merge-fdata that merges the BOLT profiles (PGO_BOLT)" FORCE)
  # Run from its installed place: llvm-bolt 19 finds its runtime only in
  # its own ../lib, and appends even an absolute --runtime-instrumentation-lib
  # to that directory.
  set(${bolt_out} "${real}" PARENT_SCOPE)
  set(${merge_out} "${merge}" PARENT_SCOPE)
endfunction()

# Called by _pgo_finalize after _pgo_setup_optimized, in an optimized tree
# (PGO=ON): with PGO_BOLT, the executables and shared libraries of TARGETS
# that take part keep their relocations, and the target pgo-bolt (part of
# all, after them and before pgo-summary) runs `pgo-helper bolt`.
function(_pgo_setup_bolt targets)
  if(NOT PGO_BOLT)
    # The report shows no BOLT results of an earlier configure.
    file(REMOVE "${CMAKE_BINARY_DIR}/_pgo/bolt/report.txt")
    return()
  endif()
  if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux" OR NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|aarch64|arm64)$")
    message(FATAL_ERROR "PGO_BOLT needs a Linux x86-64 or AArch64 target, but this build "
      "targets ${CMAKE_SYSTEM_NAME} ${CMAKE_SYSTEM_PROCESSOR}. Configure with -DPGO_BOLT=OFF.")
  endif()
  _pgo_find_bolt(bolt merge)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  # In a multi-configuration tree, BOLT is part of the PGO configuration only.
  _pgo_multi_config(multi)
  if(multi)
    set(only "$<CONFIG:PGO>")
  else()
    set(only 1)
  endif()
  set(dir "${CMAKE_BINARY_DIR}/_pgo/bolt")
  file(MAKE_DIRECTORY "${dir}")

  set(list "")
  set(bolted "")
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    get_target_property(excluded ${t} PGO_EXCLUDE)
    get_target_property(imported ${t} IMPORTED)
    if(excluded OR imported OR NOT type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY)$")
      continue()
    endif()
    target_link_options(${t} PRIVATE "$<${only}:LINKER:--emit-relocs>")
    string(APPEND list "target\t${t}\t$<TARGET_FILE:${t}>\n")
    list(APPEND bolted ${t})
  endforeach()
  if(NOT bolted)
    message(STATUS "PGO: BOLT has no executable or shared library to optimize")
    return()
  endif()
  # What the training is: a change re-bolts every file, as a new profile
  # does for the compiler.
  get_property(manifest GLOBAL PROPERTY _PGO_TRAINING_MANIFEST)
  get_property(inputs GLOBAL PROPERTY _PGO_TRAINING_DEPENDS)
  foreach(line IN LISTS manifest)
    string(REPLACE "\n" " " line "${line}")
    string(APPEND list "training\t${line}\n")
  endforeach()
  foreach(input IN LISTS inputs)
    string(APPEND list "input\t${input}\n")
  endforeach()
  string(APPEND list "training\tregex ${PGO_TRAINING_TESTS}\n")
  string(APPEND list "training\tset ${PGO_TRAINING_SET}\n")
  file(GENERATE OUTPUT "${dir}/targets.txt" CONTENT "${list}" CONDITION "${only}")

  set(command "${helper}" bolt --state-dir "${dir}" --targets "${dir}/targets.txt"
    --build-dir "${CMAKE_BINARY_DIR}" --ctest "${CMAKE_CTEST_COMMAND}"
    --llvm-bolt "${bolt}" --merge-fdata "${merge}")
  if(PGO_TRAINING_JOBS GREATER 0)
    list(APPEND command --jobs ${PGO_TRAINING_JOBS})
  endif()
  math(EXPR timeout "${PGO_TRAINING_TIMEOUT} * ${PGO_INSTRUMENTED_SLOWDOWN}")
  list(APPEND command --timeout ${timeout})
  if(PGO_TRAINING_ALLOW_FAILURES)
    list(APPEND command --allow-failures)
  endif()
  if(NOT PGO_TRAINING_TESTS STREQUAL "")
    list(APPEND command --tests-regex "${PGO_TRAINING_TESTS}")
  endif()
  _pgo_training_set_args(set_train unused)   # BOLT's profile merges without weights
  list(APPEND command ${set_train})
  if(PGO_VERBOSE)
    list(APPEND command -v)
  endif()
  if(multi)
    list(APPEND command --config PGO)
  endif()
  # Always run: the helper compares each file with what it last wrote, and
  # does nothing when no file was linked again and the training is the same.
  # The step's output is never written.
  add_custom_command(OUTPUT "$<${only}:${dir}/bolt.always>"
    COMMAND ${command}
    DEPENDS "$<${only}:${dir}/targets.txt>"
    COMMENT "PGO: BOLT (llvm-bolt ${bolt})"
    USES_TERMINAL VERBATIM)
  add_custom_target(pgo-bolt ALL DEPENDS "$<${only}:${dir}/bolt.always>")
  add_dependencies(pgo-bolt ${bolted})
  add_dependencies(pgo-summary pgo-bolt)
  add_dependencies(pgo-report pgo-bolt)
  list(JOIN bolted ", " names)
  message(STATUS "PGO: BOLT optimizes ${names} after the link (${bolt})")
endfunction()
