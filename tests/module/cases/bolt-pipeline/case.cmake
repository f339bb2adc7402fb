# PGO_BOLT: the program and the shared library are bolted in place, ctest and
# install use the bolted files, a second build does nothing, and a relinked
# library is bolted again.
set(CASE_ARGS -DPGO=ON -DPGO_BOLT=ON)
set(CASE_STDOUT "PGO: BOLT optimizes hot, app after the link")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "bolt: instrumenting hot, app.*train: \\[1/1\\] app-train: passed.*bolt: hot: bolted; [1-9][0-9]* of [0-9]+ functions ran.*bolt: app: bolted; .*PGO \\[3/3\\]")

# Whether FILE carries the section llvm-bolt adds to what it wrote.
function(expect_bolted file)
  file(STRINGS "${file}" found REGEX "\\.note\\.bolt_info" LIMIT_COUNT 1)
  if(NOT found)
    fail("${file} has no .note.bolt_info section: it is not llvm-bolt's output")
  endif()
  file(STRINGS "${BUILD_DIR}/_pgo/bolt/${ARGN}.state" kind REGEX "^kind ")
  expect_match("state of ${file}" "${kind}" "^kind bolted$")
endfunction()

function(case_check)
  expect_bolted("${BUILD_DIR}/app" app)
  expect_bolted("${BUILD_DIR}/libhot.so" hot)
  file(READ "${BUILD_DIR}/_pgo/bolt/report.txt" report)
  expect_match("BOLT report" "${report}" "^hot\tbolted.*\napp\tbolted")
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -R app-runs
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    fail("ctest on the bolted files failed:\n${out}")
  endif()

  # Installed: the bolted files, which run with their rewritten RPATH.
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${WORK_DIR}/inst"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("cmake --install" "${rc}" "^0$")
  file(GLOB installed_lib "${WORK_DIR}/inst/lib*/libhot.so")
  expect_bolted("${WORK_DIR}/inst/bin/app" app)
  expect_bolted("${installed_lib}" hot)
  execute_process(COMMAND "${WORK_DIR}/inst/bin/app" 10 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("the installed program" "${rc}:${out}" "^0:-?[0-9]+\n$")

  # Nothing changed: nothing linked, nothing bolted.
  run_build(text rc)
  expect_match("second build" "${rc}" "^0$")
  if(text MATCHES "Linking|bolt: |train: \\[")
    fail("a second build with nothing changed did work:\n${text}")
  endif()

  # A changed library is linked and bolted again, and then nothing more.
  file(APPEND "${source}/hot.c" "int another(int x) { return x * 3; }\n")
  run_build(text rc)
  expect_match("build after editing hot.c" "${rc}" "^0$")
  expect_match("build after editing hot.c" "${text}" "Linking C shared library libhot\\.so.*bolt: instrumenting hot.*bolt: hot: bolted")
  expect_bolted("${BUILD_DIR}/libhot.so" hot)
  expect_bolted("${BUILD_DIR}/app" app)
  run_build(text rc)
  expect_match("build after the rebuild" "${rc}" "^0$")
  if(text MATCHES "Linking|bolt: |train: \\[")
    fail("the build after the rebuild did work:\n${text}")
  endif()

  # Turning BOLT off and on again configures no instrumented tree again.
  foreach(value IN ITEMS OFF ON)
    run_configure(text rc -DPGO_BOLT=${value})
    run_build(text rc)
    expect_match("build with PGO_BOLT=${value}" "${rc}" "^0$")
    if(text MATCHES "PGO \\[1/3\\]")
      fail("PGO_BOLT=${value} configured the instrumented tree again:\n${text}")
    endif()
  endforeach()
  expect_bolted("${BUILD_DIR}/libhot.so" hot)

  # A new BOLT training without a new link (the profile given, another
  # training): the bolted files change but keep their link's time stamp,
  # and cmake --install must still copy them.
  if(CC MATCHES "gcc")
    file(REAL_PATH "${BUILD_DIR}/_pgo/gcda/profile" profile)   # a link to the folder
    file(COPY "${profile}/" DESTINATION "${WORK_DIR}/given")
    set(given "${WORK_DIR}/given")
  else()
    set(given "${WORK_DIR}/given.profdata")
    file(COPY_FILE "${BUILD_DIR}/_pgo/profile.profdata" "${given}")
  endif()
  run_configure(text rc "-DPGO_PROFILE=${given}")
  run_build(text rc)
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${WORK_DIR}/inst"
    OUTPUT_QUIET ERROR_QUIET)
  file(SHA256 "${BUILD_DIR}/libhot.so" before)
  run_configure(text rc "-DPGO_TRAINING_COMMAND=app 70")
  run_build(text rc)
  expect_match("build after another BOLT training" "${text}" "bolt: hot: bolted")
  if(text MATCHES "Linking")
    fail("another BOLT training with a given profile linked again:\n${text}")
  endif()
  file(SHA256 "${BUILD_DIR}/libhot.so" after)
  if(after STREQUAL before)
    fail("another BOLT training gave the same libhot.so: this check proves nothing")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${WORK_DIR}/inst"
    OUTPUT_VARIABLE out ERROR_VARIABLE out)
  file(SHA256 "${installed_lib}" installed)
  if(NOT installed STREQUAL after)
    fail("cmake --install kept the older bolted libhot.so:\n${out}")
  endif()
endfunction()
