# ccache with a shared remote storage on a real Redis server, as two CI machines
# use it: the second machine's instrumented and optimized compiles come from the
# first machine's results, and a new training never gets an object compiled
# with the old profile.
#
# Both machines build at the same absolute path (the trees take turns at
# WORK_DIR/src and WORK_DIR/build, each moved aside to machine-<x>/ after its
# turn), as CI runners check out at a fixed path. Two folders and CCACHE_BASEDIR
# would not do: an instrumented object holds its raw profile folder
# (-fprofile-generate=<build>/_pgo/...), which ccache 4.7 hashes as an absolute
# path, and the merged profile of LLVM 19 and 22 (not 14) holds the instrumented
# program's build-id, which differs with that path: neither compile could hit.
find_program(ccache ccache)
if(NOT ccache)
  message(FATAL_ERROR "ccache is not installed (.ci/install-deps installs it)")
endif()
find_program(redis_server redis-server)
find_program(redis_cli redis-cli)
if(NOT redis_server OR NOT redis_cli)
  case_needs("redis-server and redis-cli (apt-get install redis-server)")
endif()
execute_process(COMMAND "${ccache}" --version OUTPUT_VARIABLE ccache_version)
string(REGEX MATCH "[0-9]+\\.[0-9]+(\\.[0-9]+)?" ccache_version "${ccache_version}")

# Before the server starts: a stop of the case from here on would leave it running.
include("${CMAKE_CURRENT_LIST_DIR}/../../LauncherCheck.cmake")

# A server of this case's own on loopback, at a port drawn from the work folder's
# hash, so that the cases of other compilers run beside it; a port in use (redis-server
# exits) moves to the next one.
set(redis_dir "${WORK_DIR}/redis")
file(MAKE_DIRECTORY "${redis_dir}")
string(SHA256 hash "${WORK_DIR}")
string(SUBSTRING "${hash}" 0 4 hash)
math(EXPR redis_port "20000 + 0x${hash} % 20000")
set(redis_up OFF)
foreach(try RANGE 9)
  file(REMOVE "${redis_dir}/redis.pid")
  # Not daemonized but under timeout(1), in the background: a case that dies before
  # case_check stops the server leaves it running for 20 minutes at most (the case
  # takes seconds).
  execute_process(COMMAND sh -c
    "timeout 1200 \"$0\" --bind 127.0.0.1 --port \"$1\" --save '' --appendonly no --dir \"$2\" --pidfile \"$2/redis.pid\" </dev/null >\"$2/redis.log\" 2>&1 &"
    "${redis_server}" "${redis_port}" "${redis_dir}")
  foreach(attempt RANGE 25)
    execute_process(COMMAND "${redis_cli}" -h 127.0.0.1 -p ${redis_port} ping OUTPUT_VARIABLE pong ERROR_QUIET)
    file(READ "${redis_dir}/redis.log" log)
    if(pong MATCHES "PONG" AND EXISTS "${redis_dir}/redis.pid")
      set(redis_up ON)
      break()
    elseif(log MATCHES "Address already in use")
      break()
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.2)
  endforeach()
  if(redis_up)
    break()
  endif()
  math(EXPR redis_port "${redis_port} + 1")
endforeach()

# Stops the server: called at the end of case_check, and before any stop of the case.
function(redis_stop)
  execute_process(COMMAND "${redis_cli}" -h 127.0.0.1 -p ${redis_port} shutdown nosave
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0 AND EXISTS "${redis_dir}/redis.pid")
    file(STRINGS "${redis_dir}/redis.pid" pid LIMIT_COUNT 1)
    execute_process(COMMAND kill "${pid}" OUTPUT_QUIET ERROR_QUIET)
  endif()
endfunction()

if(NOT redis_up)
  file(READ "${redis_dir}/redis.log" log)
  redis_stop()
  message(FATAL_ERROR "redis-server did not answer on 127.0.0.1 (ports up to ${redis_port}):\n${log}")
endif()

# Each machine has its own local cache: a hit on the second can only come from Redis.
set(ENV{CCACHE_REMOTE_STORAGE} "redis://127.0.0.1:${redis_port}")
unset(ENV{CCACHE_REMOTE_ONLY})
unset(ENV{CCACHE_BASEDIR})
unset(ENV{CCACHE_DISABLE})
unset(ENV{CCACHE_RECACHE})
set(ENV{CCACHE_DIR} "${WORK_DIR}/ccache-a")
set(CASE_ARGS -DPGO=ON "-DCMAKE_C_COMPILER_LAUNCHER=${ccache}")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions")

