# A static library the project installs leaves the build: with the default
# LTO (PGO_LTO), GCC and Clang 18 and later give it fat LTO objects (machine
# code beside the IR), and an older Clang no LTO (its LTO objects are bitcode,
# which a program linked without -flto cannot read).  The installed archive then links into a program
# built without LTO, while the project's own program still links with LTO.
# The instrumented tree, never installed, compiles without LTO
# (PGO_INSTRUMENTED_LTO): no fat objects there either.
set(CASE_ARGS -DPGO=ON "-DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix")
if(CC MATCHES "clang" AND CC_MAJOR LESS 18)
  set(CASE_STDOUT "PGO: no LTO for the installed static libraries work: this Clang's LTO objects are bitcode")
else()
  set(CASE_STDOUT "PGO: fat LTO objects \\(-ffat-lto-objects\\) for the installed static libraries work")
endif()
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "objects +2 compiled with the profile")
function(case_check)
  expect_flag(main.c "-flto")
  expect_flag(work.c "-fprofile-use=")
  if(CC MATCHES "clang" AND CC_MAJOR LESS 18)
    expect_no_flag(work.c "-flto")
  elseif(CC MATCHES "clang")
    expect_flag(work.c "-flto=thin .*-ffat-lto-objects")
  else()
    expect_flag(work.c "-flto=auto -fno-fat-lto-objects .*-ffat-lto-objects")
  endif()
  # The instrumented tree is never installed, and compiles without LTO.
  block(SCOPE_FOR VARIABLES)
    set(BUILD_DIR "${BUILD_DIR}/_pgo/instrumented")
    expect_no_flag(work.c "-flto")
    expect_no_flag(work.c "-ffat-lto-objects")
  endblock()
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("cmake --install" "${rc}" "^0$")
  file(READ "${WORK_DIR}/prefix/list.txt" list)
  expect_match("the install(CODE) passed through the override" "${list}" "^a;b$")
  # A program built against the installed archive without LTO links and runs.
  file(WRITE "${WORK_DIR}/use.c" "long work(long n);\nint main(void) { return work(10) > 0 ? 0 : 1; }\n")
  execute_process(COMMAND "${CC}" -O2 -fno-lto "${WORK_DIR}/use.c" "${WORK_DIR}/prefix/lib/libwork.a"
      -o "${WORK_DIR}/use"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("linking the installed libwork.a without LTO" "${rc}:${out}" "^0:")
  execute_process(COMMAND "${WORK_DIR}/use" RESULT_VARIABLE rc)
  expect_match("the program linked with the installed libwork.a" "${rc}" "^0$")
endfunction()
