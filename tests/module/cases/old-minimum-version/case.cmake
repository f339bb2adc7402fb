# A project whose cmake_minimum_required is 2.8.12 configures and builds with Ninja and
# PGO=ON, and nothing the toolkit does warns: under the project's CMP0058 (OLD, read by
# Ninja from the top directory) a custom command depending on a file the configure wrote
# with file(WRITE) gets a developer warning that blames the project. The only warning
# left is CMake's own about the project's old minimum (CMake 3.31 and later); CMake 4
# refuses versions below 3.5 unless told, as users must tell it.
set(CASE_ARGS -DPGO=ON)
if(CMAKE_VERSION VERSION_GREATER_EQUAL 4)
  list(APPEND CASE_ARGS -DCMAKE_POLICY_VERSION_MINIMUM=3.5)
endif()
set(CASE_STDERR ".*")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions|compiled with the profile")

# Fails if TEXT holds a CMake warning other than the deprecation of the project's own
# cmake_minimum_required.
function(expect_no_toolkit_warning what text)
  string(REGEX REPLACE "[ \t\r\n]+" " " text "${text}")
  string(REGEX MATCHALL "CMake [A-Za-z]* ?Warning( \\([a-z]+\\))?( at [^ ]+ \\([A-Za-z_]+\\))?"
    warnings "${text}")
  foreach(w IN LISTS warnings)
    if(NOT w MATCHES "^CMake Deprecation Warning at CMakeLists.txt:[0-9]+ \\(cmake_minimum_required\\)$")
      fail("${what}: a warning that is not the project's own ('${w}'):\n${text}")
    endif()
  endforeach()
  if(text MATCHES "CMP0058|PGO/[A-Za-z]+\\.cmake:[0-9]+")
    fail("${what}: a message names CMP0058 or the toolkit's files:\n${text}")
  endif()
endfunction()

function(case_check)
  expect_no_toolkit_warning("the configure" "${err}")
  expect_no_toolkit_warning("the build (it configures the instrumented tree)" "${BUILD_OUTPUT}")
  expect_file("${BUILD_DIR}/app")
  execute_process(COMMAND "${BUILD_DIR}/app" 10 OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  expect_match("the optimized program" "${rc}:${out}" "^0:[0-9]+\n$")
  # Without a build type (the flags have no -O): Clang's cold-code policy reads the
  # optimization level from the flags, and an empty list stopped the configure there.
  set(plain "${WORK_DIR}/no-build-type")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${plain}" -G Ninja
      "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}" -DCMAKE_BUILD_TYPE= ${CASE_ARGS}
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  if(rc EQUAL 0)
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${plain}"
      OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  endif()
  expect_match("a build without CMAKE_BUILD_TYPE" "${rc}" "^0$")
  expect_no_toolkit_warning("a build without CMAKE_BUILD_TYPE" "${text}")
endfunction()