# ccache's counters in the current CCACHE_DIR, as ccache_<counter> in the caller.
function(ccache_counters)
  execute_process(COMMAND "${ccache}" --print-stats OUTPUT_VARIABLE stats)
  string(REGEX MATCHALL "[a-z_]+\t[0-9]+" lines "${stats}")
  foreach(line IN LISTS lines)
    string(REPLACE "\t" ";" pair "${line}")
    list(GET pair 0 name)
    list(GET pair 1 value)
    set(ccache_${name} "${value}" PARENT_SCOPE)
  endforeach()
endfunction()

# Moves the tree at WORK_DIR/src and BUILD_DIR aside to WORK_DIR/machine-NAME,
# and puts a fresh copy of the sources in its place for the next machine.
function(tree_move_aside name)
  set(to "${WORK_DIR}/machine-${name}")
  file(MAKE_DIRECTORY "${to}")
  file(RENAME "${source}" "${to}/src")
  file(RENAME "${BUILD_DIR}" "${to}/build")
  file(COPY "${to}/src/" DESTINATION "${source}")
endfunction()

# Configures a fresh tree at BUILD_DIR as RunCase does, with ARGN.
function(tree_configure)
  run_configure(text rc -G "${CASE_GENERATOR}" "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}"
    "-DCASE_DIR=${CASE_DIR}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
    --no-warn-unused-cli ${helper_arg} -DPGO=ON ${ARGN})
  if(NOT rc EQUAL 0)
    fail("configure of ${BUILD_DIR} (${ARGN}) exited ${rc}:\n${text}")
  endif()
endfunction()

# Builds TARGET (or all) and checks ccache's counters of that build: PGO compiles
# (the number of the optimized tree's -fprofile-use compiles; the instrumented
# tree compiles the same sources) all served by Redis, or, for GCC's that this
# ccache cannot cache, all refused as gcc_refusal, so that none is served stale.
function(expect_remote_hits phase target)
  execute_process(COMMAND "${ccache}" --zero-stats OUTPUT_QUIET)
  if(target)
    run_build(text rc --target "${target}")
  else()
    run_build(text rc)
  endif()
  if(NOT rc EQUAL 0)
    fail("the second machine's ${phase} build exited ${rc}:\n${text}")
    return()
  endif()
  ccache_counters()
  set(figures "remote_storage_hit ${ccache_remote_storage_hit}, cache_miss ${ccache_cache_miss}, "
    "unsupported_compiler_option ${ccache_unsupported_compiler_option}, no_input_file ${ccache_no_input_file}, "
    "remote_storage_error ${ccache_remote_storage_error}, remote_storage_timeout ${ccache_remote_storage_timeout}")
  string(JOIN "" figures ${figures})
  message(STATUS "${CASE_NAME}: machine b, ${phase} compiles (${pgo_compiles} PGO sources): ${figures}")
  if(ccache_remote_storage_error OR ccache_remote_storage_timeout)
    fail("ccache could not reach Redis at $ENV{CCACHE_REMOTE_STORAGE} in the ${phase} build: ${figures}")
  endif()
  if(CC MATCHES "clang" OR gcc_caches)
    # Everything was compiled on the first machine: nothing may miss.
    if(ccache_remote_storage_hit LESS pgo_compiles OR ccache_cache_miss GREATER 0
        OR ccache_unsupported_compiler_option GREATER 0 OR ccache_no_input_file GREATER 0)
      fail("the second machine's ${phase} compiles did not all come from Redis (expected "
        "${pgo_compiles} or more remote_storage_hit and nothing missed or refused): ${figures}")
    endif()
  else()
    # GCC's profile compiles that this ccache refuses: compiled each time, so never stale.
    if(NOT ccache_${gcc_refusal} EQUAL pgo_compiles)
      fail("with ccache ${ccache_version}, GCC's ${phase} compiles should all be refused as "
        "${gcc_refusal} (${pgo_compiles}), but: ${figures}; if this ccache caches them now, "
        "this case should expect their hits")
    endif()
  endif()
endfunction()

# The fingerprints of the optimized objects under DIR (the outer tree).
function(tree_fingerprints out dir)
  set(sums "")
  foreach(object IN LISTS pgo_objects)
    if(EXISTS "${dir}/${object}")
      object_fingerprint(sum "${dir}/${object}")
    else()
      set(sum "missing")
    endif()
    list(APPEND sums "${object} ${sum}")
  endforeach()
  list(JOIN sums "\n    " sums)
  set(${out} "${sums}" PARENT_SCOPE)
endfunction()

