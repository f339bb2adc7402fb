# add_custom_command() overridden after include(PGO): a clear error, not
# CMake's "Maximum recursion depth exceeded".
set(CASE_ARGS -DPGO=ON)
set(CASE_RESULT 1)
set(CASE_STDERR "add_custom_command\\(\\) was overridden after include\\(PGO\\), by the project or a module it loads, which hides CMake's own add_custom_command\\(\\) from PGO's override\\. Include PGO after that override, or configure with -DPGO_DETECT_HOST_TOOLS=OFF and set the target property PGO_EXCLUDE on the programs run during the build\\.")
function(case_check)
  run_configure(text rc -DPGO_DETECT_HOST_TOOLS=OFF)
  expect_match("configure with PGO_DETECT_HOST_TOOLS=OFF" "${rc}" "^0$")
endfunction()
