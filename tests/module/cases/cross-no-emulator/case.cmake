# Cross-compiling with no emulator: the configure-time check of instrumentation can
# only link its test program, and says so; the configure passes and the instrumented
# tree builds aarch64 programs.  The check still runs the linker: a link that fails
# is said at configure time (cross-clang-no-runtime).
include("${CASE_DIR}/../../cross/require-aarch64.cmake")
set(CC "${CROSS_CC}")
file(WRITE "${WORK_DIR}/toolchain.cmake"
  "set(CMAKE_SYSTEM_NAME Linux)\n"
  "set(CMAKE_SYSTEM_PROCESSOR aarch64)\n"
  "set(CMAKE_C_COMPILER [==[${CROSS_CC}]==])\n")
set(CASE_ARGS -DPGO=INSTRUMENT "-DCMAKE_TOOLCHAIN_FILE=${WORK_DIR}/toolchain.cmake")
set(CASE_STDOUT "PGO: instrumented C programs link \\(not run: cross-compiling without CMAKE_CROSSCOMPILING_EMULATOR\\) - GNU ${CROSS_MAJOR}")
set(CASE_BUILD ON)
function(case_check)
  expect_aarch64("${BUILD_DIR}/app")
  expect_flag(work.c "-fprofile-generate=")
endfunction()
