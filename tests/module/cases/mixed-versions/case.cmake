# C from one Clang and C++ from another of another major version, both compiled: no one
# llvm-profdata merges their raw profiles, and neither compiler reads the other's.
execute_process(COMMAND "${CC}" -dumpversion OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX MATCH "^[0-9]+" major "${version}")
set(other "")
foreach(v 22 21 19 14)
  find_program(cxx_${v} clang++-${v} NO_CACHE)
  if(NOT v STREQUAL major AND cxx_${v})
    set(other "${cxx_${v}}")
    set(other_major ${v})
    break()
  endif()
endforeach()
if(NOT other)
  case_needs("a clang++ of another major version than ${CC}")
endif()
set(CASE_ARGS -DPGO=ON "-DCMAKE_CXX_COMPILER=${other}")
set(CASE_RESULT 1)
string(JOIN "" CASE_STDERR
  "PGO needs the C and C\\+\\+ compilers of one major version, but C is Clang ${major}[.0-9]* "
  "and C\\+\\+ is Clang ${other_major}[.0-9]*: no one profile tool merges and no one compiler "
  "reads both profiles\\. Pick CC and CXX of one version\\.")
