# The helper built from source is kept in the per-user cache (XDG_CACHE_HOME, which
# RunCase.cmake points at an empty folder): a second build tree takes it from there
# instead of building it, a damaged entry is built again, an unwritable cache or
# PGO_HELPER_CACHE=OFF only costs the build, and two configures racing both work.
set(PGO_HELPER "")
set(CASE_ARGS -DPGO=ON)
set(CASE_STDOUT "PGO: building pgo-helper from ")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "objects +2 compiled with the profile")

# configure_tree(DIR OUT ARGS...): a fresh tree DIR of the same project, its output in OUT.
function(configure_tree dir out)
  file(REMOVE_RECURSE "${dir}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${dir}" -G Ninja
      "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}" "-DCASE_DIR=${CASE_DIR}"
      -DCMAKE_BUILD_TYPE=Release -DPGO=ON ${ARGN}
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("configuring ${dir}" "${rc}" "^0$")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(the_entry out)
  file(GLOB entries LIST_DIRECTORIES true "$ENV{XDG_CACHE_HOME}/pgo-toolkit/*")
  list(LENGTH entries n)
  expect_match("the cache's entries" "${n}: ${entries}" "^1: [^;]*/helper-[0-9a-f]+$")
  set(${out} "${entries}" PARENT_SCOPE)
endfunction()

function(expect_valid entry)
  file(SHA256 "${entry}/pgo-helper" actual)
  file(STRINGS "${entry}/pgo-helper.sha256" recorded)
  expect_match("the recorded SHA-256 of ${entry}/pgo-helper" "${recorded}" "^${actual}$")
endfunction()

function(case_check)
  the_entry(entry)
  expect_valid("${entry}")

  # A second tree: the cached helper, copied into the tree, nothing built; its
  # pipeline runs with it.
  set(second "${WORK_DIR}/second")
  configure_tree("${second}" text)
  expect_match("the second tree's configure" "${text}" "PGO: pgo-helper from the cache ${entry}\n")
  if(text MATCHES "building pgo-helper" OR EXISTS "${second}/_pgo/helper/CMakeCache.txt")
    fail("the second tree built the helper again:\n${text}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${second}"
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  expect_match("the second tree's PGO build" "${rc}:${text}" "^0:.*objects +2 compiled with the profile")

  # A damaged entry (here: a byte more) is noticed, built again and replaced.
  file(APPEND "${entry}/pgo-helper" "x")
  configure_tree("${WORK_DIR}/third" text)
  expect_match("the configure over a damaged cache" "${text}"
    "PGO: the cached pgo-helper in ${entry} is damaged .*PGO: building pgo-helper from ")
  expect_valid("${entry}")

  # The opt-out builds in the tree, even with a good entry.
  configure_tree("${WORK_DIR}/off" text -DPGO_HELPER_CACHE=OFF)
  expect_match("the configure with PGO_HELPER_CACHE=OFF" "${text}" "PGO: building pgo-helper from ")

  # A cache that cannot be written (its folder would be under a file) costs only the build.
  file(WRITE "${WORK_DIR}/a-file" "")
  set(saved "$ENV{XDG_CACHE_HOME}")
  set(ENV{XDG_CACHE_HOME} "${WORK_DIR}/a-file/cache")
  configure_tree("${WORK_DIR}/unwritable" text)
  expect_match("the configure with an unwritable cache" "${text}"
    "PGO: building pgo-helper from .*PGO: could not keep pgo-helper in the cache ${WORK_DIR}/a-file/cache/pgo-toolkit")
  expect_file("${WORK_DIR}/unwritable/_pgo/helper/pgo-helper")

  # Two configures racing on an empty cache: both work, one entry, no leftovers.
  set(ENV{XDG_CACHE_HOME} "${WORK_DIR}/race-cache")
  set(args -S "${source}" -G Ninja "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}"
    "-DCASE_DIR=${CASE_DIR}" -DCMAKE_BUILD_TYPE=Release -DPGO=ON)
  list(JOIN args "' '" quoted)
  execute_process(COMMAND sh -c
      "'${CMAKE_COMMAND}' '${quoted}' -B '${WORK_DIR}/race1' > '${WORK_DIR}/race1.log' 2>&1 & a=$!
       '${CMAKE_COMMAND}' '${quoted}' -B '${WORK_DIR}/race2' > '${WORK_DIR}/race2.log' 2>&1 & b=$!
       wait $a && wait $b"
    RESULT_VARIABLE rc)
  file(READ "${WORK_DIR}/race1.log" log1)
  file(READ "${WORK_DIR}/race2.log" log2)
  expect_match("two racing configures" "${rc}" "^0$")
  foreach(log "${log1}" "${log2}")
    if(log MATCHES "could not keep|damaged")
      fail("a racing configure did not find or keep the cache:\n${log}")
    endif()
  endforeach()
  the_entry(entry)
  expect_valid("${entry}")
  file(GLOB leftovers LIST_DIRECTORIES true "$ENV{XDG_CACHE_HOME}/pgo-toolkit/*.tmp-*")
  expect_match("leftover folders of the racing configures" "${leftovers}" "^$")
  set(ENV{XDG_CACHE_HOME} "${saved}")
endfunction()
