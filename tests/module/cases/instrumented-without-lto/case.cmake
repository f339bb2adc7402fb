# The instrumented tree compiles without the LTO the module puts on (its
# counters are placed in the compile, before any LTO step), the optimized tree
# with it; PGO_INSTRUMENTED_LTO=ON gives the instrumented tree the LTO too.
# On the bundled interpreter, whose training is deterministic, both ways give
# the same optimized program, byte for byte: the profile is the same.
set(CASE_ARGS -DPGO=ON "-DCMAKE_MODULE_PATH=${PGO_ROOT}/modules")
set(CASE_PROJECT "${PGO_ROOT}/examples/interp")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "PGO: the instrumented tree compiles without LTO \\(the optimized one has it\\)")

# LTO_EXPECTED is "" (no -flto in the instrumented tree) or "-flto".
function(expect_trees optimized lto_expected)
  set(BUILD_DIR "${optimized}")
  expect_flag(vm.c "-flto")
  set(BUILD_DIR "${optimized}/_pgo/instrumented")
  if(lto_expected)
    expect_flag(vm.c "-flto")
  else()
    expect_no_flag(vm.c "-flto")
    file(READ "${BUILD_DIR}/build.ninja" ninja)
    string(REGEX MATCH "build interp: [^\n]*\n( [^\n]*\n)*" rule "${ninja}")
    if(rule MATCHES "-flto")
      fail("the instrumented tree links interp with LTO:\n${rule}")
    endif()
  endif()
endfunction()

function(case_check)
  expect_trees("${BUILD_DIR}" "")
  set(with_lto "${WORK_DIR}/instrumented-lto")
  build_pgo_from_scratch("${with_lto}" "PGO_INSTRUMENTED_LTO=ON"
    "-DCMAKE_MODULE_PATH=${PGO_ROOT}/modules" -DPGO_INSTRUMENTED_LTO=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)
  expect_trees("${with_lto}" "-flto")
  expect_same_file("${BUILD_DIR}/interp" "${with_lto}/interp"
    "interp trained in an instrumented tree without LTO differs from interp trained in one with it")
endfunction()
