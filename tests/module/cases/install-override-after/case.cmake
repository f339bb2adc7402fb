# SPDX-License-Identifier: MIT
# install() overridden after include(PGO), with PGO's own override in place
# (PGO_LTO): a clear error, not CMake's "Maximum recursion depth exceeded".
# With PGO_LTO=OFF the module leaves install() alone, the project's override
# reaches CMake's own, and cmake --install puts the library in the prefix.
set(CASE_ARGS -DPGO=ON "-DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix")
set(CASE_RESULT 1)
set(CASE_STDERR "install\\(\\) was overridden after include\\(PGO\\), by the project or a module it loads, which hides CMake's own install\\(\\) from PGO's override\\. Define that override before include\\(PGO\\), or configure with -DPGO_LTO=OFF, which leaves install\\(\\) alone\\.")
function(case_check)
  run_configure(text rc -DPGO_LTO=OFF)
  expect_match("configure with PGO_LTO=OFF" "${rc}" "^0$")
  run_build(text rc)
  expect_match("the build" "${rc}:${text}" "^0:")
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  expect_match("cmake --install" "${rc}:${text}" "^0:")
  expect_file("${WORK_DIR}/prefix/lib/libwork.a")
endfunction()
