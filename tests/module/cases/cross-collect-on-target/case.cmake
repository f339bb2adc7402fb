# Profiles collected on the target: an instrumented tree cross-compiled for aarch64, its
# program copied out of the build tree and run "on the target" (qemu-user) with
# GCOV_PREFIX and GCOV_PREFIX_STRIP, as the configure says, on two "devices"; their
# folders merged with the cross gcov-tool in one pgo-helper command; an optimized tree
# built with the result as PGO_PROFILE.
include("${CASE_DIR}/../../cross/require-aarch64.cmake")
set(CC "${CROSS_CC}")
set(CASE_ARGS -DPGO=INSTRUMENT "-DCMAKE_TOOLCHAIN_FILE=${CROSS_TOOLCHAIN}")
set(CASE_STDOUT "PGO: to collect elsewhere, run the programs with GCOV_PREFIX=<folder> GCOV_PREFIX_STRIP=[0-9]+")
set(CASE_BUILD ON)
set(CASE_BUILD_NOT "train:")
function(case_check)
  string(REGEX MATCH "GCOV_PREFIX_STRIP=([0-9]+)" _ "${out}")
  set(strip "${CMAKE_MATCH_1}")
  set(target "${WORK_DIR}/target")
  file(COPY "${BUILD_DIR}/app" DESTINATION "${target}/bin")
  expect_aarch64("${target}/bin/app")
  foreach(device IN ITEMS a b)
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -E env "GCOV_PREFIX=${target}/collected-${device}" "GCOV_PREFIX_STRIP=${strip}"
        "${CROSS_QEMU}" -L /usr/aarch64-linux-gnu ./bin/app 2000000
      WORKING_DIRECTORY "${target}" RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
    expect_match("the program on the target" "${rc}" "^0$")
    file(GLOB gcda "${target}/collected-${device}/*.gcda")
    expect_match("the folder collected on the target" "${gcda}" "CMakeFiles#work\\.dir#work\\.c\\.gcda")
  endforeach()
  file(GLOB_RECURSE stray "${BUILD_DIR}/_pgo/*.gcda")
  if(stray)
    fail("the program on the target wrote into the build tree: ${stray}")
  endif()

  # Back on the build machine: one command, as the README gives it.
  execute_process(
    COMMAND "${PGO_HELPER}" merge --compiler gcc --input "${target}/collected-a"
      --input "${target}/collected-b" --output "${WORK_DIR}/profile" --tool aarch64-linux-gnu-gcov-tool-${CROSS_MAJOR}
    RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  expect_match("pgo-helper merge" "${rc}" "^0$")
  expect_match("pgo-helper merge" "${text}" "profile updated: ${WORK_DIR}/profile \\(2 raw profile directories\\)")

  set(BUILD_DIR "${WORK_DIR}/optimized")
  run_configure(text rc -G Ninja "-DCMAKE_TOOLCHAIN_FILE=${CROSS_TOOLCHAIN}" "-DPGO_ROOT=${PGO_ROOT}"
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DPGO=ON
    "-DPGO_PROFILE=${WORK_DIR}/profile" ${helper_arg})
  expect_match("configure with PGO_PROFILE" "${rc}" "^0$")
  expect_match("configure with PGO_PROFILE" "${text}" "PGO: optimized build with the given profile")
  run_build(text rc)
  expect_match("build with PGO_PROFILE" "${rc}" "^0$")
  expect_match("build with PGO_PROFILE" "${text}" "profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training.*2 found their \\.gcda")
  if(text MATCHES "PGO \\[2/3\\]|train:")
    fail("a build with PGO_PROFILE trained:\n${text}")
  endif()
  expect_flag(work.c "-fprofile-use=${WORK_DIR}/profile( |$)")
  expect_aarch64("${BUILD_DIR}/app")
endfunction()
