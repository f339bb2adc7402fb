# A Clang without its profile runtime (Debian's libclang-rt-<N>-dev not installed):
# the configure stops, naming the compiler, the missing file and the fix, instead
# of the instrumented tree's linker.  The compiler gets a resource directory that
# lacks libclang_rt.profile: a copy of its own, made of links, less that file.
# Then the runtime is "installed" (its link put back): the failure was not cached,
# so the next configure passes; and that success is cached, so a third one does
# not check again.
execute_process(COMMAND "${CC}" -print-resource-dir OUTPUT_VARIABLE real OUTPUT_STRIP_TRAILING_WHITESPACE)
set(resource "${WORK_DIR}/resource")
file(MAKE_DIRECTORY "${resource}")
file(CREATE_LINK "${real}/include" "${resource}/include" SYMBOLIC)
file(GLOB_RECURSE libs RELATIVE "${real}/lib" "${real}/lib/*")
set(runtime "")
foreach(f IN LISTS libs)
  get_filename_component(sub "${resource}/lib/${f}" DIRECTORY)
  file(MAKE_DIRECTORY "${sub}")
  if(f MATCHES "libclang_rt\\.profile[^/]*\\.a$")
    list(APPEND runtime "${f}")
  else()
    file(CREATE_LINK "${real}/lib/${f}" "${resource}/lib/${f}" SYMBOLIC)
  endif()
endforeach()
if(NOT runtime)
  message(FATAL_ERROR "${CC} has no libclang_rt.profile under ${real}/lib: install its libclang-rt-N-dev")
endif()
execute_process(COMMAND "${CC}" --version OUTPUT_VARIABLE version)
string(REGEX MATCH "version ([0-9]+)" version "${version}")
set(major "${CMAKE_MATCH_1}")

set(CASE_ARGS -DPGO=ON "-DCMAKE_C_FLAGS=-resource-dir=${resource}")
set(CASE_RESULT 1)
string(JOIN "" CASE_STDERR
  "PGO: the C compiler Clang ${major}[.0-9]* \\([^)]*\\) cannot build working instrumented programs\\. "
  "Compiling and linking a test program with Clang's profile instrumentation failed \\([0-9]+\\): "
  ".*cannot find [^ ]*/resource/lib/[^ ]*libclang_rt\\.profile[^ ]*\\.a.* "
  "Clang's profile runtime \\(libclang_rt\\.profile\\) is not installed: install the Debian package "
  "libclang-rt-${major}-dev \\(clang-${major} does not depend on it\\), or configure with -DPGO=OFF, "
  "or choose another compiler in a new build directory \\(-DCMAKE_C_COMPILER=\\.\\.\\.\\)\\.")

function(case_check)
  foreach(f IN LISTS runtime)
    file(CREATE_LINK "${real}/lib/${f}" "${resource}/lib/${f}" SYMBOLIC)
  endforeach()
  run_configure(text rc)
  if(NOT rc EQUAL 0)
    fail("with the runtime back, the configure still fails (a cached failure?):\n${text}")
  endif()
  expect_match("the configure with the runtime" "${text}"
    "PGO: instrumented C programs build, run and write a profile that [^ ]*llvm-profdata[^ ]* reads")
  run_configure(text rc)
  if(NOT rc EQUAL 0 OR text MATCHES "instrumented C programs build")
    fail("a second configure checked again, or failed (${rc}):\n${text}")
  endif()
  # A new flag is another key: checked again.
  run_configure(text rc "-DCMAKE_C_FLAGS=-resource-dir=${resource} -DPGO_CHECK_KEY=1")
  expect_match("the configure with other flags" "${text}" "instrumented C programs build")
endfunction()
