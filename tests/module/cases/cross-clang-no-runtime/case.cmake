# Clang cross-compiling for aarch64 without the target's profile runtime (Debian ships
# libclang_rt.profile for the host only, short of multiarch): the configure says so,
# instead of the instrumented tree's linker: the configure-time check links a test
# program (qemu could run it, but the link already fails).
include("${CASE_DIR}/../../cross/require-aarch64.cmake")
file(WRITE "${WORK_DIR}/toolchain.cmake"
  "set(CMAKE_SYSTEM_NAME Linux)\n"
  "set(CMAKE_SYSTEM_PROCESSOR aarch64)\n"
  "set(CMAKE_C_COMPILER [==[${CC}]==])\n"
  "set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)\n"
  "set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)\n")
set(CASE_ARGS -DPGO=ON "-DCMAKE_TOOLCHAIN_FILE=${WORK_DIR}/toolchain.cmake")
execute_process(COMMAND "${CC}" --target=aarch64-linux-gnu -fprofile-generate "-###" -x c /dev/null
  -o /dev/null OUTPUT_VARIABLE text ERROR_VARIABLE text)
string(REGEX MATCH "[^\" ]*libclang_rt\\.profile[^\" ]*\\.a" runtime "${text}")
if(runtime AND EXISTS "${runtime}")
  message(STATUS "the aarch64 profile runtime is installed (${runtime}): the configure must pass")
else()
  set(CASE_RESULT 1)
  set(CASE_STDERR "PGO: the C compiler Clang [0-9.]+ \\([^)]*\\) cannot build working instrumented "
    "programs\\. Compiling and linking a test program with Clang's profile instrumentation failed "
    "\\([0-9]+\\): .*cannot find [^ ]*libclang_rt\\.profile[^ ]*\\.a.* The target's Clang profile "
    "runtime \\(libclang_rt\\.profile\\) is not installed: install it \\(for Debian, the package "
    "libclang-rt-[0-9]+-dev of the target's architecture\\), or cross-compile with GCC, or configure "
    "with -DPGO=OFF")
  string(JOIN "" CASE_STDERR ${CASE_STDERR})
endif()
