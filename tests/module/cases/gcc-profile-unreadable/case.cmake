# A gcov-tool that cannot read what the compiler's programs write (a GCC whose
# runtime and gcov-tool come from different builds): the configure-time check runs
# an instrumented test program and has gcov-tool read its .gcda, and stops with
# gcov-tool's own words.  The stand-in answers --version as the real one does, and
# reads like gcov-tool reading a foreign file: it says so and exits 0 all the same.
execute_process(COMMAND "${CC}" -dumpversion OUTPUT_VARIABLE major OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX MATCH "^[0-9]+" major "${major}")
find_program(real NAMES gcov-tool-${major} REQUIRED NO_CACHE)
file(WRITE "${WORK_DIR}/gcov-tool"
  "#!/bin/sh\n"
  "case $1 in --version) exec '${real}' --version ;; esac\n"
  "echo 'main.gcda:not a gcov data file' >&2\n")
file(CHMOD "${WORK_DIR}/gcov-tool" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(CASE_ARGS -DPGO=ON "-DPGO_GCOV_TOOL=${WORK_DIR}/gcov-tool")
set(CASE_RESULT 1)
string(JOIN "" CASE_STDERR
  "PGO: the C compiler GNU ${major}[.0-9]* \\([^)]*\\) cannot build working instrumented programs\\. "
  "The test program's raw profile cannot be read: '[^']*/gcov-tool rewrite -o [^']*' said \\(0\\): "
  "main\\.gcda:not a gcov data file Check that GCC's profile runtime \\(libgcov, in Debian's "
  "libgcc-${major}-dev\\) and gcov-tool-${major} come from the same GCC, or configure with -DPGO=OFF")

function(case_check)
  # Nothing was cached: with the real gcov-tool, the next configure checks and passes.
  run_configure(text rc "-DPGO_GCOV_TOOL=${real}")
  if(NOT rc EQUAL 0)
    fail("with the real gcov-tool, the configure fails:\n${text}")
  endif()
  expect_match("the configure with the real gcov-tool" "${text}"
    "PGO: instrumented C programs build, run and write a profile that [^ ]*gcov-tool[^ ]* reads - GNU")
endfunction()
