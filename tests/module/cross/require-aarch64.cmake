# SPDX-License-Identifier: MIT
# Included by the cross-compiling cases: CI installs the cross GCC and qemu-user, so a
# missing one fails the case instead of skipping it.  Any Debian aarch64 cross GCC
# will do (bookworm ships 12, trixie 14, sid 16): the one of the host GCC's version
# when the case runs with a GCC, else the newest.  Sets CROSS_CC, CROSS_CXX,
# CROSS_MAJOR (its major version, as in aarch64-linux-gnu-gcov-tool-<major>),
# CROSS_QEMU, and CROSS_TOOLCHAIN, a toolchain file for it written into WORK_DIR.
set(_cross_names "")
execute_process(COMMAND "${CC}" -dumpversion OUTPUT_VARIABLE _cross_host
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(CC MATCHES "gcc[^/]*$" AND _cross_host MATCHES "^([0-9]+)")
  list(APPEND _cross_names aarch64-linux-gnu-gcc-${CMAKE_MATCH_1})
endif()
foreach(_cross_n RANGE 20 10 -1)
  list(APPEND _cross_names aarch64-linux-gnu-gcc-${_cross_n})
endforeach()
find_program(CROSS_CC NAMES ${_cross_names})
find_program(CROSS_QEMU qemu-aarch64)
if(NOT CROSS_CC OR NOT CROSS_QEMU)
  message(FATAL_ERROR "no aarch64-linux-gnu-gcc-<version> or no qemu-aarch64 is installed "
    "(.ci/install-deps installs gcc-12-aarch64-linux-gnu, g++-12-aarch64-linux-gnu and qemu-user)")
endif()
string(REGEX MATCH "[0-9]+$" CROSS_MAJOR "${CROSS_CC}")
string(REGEX REPLACE "gcc-([0-9]+)$" "g++-\\1" CROSS_CXX "${CROSS_CC}")
set(CROSS_TOOLCHAIN "${WORK_DIR}/aarch64-gcc-${CROSS_MAJOR}.cmake")
file(WRITE "${CROSS_TOOLCHAIN}"
  "# GCC ${CROSS_MAJOR} for aarch64 Linux, programs run under qemu-user with Debian's\n"
  "# aarch64 libraries (written by tests/module/cross/require-aarch64.cmake).\n"
  "set(CMAKE_SYSTEM_NAME Linux)\n"
  "set(CMAKE_SYSTEM_PROCESSOR aarch64)\n"
  "set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc-${CROSS_MAJOR})\n"
  "set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++-${CROSS_MAJOR})\n"
  "set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)\n")

# Whether FILE is an aarch64 ELF program (e_machine 183).
function(expect_aarch64 file)
  file(READ "${file}" head LIMIT 20 HEX)
  if(NOT head MATCHES "^7f454c46.*b700$")
    fail("${file} is not an aarch64 ELF file (header ${head})")
  endif()
endfunction()
