# PGO_LTO, on by default: CMake's IPO flags (ThinLTO for Clang, -flto=auto for GCC) on the
# compiles and links of the PGO targets in both trees, static libraries archived with the
# compiler's ar; the summary reads where the profile placed functions from the link map.
set(CASE_ARGS -DPGO=ON)
set(CASE_STDOUT "PGO: LTO on \\((-flto=thin|-flto=auto -fno-fat-lto-objects)\\) for 2 targets; -DPGO_LTO=OFF for the profile alone")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "objects +2 compiled with the profile, .*2 LTO .*placement +[0-9]+ of [1-9][0-9]* functions of 1 linked file placed by the profile: .*\\(LTO: read from the link maps\\)")
function(case_check)
  set(optimized "${BUILD_DIR}")
  foreach(tree "${optimized}" "${optimized}/_pgo/instrumented")
    set(BUILD_DIR "${tree}")
    expect_flag(work.c "-flto")
    expect_flag(main.c "-flto")
    expect_no_flag(tool.c "-flto")   # PGO_EXCLUDE
    file(READ "${tree}/build.ninja" ninja)
    string(REGEX MATCH "build app: [^\n]*\n( [^\n]*\n)*" rule "${ninja}")
    expect_match("the link of app in ${tree}" "${rule}" "LINK_FLAGS = [^\n]*-flto")
    file(READ "${tree}/CMakeFiles/rules.ninja" rules)
    string(REGEX MATCH "rule C_STATIC_LIBRARY_LINKER__work_[^\n]*\n( [^\n]*\n)*" rule "${rules}")
    expect_match("the archive rule of libwork.a in ${tree}" "${rule}" "command = [^\n]*(gcc-ar|llvm-ar)")
  endforeach()
  expect_file("${optimized}/_pgo/link-maps/app.map")
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${optimized}" -R app-runs
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("ctest in the optimized LTO tree" "${rc}" "^0$")
endfunction()
