# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: what the profile buys, measured.  pgo-benchmark
# runs PGO_BENCHMARK_COMMAND on the optimized build, on its twin without the
# profile (<build>/_pgo/plain: the same cache, the same LTO) and, when the
# module turned LTO on, on plain Release (<build>/_pgo/release), in turn; it
# fails on a regression beyond noise.  PGO_GUARD makes the default build run
# the same comparison.

include_guard(GLOBAL)

set(PGO_BENCHMARK_COMMAND "" CACHE STRING "A benchmark command line for pgo-benchmark (its first word may be a target name, resolved in each tree)")
set(PGO_BENCHMARK_COUNT_COMMAND "" CACHE STRING "A smaller benchmark command whose instructions valgrind counts (default: PGO_BENCHMARK_COMMAND)")
set(PGO_BENCHMARK_ROUNDS 7 CACHE STRING "Rounds pgo-benchmark runs the benchmark on each build")
option(PGO_GUARD "The default build runs pgo-benchmark's comparison and fails when the PGO build is slower than the same build without the profile (needs PGO_BENCHMARK_COMMAND)" OFF)
find_program(PGO_VALGRIND NAMES valgrind DOC "The valgrind that counts the benchmark's instructions (empty: wall time only)")
option(PGO_BENCHMARK_SIMULATE "pgo-benchmark's valgrind run also simulates caches and branches, and its cycle estimate decides (OFF: instructions alone, faster)" ON)
mark_as_advanced(PGO_BENCHMARK_ROUNDS PGO_VALGRIND PGO_BENCHMARK_SIMULATE)
# The twins and the instrumented tree have no use for them.
set_property(GLOBAL APPEND PROPERTY _PGO_OWN_SETTINGS PGO_GUARD)

# Called by _pgo_add_benchmark: a twin of this project in DIR/NAME, configured
# from this tree's cache with PGO=OFF and the extra cache lines EXTRA, when
# the file OUT (returned) is built.
function(_pgo_add_twin out dir name what extra)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  set(tree "${dir}/${name}")
  # The instrumented tree's initial cache, with PGO switched off.
  _pgo_write_initial_cache("${dir}/${name}-cache.in.cmake" "${helper}" "${dir}")
  file(READ "${dir}/${name}-cache.in.cmake" text)
  string(REPLACE "set(PGO INSTRUMENT CACHE" "set(PGO OFF CACHE" text "${text}")
  string(REPLACE "instrumented tree" "${what} (pgo-benchmark)" text "${text}")
  string(APPEND text "set(_PGO_TWIN ON CACHE INTERNAL \"\")\n" "${extra}")
  file(WRITE "${dir}/${name}-cache.cmake.new" "${text}")
  file(COPY_FILE "${dir}/${name}-cache.cmake.new" "${dir}/${name}-cache.cmake" ONLY_IF_DIFFERENT)
  file(REMOVE "${dir}/${name}-cache.cmake.new" "${dir}/${name}-cache.in.cmake")
  set(configured "${dir}/${name}.configured")
  _pgo_config_only(configured)   # Ninja Multi-Config: configured for --config PGO only
  add_custom_command(OUTPUT "${configured}"
    COMMAND "${CMAKE_COMMAND}" -S "${CMAKE_SOURCE_DIR}" -B "${tree}" -G "${CMAKE_GENERATOR}"
      -C "${dir}/${name}-cache.cmake"
    COMMAND "${CMAKE_COMMAND}" -E touch "${dir}/${name}.configured"
    DEPENDS "${dir}/${name}-cache.cmake"
    COMMENT "PGO: configuring the ${what} in ${tree}"
    USES_TERMINAL VERBATIM)
  set(${out} "${configured}" PARENT_SCOPE)
endfunction()

# Called by _pgo_add_benchmark: COMMAND (a command line) as a list, its first
# word a target's file when it names one; FIRST: that target, or empty.
function(_pgo_bench_words out first_out command)
  separate_arguments(words UNIX_COMMAND "${command}")
  list(GET words 0 first)
  if(TARGET "${first}")
    list(REMOVE_AT words 0)
    list(PREPEND words "$<TARGET_FILE:${first}>")
  else()
    set(first "")
  endif()
  set(${out} "${words}" PARENT_SCOPE)
  set(${first_out} "${first}" PARENT_SCOPE)
endfunction()

