# Shared by the fault-* cases, included by their case.cmake: a good pipeline first, then a
# build with a fault injected, which must fail with a clear message and leave the last good
# profile and the optimized program as they were; then the build after it, the fault gone,
# must recover without a clean.  The cases' project.cmake selects the fault with CASE_FAULT.

set(FAULTS_DIR "${CMAKE_CURRENT_LIST_DIR}")

# A digest of the merged profile (every file of it) and of the optimized program.
function(fault_state out)
  set(state "")
  if(CC MATCHES "gcc")
    file(READ_SYMLINK "${BUILD_DIR}/_pgo/gcda/profile" link)
    file(GLOB gcda "${BUILD_DIR}/_pgo/gcda/profile/*.gcda")
    list(SORT gcda)
    set(files "${BUILD_DIR}/_pgo/profile.stamp" ${gcda})
    string(APPEND state "link ${link}\n")
  else()
    set(files "${BUILD_DIR}/_pgo/profile.profdata")
  endif()
  list(APPEND files "${BUILD_DIR}/app")
  foreach(f IN LISTS files)
    file(SHA256 "${f}" h)
    string(APPEND state "${f} ${h}\n")
  endforeach()
  set(${out} "${state}" PARENT_SCOPE)
endfunction()

# Fails if an interrupted helper's temporaries are still beside the profile.
function(fault_expect_no_leftovers when)
  file(GLOB_RECURSE left LIST_DIRECTORIES true "${BUILD_DIR}/_pgo/*")
  list(FILTER left EXCLUDE REGEX "/_pgo/(instrumented|helper)/")
  list(FILTER left INCLUDE REGEX "\\.(tmp|inputs)\\.[^/]*$")
  if(left)
    fail("${when}: temporaries are left: ${left}")
  endif()
endfunction()

# The good pipeline has run (CASE_BUILD ON).  Builds with ARGN (configure arguments that
# inject the fault; FAULT_FILE_FAULT, if set, is written to ${WORK_DIR}/fault), expects a failure whose output matches REGEX, compares the profile, then
# builds with CASE_FAULT=none and expects a full recovery.
function(fault_run regex)
  if(NOT BUILD_OUTPUT MATCHES "PGO \\[3/3\\]")
    fail("the good pipeline before the fault did not finish:\n${BUILD_OUTPUT}")
    return()
  endif()
  fault_state(good)
  if(DEFINED FAULT_FILE_FAULT)   # a fault of the wrappers (see fault_wrapper)
    file(WRITE "${WORK_DIR}/fault" "${FAULT_FILE_FAULT}")
  endif()
  run_configure(text rc ${ARGN})
  expect_match("configure with the fault" "${rc}" "^0$")
  # The output goes to a file, not a pipe: processes that outlive a killed helper keep its
  # descriptors, and a pipe would make this wait for them (a terminal does not).
  execute_process(COMMAND sh -c "\"$1\" --build \"$2\" >\"$3\" 2>&1" sh "${CMAKE_COMMAND}"
    "${BUILD_DIR}" "${WORK_DIR}/fault-build.log" RESULT_VARIABLE rc)
  file(READ "${WORK_DIR}/fault-build.log" text)
  expect_match("exit code of the build with the fault" "${rc}" "^[1-9]")
  expect_match("build with the fault" "${text}" "${regex}")
  set(FAULT_OUTPUT "${text}" PARENT_SCOPE)
  file(REMOVE "${WORK_DIR}/fault")
  fault_state(after)
  if(NOT after STREQUAL good)
    fail("the fault changed the last good profile or the optimized program:\nbefore:\n${good}after:\n${after}")
  endif()

  run_configure(text rc -DCASE_FAULT=none)
  run_build(text rc)
  expect_match("exit code of the build after the fault" "${rc}" "^0$")
  expect_match("build after the fault" "${text}"
    "train: \\[[0-9]/[0-9]\\] app-train: passed.*merge: profile (updated|unchanged)")
  # The summary runs again when the profile or the program changed; after an
  # unchanged profile, the last good build's summary still holds.
  if(text MATCHES "merge: profile updated")
    expect_match("build after the fault" "${text}"
      "PGO \\[3/3\\].*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran")
  endif()
  set(RECOVERY_OUTPUT "${text}" PARENT_SCOPE)
  fault_expect_no_leftovers("after the recovery")
  execute_process(COMMAND "${BUILD_DIR}/app" 1000 RESULT_VARIABLE rc OUTPUT_QUIET)
  expect_match("the optimized program after the recovery" "${rc}" "^0$")
endfunction()

# Writes an executable script OUT that runs REAL with the fault named in the file
# ${WORK_DIR}/fault (none when the file is missing or empty), when its first argument is
# ONLY_FOR ("*": any); version queries and `merge --text` (the summary) never see a fault.
#   kill-parent  kills its parent (pgo-helper) with SIGKILL, lingers a second, exits 1
#   full-disk    runs REAL with RLIMIT_FSIZE 0 and SIGXFSZ ignored: every write fails
#                with EFBIG, as on a full disk
#   slow         sleeps 3 seconds first
function(fault_wrapper out real only_for)
  file(WRITE "${out}" "#!/bin/sh
# Written by faults.cmake: ${real} with the fault named in ${WORK_DIR}/fault.
fault=$(cat '${WORK_DIR}/fault' 2>/dev/null)
case \" $* \" in *' --version '*|*' --text '*) fault= ;; esac
[ '${only_for}' = '*' ] || [ \"$1\" = '${only_for}' ] || fault=
case $fault in
kill-parent) echo \"fault: killing pgo-helper (pid $PPID)\" >&2; kill -KILL $PPID; sleep 1; exit 1 ;;
full-disk) trap '' XFSZ; ulimit -f 0 ;;
slow) sleep 3 ;;
esac
exec '${real}' \"$@\"
")
  file(CHMOD "${out}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE)
endfunction()

# The merge tool of the compiler CC (what PGO would find).
function(fault_real_tool out)
  string(REGEX MATCH "[0-9]+$" major "${CC}")
  if(CC MATCHES "gcc")
    set(${out} "/usr/bin/gcov-tool-${major}" PARENT_SCOPE)
  else()
    set(${out} "/usr/lib/llvm-${major}/bin/llvm-profdata" PARENT_SCOPE)
  endif()
endfunction()

# The cache variable naming the merge tool of CC.
function(fault_tool_variable out)
  if(CC MATCHES "gcc")
    set(${out} PGO_GCOV_TOOL PARENT_SCOPE)
  else()
    set(${out} PGO_LLVM_PROFDATA PARENT_SCOPE)
  endif()
endfunction()
