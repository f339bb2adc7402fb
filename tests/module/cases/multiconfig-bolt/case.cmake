# PGO_BOLT in a Ninja Multi-Config tree: the PGO configuration's files are
# bolted after the link; Release links without relocations, bolts nothing
# and runs no training.
set(CASE_GENERATOR "Ninja Multi-Config")
set(CASE_ARGS -DPGO=ON -DPGO_BOLT=ON)

function(case_check)
  run_build(text rc --config PGO)
  expect_match("build --config PGO" "${rc}" "^0$")
  expect_match("build --config PGO" "${text}" "train: \\[1/1\\] app-train: passed.*bolt: app: bolted; .*PGO \\[3/3\\]")
  file(STRINGS "${BUILD_DIR}/PGO/app" note REGEX "\\.note\\.bolt_info" LIMIT_COUNT 1)
  if(NOT note)
    fail("PGO/app has no .note.bolt_info section: it is not llvm-bolt's output")
  endif()
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -C PGO -R app-runs
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("ctest -C PGO on the bolted app" "${rc}" "^0$")

  run_build(text rc --config Release --verbose)
  expect_match("build --config Release" "${rc}" "^0$")
  if(text MATCHES "emit-relocs|pgo-helper|bolt: |train: |PGO \\[")
    fail("build --config Release did PGO's or BOLT's work:\n${text}")
  endif()
  file(STRINGS "${BUILD_DIR}/Release/app" note REGEX "\\.note\\.bolt_info" LIMIT_COUNT 1)
  if(note)
    fail("Release/app was bolted")
  endif()

  # Nothing changed: nothing linked, nothing bolted.
  run_build(text rc --config PGO)
  expect_match("second build --config PGO" "${rc}" "^0$")
  if(text MATCHES "Linking|bolt: |train: \\[")
    fail("a second build --config PGO with nothing changed did work:\n${text}")
  endif()
endfunction()
