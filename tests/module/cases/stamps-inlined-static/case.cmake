# What an object's compile reads includes the records of the static functions that were
# instrumented and then inlined away (scan.c's step()): its object defines no such function,
# but its counters stay (__profc_*). An edit of main.c that makes step() loop longer moves
# step()'s counts and not those of its callers, scan_a() and scan_b(); with the summary kept
# (PGO_SUMMARY_TOLERANCE), only that record tells scan.c's stamp that its compile reads
# other data, and scan.c.o must compile again.
set(CASE_ARGS -DPGO=ON -DPGO_SUMMARY_TOLERANCE=50)
set(CASE_BUILD ON)

function(case_check)
  # The premise: step() has counters of its own and no symbol in the instrumented object.
  file(GLOB_RECURSE scan_o "${BUILD_DIR}/_pgo/instrumented/CMakeFiles/*/scan.c.o")
  get_filename_component(bin "${CC}" DIRECTORY)
  string(REGEX REPLACE ".*clang-([0-9]+)$" "\\1" version "${CC}")
  find_program(NM NAMES llvm-nm-${version} llvm-nm HINTS "${bin}" "/usr/lib/llvm-${version}/bin")
  execute_process(COMMAND "${NM}" "${scan_o}" OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
  expect_match("llvm-nm of the instrumented scan.c.o" "${rc}" "^0$")
  expect_match("the instrumented scan.c.o" "${symbols}" "__profc_[^\n]*step\n")
  if(symbols MATCHES " [Tt] step\n")
    fail("this Clang kept step() as a function of its own; the case needs it inlined away:\n${symbols}")
  endif()

  edit_source(main.c "atoi(argv[1]) : 10;\n" "atoi(argv[1]) : 10;\n    n += n / 10;\n")
  string(TIMESTAMP t "%s")
  run_build(text rc)
  expect_match("build after the edit of main.c" "${rc}" "^0$")
  expect_match("build after the edit of main.c" "${text}"
    "every object reads the earlier training's summary")
  objects_built_since(built "${t}")
  if(NOT built STREQUAL "main.c.o;scan.c.o")
    fail("after step() ran longer, the objects compiled again are '${built}', not main.c.o and scan.c.o:\n${text}")
  endif()
endfunction()
