# sccache as the project's compiler launcher: a new profile must never let it
# hand back an object compiled with the old one.  (sccache 0.4 caches Clang's
# -fprofile-use compiles, hashing the profile's content, and refuses GCC's.)
find_program(sccache sccache)
if(NOT sccache)
  message(FATAL_ERROR "sccache is not installed (.ci/install-deps installs it)")
endif()
# A server of this case's own, on a port derived from the work directory, so
# that the cases of other compilers can run beside it; it is stopped at the
# end, and quits by itself after a minute idle if this case dies before.
string(SHA256 hash "${WORK_DIR}")
string(SUBSTRING "${hash}" 0 4 hash)
math(EXPR port "20000 + 0x${hash} % 10000")
set(ENV{SCCACHE_SERVER_PORT} "${port}")
set(ENV{SCCACHE_DIR} "${WORK_DIR}/sccache")
set(ENV{SCCACHE_IDLE_TIMEOUT} 60)
execute_process(COMMAND "${sccache}" --stop-server OUTPUT_QUIET ERROR_QUIET)
# The client waits 10 s for the server; on a loaded machine (the whole suite
# at -j2) a start can take longer and still succeed, so a timed-out start is
# retried, and "Address in use" then means that the slow server is up.
set(started OFF)
foreach(attempt RANGE 1 4)
  execute_process(COMMAND "${sccache}" --start-server RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(APPEND failures "attempt ${attempt} (${rc}):\n${out}")
  if(rc EQUAL 0 OR (attempt GREATER 1 AND out MATCHES "Address in use"))
    set(started ON)
    break()
  elseif(NOT out MATCHES "Timed out waiting for server startup")
    break()
  endif()
endforeach()
if(NOT started)
  message(FATAL_ERROR "sccache --start-server on port ${port} failed:\n${failures}")
endif()
set(CASE_ARGS -DPGO=ON "-DCMAKE_C_COMPILER_LAUNCHER=${sccache}")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions")
include("${CMAKE_CURRENT_LIST_DIR}/../../LauncherCheck.cmake")
function(case_check)
  expect_launcher_follows_profile("${sccache}")
  execute_process(COMMAND "${sccache}" --stop-server OUTPUT_QUIET ERROR_QUIET)
endfunction()
