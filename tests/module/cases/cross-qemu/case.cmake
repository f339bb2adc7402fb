# PGO=ON cross-compiled for aarch64 with a cross GCC: the training runs under the toolchain's
# CMAKE_CROSSCOMPILING_EMULATOR (qemu-user), the cross gcov-tool merges, the summary and
# the report read aarch64 objects.  The toolchain file and the cross compiler come from
# the environment (CMAKE_TOOLCHAIN_FILE, CC, CFLAGS), as a CI job might set them: the
# helper, built from source here, must still be built for the host.
include("${CASE_DIR}/../../cross/require-aarch64.cmake")
set(CC "${CROSS_CC}")
set(PGO_HELPER "")
set(ENV{CMAKE_TOOLCHAIN_FILE} "${CROSS_TOOLCHAIN}")
set(ENV{CC} "${CROSS_CC}")
set(ENV{CFLAGS} "-march=armv8-a")   # the host's gcc rejects it
# Two trainings, so that gcov-tool merges two folders.  Without LTO, so that the
# summary and the report read the placement from the aarch64 objects themselves.
set(CASE_ARGS -DPGO=ON -DPGO_LTO=OFF "-DPGO_TRAINING_COMMAND=app 1000")
set(CASE_STDOUT "PGO: building pgo-helper")
function(case_check)
  set(helper "${BUILD_DIR}/_pgo/helper/pgo-helper")
  execute_process(COMMAND "${helper}" --version RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  expect_match("the helper built from source, run on the host" "${rc}" "^0$")
  file(STRINGS "${BUILD_DIR}/_pgo/helper/CMakeCache.txt" helper_cc REGEX "^CMAKE_C_(COMPILER|FLAGS):")
  if(helper_cc MATCHES "aarch64")
    fail("the helper's build took the cross compiler or flags from the environment: ${helper_cc}")
  endif()
  file(STRINGS "${BUILD_DIR}/CMakeCache.txt" gcov_tool REGEX "^PGO_GCOV_TOOL:")
  expect_match("PGO_GCOV_TOOL" "${gcov_tool}" "/aarch64-linux-gnu-gcov-tool-${CROSS_MAJOR}$")

  # The instrumented tree must get the toolchain from the copied cache alone.
  unset(ENV{CMAKE_TOOLCHAIN_FILE})
  run_build(text rc)
  expect_match("cross build" "${rc}" "^0$")
  expect_match("cross build" "${text}" "train: \\[2/2\\].*merge: profile updated: [^\n]* \\(2 raw profile directories\\).*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training.*[1-9][0-9]* found their \\.gcda.*placement +[1-9][0-9]* of")
  set(inner "${BUILD_DIR}/_pgo/instrumented")
  file(STRINGS "${inner}/CMakeCache.txt" toolchain REGEX "^CMAKE_TOOLCHAIN_FILE:")
  expect_match("the instrumented tree's toolchain" "${toolchain}" "=${CROSS_TOOLCHAIN}$")
  expect_aarch64("${inner}/app")
  expect_aarch64("${BUILD_DIR}/app")
  # Both trainings ran through the emulator.
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${inner}" -N -V -L pgo-training
    OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("app-train's command" "${out}" "qemu-aarch64 \"-L\" \"/usr/aarch64-linux-gnu\" \"${inner}/app\" \"3000000\"")
  expect_match("pgo-training-command's command" "${out}" "qemu-aarch64 \"-L\" \"/usr/aarch64-linux-gnu\" \"${inner}/app\" \"1000\"")
  expect_flag(work.c "-fprofile-use=")
  run_build(text rc --target pgo-report)
  expect_match("pgo-report" "${rc}" "^0$")
  expect_match("pgo-report" "${text}" "functions +[1-9][0-9]* in the profile, [1-9][0-9]* ran during training.*work +hot")
  # The project's tests run the optimized program under the emulator.
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -R app-runs
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("ctest in the optimized tree" "${rc}" "^0$")
endfunction()
