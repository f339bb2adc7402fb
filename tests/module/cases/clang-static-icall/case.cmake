# The names Clang gives static functions in the profile cost nothing: a program whose
# sources lie outside its source folder, with indirect calls to static functions, built with
# LTO (the default), runs the same instructions (within 0.2%, the median of 3 trainings each)
# as an expert's build of it: CMake's IPO with -fprofile-generate / -fprofile-use and nothing
# else. A name mapping on the compiles only (-static-func-strip-dirname-prefix) broke ThinLTO's
# promotion of those calls: 2-11% more instructions.
find_program(valgrind valgrind)
find_program(profdata NAMES llvm-profdata-${CC_MAJOR} NO_CACHE)
if(NOT valgrind OR NOT profdata)
  case_needs("valgrind and llvm-profdata-${CC_MAJOR}")
endif()
file(COPY "${CASE_DIR}/vendor" DESTINATION "${WORK_DIR}")
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "profile data +[1-9][0-9]* functions")

function(instructions out program)
  execute_process(COMMAND "${valgrind}" --tool=cachegrind --cache-sim=no
      --cachegrind-out-file=/dev/null "${program}" 1000000
    OUTPUT_QUIET ERROR_VARIABLE text RESULT_VARIABLE rc)
  string(REGEX MATCH "I +refs: +([0-9,]+)" m "${text}")
  string(REPLACE "," "" n "${CMAKE_MATCH_1}")
  if(NOT rc EQUAL 0 OR n STREQUAL "")
    fail("valgrind could not count ${program}:\n${text}")
  endif()
  set(${out} ${n} PARENT_SCOPE)
endfunction()

function(median out)
  list(SORT ARGN COMPARE NATURAL)
  list(GET ARGN 1 m)
  set(${out} ${m} PARENT_SCOPE)
endfunction()

# Builds the tree DIR of the project with ARGN, and fails the case if it does not build.
function(expert_tree dir)
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${dir}" -G Ninja
      "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}" -DCMAKE_BUILD_TYPE=Release
      -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON ${ARGN}
    OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  if(rc EQUAL 0)
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${dir}"
      OUTPUT_VARIABLE text ERROR_VARIABLE text RESULT_VARIABLE rc)
  endif()
  if(NOT rc EQUAL 0)
    fail("the expert's tree ${dir} did not build:\n${text}")
  endif()
endfunction()

function(case_check)
  # The toolkit, trained three times.
  set(toolkit "")
  foreach(round 1 2 3)
    if(round GREATER 1)
      run_build(text rc --target pgo-clean)
      run_build(text rc)
      if(NOT rc EQUAL 0)
        fail("training ${round} of the toolkit's tree failed:\n${text}")
      endif()
    endif()
    instructions(n "${BUILD_DIR}/icall")
    list(APPEND toolkit ${n})
  endforeach()

  # The expert, by hand, three times.
  set(raw "${WORK_DIR}/expert-raw")
  expert_tree("${WORK_DIR}/expert-instrumented" "-DCMAKE_C_FLAGS=-fprofile-generate=${raw}"
    "-DCMAKE_EXE_LINKER_FLAGS=-fprofile-generate=${raw}")
  set(expert "")
  foreach(round 1 2 3)
    file(REMOVE_RECURSE "${raw}")
    execute_process(COMMAND "${WORK_DIR}/expert-instrumented/icall" 300000 OUTPUT_QUIET
      RESULT_VARIABLE rc)
    file(GLOB profiles "${raw}/*.profraw")
    execute_process(COMMAND "${profdata}" merge -o "${WORK_DIR}/expert-${round}.profdata"
      ${profiles} RESULT_VARIABLE rc2)
    if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT profiles)
      fail("the expert's training ${round} failed")
    endif()
    expert_tree("${WORK_DIR}/expert-${round}"
      "-DCMAKE_C_FLAGS=-fprofile-use=${WORK_DIR}/expert-${round}.profdata"
      "-DCMAKE_EXE_LINKER_FLAGS=-fprofile-use=${WORK_DIR}/expert-${round}.profdata")
    instructions(n "${WORK_DIR}/expert-${round}/icall")
    list(APPEND expert ${n})
  endforeach()

  median(t ${toolkit})
  median(e ${expert})
  math(EXPR diff "${t} - ${e}")
  string(REPLACE "-" "" diff "${diff}")
  math(EXPR allowed "${e} / 500")
  message(STATUS "icall 1000000: toolkit ${t} instructions (${toolkit}), expert ${e} (${expert})")
  if(diff GREATER allowed)
    fail("the toolkit's build runs ${t} instructions, the expert's ${e}: more than 0.2% apart "
      "(trainings: toolkit ${toolkit}, expert ${expert})")
  endif()
endfunction()