# Called by _pgo_add_benchmark: on a regression, pgo-helper bench measures the
# other cold-code policies (PGO_COLD_POLICY) on the load with the same PROFILE,
# in trees DIR/cold-<VALUE> configured from this tree's cache and built only
# then, by the script DIR/cold-prepare.cmake.  ARGS_OUT gets bench's options;
# TARGETS the targets the benchmark runs.  Policies that give this compiler
# the same flags as this tree's are left out.
function(_pgo_cold_alternatives args_out dir profile targets)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  _pgo_cold_flags(mine_c COMPILE ${compiler})
  _pgo_cold_flags(mine_l LINK ${compiler})
  string(TOUPPER "${PGO_COLD_POLICY}" mine)
  _pgo_write_initial_cache("${dir}/cold-cache.in.cmake" "${helper}" "${dir}")
  file(READ "${dir}/cold-cache.in.cmake" base)
  file(REMOVE "${dir}/cold-cache.in.cmake")
  string(REPLACE "set(PGO INSTRUMENT CACHE" "set(PGO ON CACHE" base "${base}")
  string(REPLACE "instrumented tree" "tree of a cold-code policy (pgo-helper bench's advice)"
    base "${base}")
  set(args "")
  foreach(value IN ITEMS BALANCED CAUTIOUS TRUST)
    set(PGO_COLD_POLICY ${value})
    _pgo_cold_flags(c COMPILE ${compiler})
    _pgo_cold_flags(l LINK ${compiler})
    if(value STREQUAL mine OR ("${c}" STREQUAL "${mine_c}" AND "${l}" STREQUAL "${mine_l}"))
      continue()
    endif()
    file(WRITE "${dir}/cold-${value}-cache.cmake.new" "${base}"
      "set(PGO_PROFILE [==[${profile}]==] CACHE FILEPATH \"\" FORCE)\n"
      "set(PGO_COLD_POLICY ${value} CACHE STRING \"\" FORCE)\n"
      "set(PGO_BENCHMARK_COMMAND \"\" CACHE STRING \"\" FORCE)\n"
      "set(_PGO_PROFILE_DIR \"\" CACHE INTERNAL \"\")\n")
    file(COPY_FILE "${dir}/cold-${value}-cache.cmake.new" "${dir}/cold-${value}-cache.cmake"
      ONLY_IF_DIFFERENT)
    file(REMOVE "${dir}/cold-${value}-cache.cmake.new")
    list(APPEND args --alternative "PGO_COLD_POLICY=${value}=${dir}/cold-${value}")
  endforeach()
  if(NOT args)
    set(${args_out} "" PARENT_SCOPE)
    return()
  endif()
  _pgo_multi_config(multi)
  set(config "")
  if(multi)
    set(config --config PGO)
  endif()
  set(build_targets "")
  foreach(t IN LISTS targets)
    if(t)
      list(APPEND build_targets --target "${t}")
    endif()
  endforeach()
  # TREE: the tree; its initial cache is TREE-cache.cmake.
  file(WRITE "${dir}/cold-prepare.cmake.new"
    "# Written by PGO.cmake: configures and builds the tree -DTREE=<dir> of a cold-code\n"
    "# policy, for pgo-helper bench's advice after a regression.\n"
    "execute_process(COMMAND [==[${CMAKE_COMMAND}]==] -S [==[${CMAKE_SOURCE_DIR}]==]\n"
    "    -B \"\${TREE}\" -G [==[${CMAKE_GENERATOR}]==] -C \"\${TREE}-cache.cmake\"\n"
    "  RESULT_VARIABLE rc)\n"
    "if(rc EQUAL 0)\n"
    "  execute_process(COMMAND [==[${CMAKE_COMMAND}]==] -E env --unset=MAKEFLAGS --unset=MFLAGS\n"
    "      --unset=MAKELEVEL [==[${CMAKE_COMMAND}]==] --build \"\${TREE}\" ${config} ${build_targets}\n"
    "    RESULT_VARIABLE rc)\n"
    "endif()\n"
    "if(NOT rc EQUAL 0)\n"
    "  message(FATAL_ERROR \"the tree \${TREE} did not build (\${rc})\")\n"
    "endif()\n")
  file(COPY_FILE "${dir}/cold-prepare.cmake.new" "${dir}/cold-prepare.cmake" ONLY_IF_DIFFERENT)
  file(REMOVE "${dir}/cold-prepare.cmake.new")
  set(${args_out} --cmake "${CMAKE_COMMAND}" --prepare "${dir}/cold-prepare.cmake" ${args}
    PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_optimized when PGO_BENCHMARK_COMMAND is set: the twins
# and the target pgo-benchmark, and with PGO_GUARD the target pgo-guard in ALL.
# REPORT: the report's command (_pgo_setup_report), run after the measures.
# PROFILE: the profile this tree's compiles read.
function(_pgo_add_benchmark dir report profile)
  get_property(helper GLOBAL PROPERTY _PGO_HELPER)
  if(NOT PGO_BENCHMARK_ROUNDS MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "PGO_BENCHMARK_ROUNDS is '${PGO_BENCHMARK_ROUNDS}': give a whole number greater than 0.")
  endif()
  _pgo_add_twin(configured "${dir}" plain "twin without the profile" "")
  set(depends "${configured}")
  set(trees "${dir}/plain")
  # Plain Release beside, when the twin is not it: the module's LTO made them differ.
  get_property(lto_used GLOBAL PROPERTY _PGO_LTO_USED)
  set(release_args "")
  if(lto_used)
    _pgo_add_twin(configured "${dir}" release "plain Release twin"
      "set(PGO_LTO OFF CACHE BOOL \"\" FORCE)\n")
    list(APPEND depends "${configured}")
    list(APPEND trees "${dir}/release")
    set(release_args --release-dir "${dir}/release")
  endif()

  _pgo_bench_words(command first "${PGO_BENCHMARK_COMMAND}")
  set(count_args "")
  set(count_first "")
  if(PGO_VALGRIND)
    list(APPEND count_args --valgrind "${PGO_VALGRIND}")
    if(PGO_BENCHMARK_SIMULATE)
      list(APPEND count_args --simulate)
    endif()
    if(NOT PGO_BENCHMARK_COUNT_COMMAND STREQUAL "")
      _pgo_bench_words(count count_first "${PGO_BENCHMARK_COUNT_COMMAND}")
      foreach(word IN LISTS count)
        list(APPEND count_args --count-arg "${word}")
      endforeach()
    endif()
  endif()
  # One command per twin; the first says, in a multi-configuration tree's other
  # configurations, that pgo-benchmark is for PGO.
  set(builds "")
  set(what pgo-benchmark)
  foreach(tree IN LISTS trees)
    set(build "${CMAKE_COMMAND}" -E env --unset=MAKEFLAGS --unset=MFLAGS --unset=MAKELEVEL
      "${CMAKE_COMMAND}" --build "${tree}")
    foreach(t IN ITEMS ${first} ${count_first})
      list(APPEND build --target "${t}")
    endforeach()
    _pgo_config_command(build "${what}")
    list(APPEND builds COMMAND ${build})
    set(what "")
  endforeach()
  set(advice "")
  if(PGO_VALGRIND)
    _pgo_cold_alternatives(advice "${dir}" "${profile}" "${first};${count_first}")
  endif()
  set(bench "${helper}" bench --build-dir "${CMAKE_BINARY_DIR}" --plain-dir "${dir}/plain"
      ${release_args} --rounds ${PGO_BENCHMARK_ROUNDS} ${count_args} ${advice}
      --linked "${dir}/linked.txt" --output "${dir}/benchmark.txt" -- ${command})
  set(brief ${report} --brief)
  _pgo_config_command(bench "")
  _pgo_config_command(brief "")
  add_custom_target(pgo-benchmark
    ${builds}
    COMMAND ${bench}
    COMMAND ${brief}
    DEPENDS ${depends}
    WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
    COMMENT "PGO: benchmarking the PGO build against the same build without the profile"
    USES_TERMINAL VERBATIM)
  foreach(t IN ITEMS ${first} ${count_first})
    add_dependencies(pgo-benchmark "${t}")
  endforeach()
  add_dependencies(pgo-benchmark pgo-summary)

  if(PGO_GUARD)
    # The same comparison in the default build, again whenever the benchmark's
    # program is linked anew; a regression fails the build, and leaves the
    # optimized files as built.
    set(stamp "${dir}/guard.stamp")
    _pgo_config_only(stamp)
    set(touch "${CMAKE_COMMAND}" -E touch "${dir}/guard.stamp")
    _pgo_config_command(touch "")
    add_custom_command(OUTPUT "${stamp}"
      ${builds}
      COMMAND ${bench}
      COMMAND ${touch}
      DEPENDS ${depends} ${first} ${count_first}
      WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
      COMMENT "PGO: guard: is the PGO build slower than the same build without the profile?"
      USES_TERMINAL VERBATIM)
    add_custom_target(pgo-guard ALL DEPENDS "${stamp}")
    add_dependencies(pgo-guard pgo-summary)
  endif()
endfunction()

# Called by _pgo_setup_optimized: PGO_GUARD needs a benchmark.
function(_pgo_check_guard)
  if(PGO_GUARD AND PGO_BENCHMARK_COMMAND STREQUAL "")
    message(FATAL_ERROR "PGO_GUARD is ON but PGO_BENCHMARK_COMMAND is empty: the guard "
      "compares the PGO build with the same build without the profile on that command. "
      "Set -DPGO_BENCHMARK_COMMAND=\"<program> <args>\" (its first word may be a target), "
      "or turn PGO_GUARD off.")
  endif()
endfunction()
