# Included by the cross-compiling cases: CI installs the cross GCC and qemu-user, so a
# missing one fails the case instead of skipping it.  Sets CROSS_CC and CROSS_QEMU.
find_program(CROSS_CC aarch64-linux-gnu-gcc-12)
find_program(CROSS_QEMU qemu-aarch64)
if(NOT CROSS_CC OR NOT CROSS_QEMU)
  message(FATAL_ERROR "aarch64-linux-gnu-gcc-12 or qemu-aarch64 is not installed "
    "(.ci/install-deps installs gcc-12-aarch64-linux-gnu and qemu-user)")
endif()
set(CROSS_TOOLCHAIN "${CMAKE_CURRENT_LIST_DIR}/aarch64-gcc-12.cmake")

# Whether FILE is an aarch64 ELF program (e_machine 183).
function(expect_aarch64 file)
  file(READ "${file}" head LIMIT 20 HEX)
  if(NOT head MATCHES "^7f454c46.*b700$")
    fail("${file} is not an aarch64 ELF file (header ${head})")
  endif()
endfunction()
