# SPDX-License-Identifier: MIT
# Runs one module test case, in the manner of CMake's Tests/RunCMake.
#
#   cmake -DCASE_DIR=<dir> -DWORK_DIR=<dir> -DCC=<compiler> -DPGO_ROOT=<toolkit>
#         -DPGO_HELPER=<built helper> -P RunCase.cmake
#
# A case is a directory with case.cmake and, optionally, its own tiny project
# (CMakeLists.txt, finding the module through PGO_ROOT).  Without one, the
# shared project in project/ is used, which includes the case's
# project.cmake in place of its default training.  case.cmake may set:
#   CASE_SOURCE          a project to build in place instead (an example)
#   CASE_PROJECT         a folder to copy as the project instead (another case's)
#   CASE_ARGS            extra configure arguments
#   CASE_RESULT          expected configure exit code (default 0)
#   CASE_STDERR          regex the configure stderr must match (default: empty)
#   CASE_STDOUT          regex the configure stdout must match (optional)
#   CASE_BUILD           build after configuring (default OFF)
#   CASE_BUILD_RESULT    expected build exit code (default 0)
#   CASE_BUILD_OUTPUT    regex the build's output must match (optional)
#   CASE_BUILD_NOT       regex the build's output must not match (optional)
# CC_MAJOR is the compiler's major version; MAKE_ARCHIVE writes a .tar.gz of any
# members (helper/tests/make_archive.c); `HTML_TAGS tags PAGE` lists the tags of
# an HTML page as a browser's tokenizer reads them (helper/tests/report_unit.c).  A case may also
# define case_check(), run last, for what a regex cannot say (use the
# expect_* functions below; BUILD_DIR is the build tree).
cmake_minimum_required(VERSION 3.25)

foreach(v CASE_DIR WORK_DIR CC PGO_ROOT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "RunCase.cmake: -D${v}=... is required")
  endif()
endforeach()

set(failures 0)
function(fail)
  string(JOIN "" text ${ARGN})
  message(SEND_ERROR "FAIL: ${text}")
endfunction()

