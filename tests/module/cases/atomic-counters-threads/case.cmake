# PGO_ATOMIC_COUNTERS=AUTO: a target that links threads gives every instrumented
# compile atomic counters, and the configure says which target; the optimized
# compiles have none.  OFF takes them away; a project without threads has none
# (every other case).
set(CASE_ARGS -DPGO=ON)
# The instrumented tree's configure, run by the build, says it.
set(CASE_BUILD_OUTPUT "PGO: atomic profile counters in the instrumented build \\(-fprofile-update=(atomic|prefer-atomic)\\): work links threads; PGO_ATOMIC_COUNTERS=OFF turns them off.*profile data +[1-9][0-9]* functions")
set(CASE_BUILD ON)
function(case_check)
  expect_no_flag(work.c "-fprofile-update")
  set(optimized "${BUILD_DIR}")
  set(BUILD_DIR "${optimized}/_pgo/instrumented")
  expect_flag(work.c "-fprofile-update=(atomic|prefer-atomic)")
  expect_flag(main.c "-fprofile-update=(atomic|prefer-atomic)")
  set(BUILD_DIR "${optimized}")
  run_configure(text rc -DPGO_ATOMIC_COUNTERS=OFF)
  run_build(text rc)
  expect_match("a build with PGO_ATOMIC_COUNTERS=OFF" "${rc}" "^0$")
  set(BUILD_DIR "${optimized}/_pgo/instrumented")
  expect_no_flag(work.c "-fprofile-update")
endfunction()