function(case_check)
  # GCC's profile compiles and ccache: 4.7 (bookworm) refuses -fprofile-prefix-path
  # ("Unknown profiling option"), which the toolkit puts on both, and compiles them
  # each time; 4.11 and later (trixie, sid) cache -fprofile-generate with it, and
  # -fprofile-use through the names pgo-helper merge gives the .gcda files for ccache
  # (DIR/CMakeFiles/<target>.dir/<source>.gcda: without them, no_input_file).
  set(gcc_caches OFF)
  set(gcc_refusal unsupported_compiler_option)
  if(ccache_version VERSION_GREATER_EQUAL 4.11)
    set(gcc_caches ON)
  endif()
  # The optimized tree's PGO objects, from its compile lines.
  set(pgo_objects "")
  if(EXISTS "${BUILD_DIR}/compile_commands.json")
    file(READ "${BUILD_DIR}/compile_commands.json" json)
    string(JSON n LENGTH "${json}")
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON cmd GET "${json}" ${i} command)
      if(cmd MATCHES "-fprofile-use=" AND cmd MATCHES " -o ([^ ]+)")
        list(APPEND pgo_objects "${CMAKE_MATCH_1}")
      endif()
    endforeach()
  endif()
  list(LENGTH pgo_objects pgo_compiles)
  if(pgo_compiles EQUAL 0)
    fail("the first machine's build has no -fprofile-use compile in ${BUILD_DIR}/compile_commands.json")
    redis_stop()
    return()
  endif()
  ccache_counters()
  if(NOT ccache_remote_storage_write GREATER 0)
    fail("the first machine's build wrote nothing to Redis (remote_storage_write ${ccache_remote_storage_write})")
  endif()
  message(STATUS "${CASE_NAME}: ccache ${ccache_version}, machine a: remote_storage_write "
    "${ccache_remote_storage_write}, remote_storage_miss ${ccache_remote_storage_miss}, "
    "unsupported_compiler_option ${ccache_unsupported_compiler_option}, no_input_file ${ccache_no_input_file}")
  tree_fingerprints(first_profile "${BUILD_DIR}")
  tree_move_aside(a)

  # The second machine: the same training, so the same profile; the instrumented
  # build (the profile's target) and then the optimized one.
  set(ENV{CCACHE_DIR} "${WORK_DIR}/ccache-b")
  tree_configure("-DCMAKE_C_COMPILER_LAUNCHER=${ccache}")
  expect_remote_hits(instrumented pgo-profile)
  expect_remote_hits(optimized "")
  # Clang's merged profile: the same training must give the same bytes, or no
  # optimized compile can hit.  GCC's (a folder of .gcda files) holds the
  # instrumented objects' stamps, which differ when ccache 4.7 compiles them
  # again: each machine must have one.
  if(CC MATCHES "clang")
    set(profile "_pgo/profile.profdata")
  else()
    set(profile "_pgo/gcda/profile")
  endif()
  set(profiles_there ON)
  foreach(tree IN ITEMS "${WORK_DIR}/machine-a/build" "${BUILD_DIR}")
    if(NOT EXISTS "${tree}/${profile}")
      fail("no merged profile ${tree}/${profile}")
      set(profiles_there OFF)
    endif()
  endforeach()
  if(profiles_there AND CC MATCHES "clang")
    file(SHA256 "${WORK_DIR}/machine-a/build/${profile}" a)
    file(SHA256 "${BUILD_DIR}/${profile}" b)
    if(NOT a STREQUAL b)
      fail("the two machines' trainings gave different profiles (${profile})")
    endif()
  endif()

  # Another training on the second machine: each optimized object must be what a
  # build without any cache makes of the new profile, not the first profile's.
  run_configure(text rc -DCASE_TRAIN_N=7)
  run_build(text rc)
  expect_match("the second machine's build with another training" "${text}" "merge: profile updated")
  tree_fingerprints(second_cached "${BUILD_DIR}")
  tree_move_aside(b)
  tree_configure(-DCASE_TRAIN_N=7)
  run_build(text rc)
  if(NOT rc EQUAL 0)
    fail("the build without a cache exited ${rc}:\n${text}")
  endif()
  tree_fingerprints(second_plain "${BUILD_DIR}")
  if(NOT second_cached STREQUAL second_plain)
    fail("after another training, the second machine's optimized objects differ from a build "
      "without any cache: ccache returned an object compiled with the old profile?\n"
      "  with ccache:\n    ${second_cached}\n  without a cache:\n    ${second_plain}")
  endif()
  if(second_plain STREQUAL first_profile)
    fail("the two trainings give the same objects: this case proves nothing about stale objects")
  endif()
  redis_stop()
endfunction()
