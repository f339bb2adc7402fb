# A toolchain whose LTO does not work (here: an archiver that fails, which CMake's
# check_ipo_supported() tries): PGO alone, with a message that says why; never cached,
# so that a working archiver brings LTO back.
set(CASE_ARGS -DPGO=ON -DCMAKE_C_COMPILER_AR=/bin/false)
set(CASE_STDOUT "PGO: LTO is not available, building with the profile alone: the C compiler [A-Za-z]+ [0-9.]+ fails CMake's check_ipo_supported\\(\\):.*-DPGO_LTO=OFF says so without checking")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "placement +[1-9][0-9]* of [0-9]+ functions placed by the profile")
function(case_check)
  expect_no_flag(work.c "-flto")
  expect_no_flag(main.c "-flto")
  # The instrumented tree took the same decision without checking again.
  set(BUILD_DIR "${BUILD_DIR}/_pgo/instrumented")
  expect_no_flag(work.c "-flto")
  file(READ "${BUILD_DIR}/CMakeCache.txt" cache)
  expect_match("the instrumented tree's cache" "${cache}" "_PGO_LTO_DECIDED:INTERNAL=OFF")
endfunction()