# The compile line of SOURCE (a file name) in BUILD_DIR's compile_commands.json.
function(compile_line out source)
  file(READ "${BUILD_DIR}/compile_commands.json" json)
  string(JSON n LENGTH "${json}")
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON file GET "${json}" ${i} file)
    if(file MATCHES "/${source}$")
      string(JSON cmd GET "${json}" ${i} command)
      set(${out} "${cmd}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  fail("no compile line for ${source} in ${BUILD_DIR}/compile_commands.json")
endfunction()

function(expect_flag source regex)
  compile_line(cmd "${source}")
  if(NOT cmd MATCHES "${regex}")
    fail("compile line of ${source} lacks '${regex}':\n  ${cmd}")
  endif()
endfunction()

function(expect_no_flag source regex)
  compile_line(cmd "${source}")
  if(cmd MATCHES "${regex}")
    fail("compile line of ${source} has '${regex}':\n  ${cmd}")
  endif()
endfunction()

# Replaces OLD by NEW in FILE of the case's copied sources (relative to them), then waits
# past the second, so that the build sees a newer time stamp; fails when FILE holds no OLD.
function(edit_source file old new)
  file(READ "${source}/${file}" text)
  string(REPLACE "${old}" "${new}" edited "${text}")
  if(edited STREQUAL text)
    fail("${file} has no '${old}' to edit:\n${text}")
  endif()
  file(WRITE "${source}/${file}" "${edited}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
endfunction()

# Fails with MESSAGE unless files A and B are the same, byte for byte.
function(expect_same_file a b message)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${a}" "${b}" RESULT_VARIABLE differ)
  if(differ)
    fail("${message}")
  endif()
endfunction()

# Fails unless the programs A and B, each run with ARGN under valgrind's
# cachegrind (no cache simulation), count instructions within 0.1% of B's:
# a build with earlier counts against one from scratch.  Needs valgrind
# (case_needs("valgrind") otherwise, before the build).
function(expect_instructions_close what a b)
  find_program(valgrind valgrind NO_CACHE)
  set(counts "")
  foreach(program IN ITEMS "${a}" "${b}")
    execute_process(COMMAND "${valgrind}" --tool=cachegrind --cache-sim=no
        --cachegrind-out-file=/dev/null "${program}" ${ARGN}
      OUTPUT_QUIET ERROR_VARIABLE text RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT text MATCHES "I *refs: *([0-9,]+)")
      fail("valgrind ${program} failed (${rc}):\n${text}")
      return()
    endif()
    string(REPLACE "," "" count "${CMAKE_MATCH_1}")
    list(APPEND counts ${count})
  endforeach()
  list(GET counts 0 near)
  list(GET counts 1 far)
  math(EXPR diff "${near} - ${far}")
  if(diff LESS 0)
    math(EXPR diff "0 - ${diff}")
  endif()
  math(EXPR scaled "${diff} * 1000")   # within 0.1%: diff * 1000 <= far
  if(scaled GREATER far)
    fail("${what}: ${a} runs ${near} instructions, ${b} ${far}: more than 0.1% apart")
  endif()
  message(STATUS "instructions (${what}): ${near} against ${far}")
endfunction()

function(expect_file path)
  if(NOT EXISTS "${path}")
    fail("expected file ${path} does not exist")
  endif()
endfunction()

function(expect_match what text regex)
  if(NOT text MATCHES "${regex}")
    fail("${what} does not match '${regex}':\n${text}")
  endif()
endfunction()

# Configures BUILD_DIR again with extra ARGN (-D settings).
function(run_configure out_text out_rc)
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${BUILD_DIR}" ${ARGN}
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  set(${out_text} "${text}" PARENT_SCOPE)
  set(${out_rc} "${rc}" PARENT_SCOPE)
endfunction()

function(run_build out_text out_rc)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" ${ARGN}
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  set(${out_text} "${text}" PARENT_SCOPE)
  set(${out_rc} "${rc}" PARENT_SCOPE)
endfunction()

# The objects of the optimized tree (not of _pgo/instrumented, nor CMake's
# compiler checks) built at or after the time T (seconds), by file name.
function(objects_built_since out t)
  file(GLOB_RECURSE objects "${BUILD_DIR}/CMakeFiles/*.o")
  list(FILTER objects EXCLUDE REGEX "/CMakeFiles/[0-9.]+/")
  set(built "")
  foreach(o IN LISTS objects)
    file(TIMESTAMP "${o}" when "%s")
    if(NOT when LESS t)
      get_filename_component(name "${o}" NAME)
      list(APPEND built "${name}")
    endif()
  endforeach()
  list(SORT built)
  set(${out} "${built}" PARENT_SCOPE)
endfunction()

# The tags of the HTML page PAGE that are not the report's own (none
# expected), read by HTML_TAGS as a browser's tokenizer reads them.
function(foreign_tags page out)
  execute_process(COMMAND "${HTML_TAGS}" tags "${page}" OUTPUT_VARIABLE tags RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    fail("could not read the tags of ${page}")
  endif()
  string(REPLACE "\n" ";" tags "${tags}")
  set(elements "html|head|meta|title|style|body|main|h1|h2|p|b|i|code|div|span|section|svg|g|circle|rect|text|table|tr|th|td|details|summary|footer")
  set(attributes "lang|charset|name|content|class|width|height|viewbox|aria-hidden|aria-label|role|cx|cy|r|fill|stroke|stroke-width|stroke-dasharray|stroke-linecap|transform|x|y|rx|text-anchor|style|opacity|title|colspan")
  set(foreign "")
  foreach(tag IN LISTS tags)
    if(tag STREQUAL "" OR tag STREQUAL "<!doctype>")
      continue()
    endif()
    if(NOT tag MATCHES "^</?(${elements})(( (${attributes}))*)>$")
      list(APPEND foreign "${tag}")
    endif()
  endforeach()
  set(${out} "${foreign}" PARENT_SCOPE)
endfunction()

# A -DPGO=ON build from scratch of the case's (edited) sources in DIR, with
# the case's compiler and helper, extra configure ARGN; WHAT names it in a
# failure.  BUILD_ARGS (a variable of the caller) goes to cmake --build.
function(build_pgo_from_scratch dir what)
  file(REMOVE_RECURSE "${dir}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${dir}" -G "${CASE_GENERATOR}"
      "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}" -DCMAKE_BUILD_TYPE=Release -DPGO=ON
      ${helper_arg} ${ARGN}
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("configure from scratch (${what})" "${rc}" "^0$")
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${dir}" ${BUILD_ARGS}
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("build from scratch (${what})" "${rc}" "^0$")
endfunction()

set(CASE_ARGS "")
set(CASE_RESULT 0)
set(CASE_STDERR "^$")
set(CASE_STDOUT "")
set(CASE_GENERATOR Ninja)
set(CASE_SOURCE "")
set(CASE_PROJECT "")
set(CASE_BUILD OFF)
set(CASE_BUILD_RESULT 0)
set(CASE_BUILD_OUTPUT "")
set(CASE_BUILD_NOT "")
get_filename_component(CASE_NAME "${CASE_DIR}" NAME)
set(BUILD_DIR "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
# The compiler's major version (14 for gcc-14), for the cases whose expected
# messages name it: each system's compilers are tested, not bookworm's alone.
execute_process(COMMAND "${CC}" -dumpversion OUTPUT_VARIABLE CC_MAJOR
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
string(REGEX MATCH "^[0-9]+" CC_MAJOR "${CC_MAJOR}")
# Called by a case whose tool is not packaged on every system the cases run on
# (bolt-22 on trixie): stops the case, as a skip that names what is missing
# unless REQUIRE_ALL (PGO_TEST_REQUIRE_ALL, on in CI) makes it a failure.
function(case_needs what)
  if(REQUIRE_ALL)
    message(FATAL_ERROR "this case needs ${what}, and PGO_TEST_REQUIRE_ALL is on: run .ci/install-deps")
  endif()
  message(FATAL_ERROR "PGO-CASE-SKIP: this case needs ${what}")
endfunction()
# OUT: the gcov-dump of the case's GCC; the case is skipped (case_needs) without one.
function(find_gcov_dump out)
  find_program(dump NAMES gcov-dump-${CC_MAJOR} NO_CACHE)
  if(NOT dump)
    case_needs("gcov-dump-${CC_MAJOR}")
  endif()
  set(${out} "${dump}" PARENT_SCOPE)
endfunction()

# Each case has its own helper cache (Helper.cmake), empty at the start: a case that
# builds the helper from source must not find one that another case built.
set(ENV{XDG_CACHE_HOME} "${WORK_DIR}/xdg-cache")
include("${CASE_DIR}/case.cmake")
set(helper_arg "")
if(PGO_HELPER)
  set(helper_arg "-DPGO_HELPER=${PGO_HELPER}")
endif()
# The project is copied, so that a case may edit its sources; a case that
# sets CASE_SOURCE (an example of the toolkit) builds it in place.
if(CASE_SOURCE)
  set(source "${CASE_SOURCE}")
else()
  set(from "${CMAKE_CURRENT_LIST_DIR}/project")
  if(EXISTS "${CASE_DIR}/CMakeLists.txt")
    set(from "${CASE_DIR}")
  elseif(CASE_PROJECT)
    set(from "${CASE_PROJECT}")   # another case's project (its variants)
  endif()
  set(source "${WORK_DIR}/src")
  file(COPY "${from}/" DESTINATION "${source}")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${BUILD_DIR}" -G "${CASE_GENERATOR}"
    "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}" "-DCASE_DIR=${CASE_DIR}" -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON --no-warn-unused-cli ${helper_arg} ${CASE_ARGS}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
# CMake wraps and indents its messages: compare with whitespace runs as one space.
string(REGEX REPLACE "[ \t\r\n]+" " " err "${err}")
string(STRIP "${err}" err)
if(NOT rc STREQUAL CASE_RESULT)
  fail("configure exited ${rc}, expected ${CASE_RESULT}.\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT err MATCHES "${CASE_STDERR}")
  fail("configure stderr does not match '${CASE_STDERR}':\n${err}")
endif()
if(CASE_STDOUT AND NOT out MATCHES "${CASE_STDOUT}")
  fail("configure stdout does not match '${CASE_STDOUT}':\n${out}")
endif()

if(CASE_BUILD AND rc EQUAL 0)
  run_build(text brc)
  if(NOT brc STREQUAL CASE_BUILD_RESULT)
    fail("build exited ${brc}, expected ${CASE_BUILD_RESULT}:\n${text}")
  endif()
  if(CASE_BUILD_OUTPUT AND NOT text MATCHES "${CASE_BUILD_OUTPUT}")
    fail("build output does not match '${CASE_BUILD_OUTPUT}':\n${text}")
  endif()
  if(CASE_BUILD_NOT AND text MATCHES "${CASE_BUILD_NOT}")
    fail("build output matches '${CASE_BUILD_NOT}', which it must not:\n${text}")
  endif()
  set(BUILD_OUTPUT "${text}")
endif()

if(COMMAND case_check)
  case_check()
endif()
message(STATUS "${CASE_NAME}: done")
