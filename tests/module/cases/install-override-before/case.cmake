# SPDX-License-Identifier: MIT
# install() overridden by the project before include(PGO): a warning that
# names the static library whose LTO objects leave the build unseen, the
# project's wrapper called for each install(), and cmake --install putting the
# files in the prefix.  With PGO_LTO=OFF the module needs no override and
# says nothing.
set(CASE_ARGS -DPGO=ON "-DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix")
set(CASE_STDERR "^CMake Warning at [^ ]*/modules/PGO/Installed\\.cmake:[0-9]+ \\(message\\): PGO: install\\(\\) is already overridden \\(by the project or a module it loads\\), so PGO cannot see which static libraries the project installs: work get LTO objects like the other targets, which a program linked without LTO cannot read once they are installed\\. Set INTERPROCEDURAL_OPTIMIZATION OFF on those the project installs, or configure with -DPGO_LTO=OFF\\.")
set(CASE_STDOUT "-- own wrapper calls: 2\n")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "objects +2 compiled with the profile")
function(case_check)
  expect_flag(work.c "-flto")
  expect_no_flag(work.c "-ffat-lto-objects")   # unseen: no fat objects
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  expect_match("cmake --install" "${rc}:${text}" "^0:")
  expect_file("${WORK_DIR}/prefix/lib/libwork.a")
  expect_file("${WORK_DIR}/prefix/bin/app")
  run_configure(text rc -DPGO_LTO=OFF)
  expect_match("configure with PGO_LTO=OFF" "${rc}" "^0$")
  if(text MATCHES "Warning")
    fail("PGO_LTO=OFF did not silence the warning:\n${text}")
  endif()
endfunction()
