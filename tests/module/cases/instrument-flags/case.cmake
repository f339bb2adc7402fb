set(CASE_ARGS -DPGO=INSTRUMENT)
function(case_check)
  expect_flag(work.c "-fprofile-generate=[^ ]*/build/_pgo/manual")
  expect_flag(main.c "-fprofile-generate=[^ ]*/build/_pgo/manual")
  expect_no_flag(tool.c "-fprofile")
  if(CC MATCHES "gcc")
    # Both trees must strip their own prefix for the .gcda names to agree.
    expect_flag(work.c "-fprofile-prefix-path=[^ ]*/build( |$)")
  endif()
  # The excluded tool still links the profiling runtime.
  file(READ "${BUILD_DIR}/build.ninja" ninja)
  expect_match("link of tool in build.ninja" "${ninja}" "build tool:[^\n]*\n([^\n]+\n)*  LINK_FLAGS = [^\n]*-fprofile-generate")
endfunction()
