# A project that overrides add_custom_command() before include(PGO): no
# detection, a warning that says what to do, the project's wrapper intact.
set(CASE_ARGS -DPGO=ON)
set(CASE_STDERR "^CMake Warning at .*PGO: add_custom_command\\(\\) or add_custom_target\\(\\) is already overridden \\(by the project or a module it loads\\), so PGO cannot see which programs run during the build and builds them with PGO like any other\\. Set the target property PGO_EXCLUDE on those programs; -DPGO_DETECT_HOST_TOOLS=OFF silences this warning\\.")
set(CASE_STDOUT "-- own wrapper calls: 1\n")
function(case_check)
  expect_flag(gen.c "-fprofile-use=")   # not detected: built with PGO as before
  expect_flag(main.c "-fprofile-use=")
  run_configure(text rc -DPGO_DETECT_HOST_TOOLS=OFF)
  expect_match("configure with PGO_DETECT_HOST_TOOLS=OFF" "${rc}" "^0$")
  if(text MATCHES "Warning")
    fail("PGO_DETECT_HOST_TOOLS=OFF did not silence the warning:\n${text}")
  endif()
endfunction()
