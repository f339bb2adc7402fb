# llvm-bolt failing on one function, as llvm-bolt 19 fails on a computed-goto loop
# ("unable to get new address corresponding to input address ... in function run"):
# the helper names the function, skips it, and bolts the rest.  The llvm-bolt is a
# stand-in that says llvm-bolt 19's words until run/1 is skipped, then runs a real
# llvm-bolt, so the case does not hang on what one version happens to do.  It sits
# in a prefix of its own beside the real instrumentation runtime, where the module
# looks for it.
set(real "")
foreach(v 22 21 20 19)
  if(EXISTS "/usr/lib/llvm-${v}/bin/llvm-bolt" AND EXISTS "/usr/lib/llvm-${v}/bin/merge-fdata")
    set(real "/usr/lib/llvm-${v}")
    break()
  endif()
endforeach()
if(NOT real)
  message(FATAL_ERROR "this case needs a real llvm-bolt: install Debian's bolt-22 or bolt-19")
endif()
set(prefix "${WORK_DIR}/bolt-19-like")
file(MAKE_DIRECTORY "${prefix}/bin" "${prefix}/lib")
file(CREATE_LINK "${real}/lib/libbolt_rt_instr.a" "${prefix}/lib/libbolt_rt_instr.a" SYMBOLIC)
file(WRITE "${prefix}/bin/llvm-bolt"
  "#!/bin/sh\n"
  "for a; do case $a in --skip-funcs=*run/1*) exec '${real}/bin/llvm-bolt' \"$@\" ;; esac; done\n"
  "case $1 in --version) exec '${real}/bin/llvm-bolt' --version ;; esac\n"
  "echo 'BOLT-INFO: Target architecture: x86_64'\n"
  "echo 'BOLT-ERROR: unable to get new address corresponding to input address 0x1234 in function run/1(*2). Consider adding this function to --skip-funcs' >&2\n"
  "exit 1\n")
file(CHMOD "${prefix}/bin/llvm-bolt" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(CASE_ARGS -DPGO=ON -DPGO_BOLT=ON "-DPGO_LLVM_BOLT=${prefix}/bin/llvm-bolt"
  "-DPGO_MERGE_FDATA=${real}/bin/merge-fdata" "-DCMAKE_C_FLAGS=-Wno-pedantic")
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "bolt: vm: llvm-bolt fails on function run/1; trying again without it.*bolt: vm: bolted; .*skipped run")
function(case_check)
  execute_process(COMMAND "${BUILD_DIR}/vm" 1000 RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  expect_match("the bolted program" "${rc}:${out}" "^0:[0-9]+\n$")
  file(READ "${BUILD_DIR}/_pgo/bolt/report.txt" report)
  expect_match("BOLT report" "${report}" "^vm\tbolted; .*skipped run")
endfunction()
