# Ninja Multi-Config: the configuration PGO beside Debug, Release and
# RelWithDebInfo does the whole pipeline; the others build as without the
# module, and a new profile recompiles the PGO objects only.
set(CASE_GENERATOR "Ninja Multi-Config")
set(CASE_ARGS -DPGO=ON)
set(CASE_STDOUT "PGO: Ninja Multi-Config: the configuration PGO is the optimized build")

# The compile lines of SOURCE in configuration CONFIG (compile_commands.json
# holds one entry per source and configuration).
function(config_compile_line out source config)
  file(READ "${BUILD_DIR}/compile_commands.json" json)
  string(JSON n LENGTH "${json}")
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON file GET "${json}" ${i} file)
    string(JSON cmd GET "${json}" ${i} command)
    if(file MATCHES "/${source}$" AND cmd MATCHES "CMAKE_INTDIR=[^ ]*\"${config}\\\\\"")
      set(${out} "${cmd}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  fail("no compile line for ${source} in ${config} in ${BUILD_DIR}/compile_commands.json")
endfunction()

# Builds CONFIG and expects that it did nothing of PGO's (and, with
# NOTHING, nothing at all).
function(expect_plain_build config)
  run_build(text rc --config ${config} --verbose)
  expect_match("build --config ${config}" "${rc}" "^0$")
  if(text MATCHES "PGO|pgo-helper|train: |-fprofile|profile-id|_pgo/stamps")
    fail("build --config ${config} did PGO's work:\n${text}")
  endif()
  if(ARGN STREQUAL "NOTHING" AND NOT text MATCHES "ninja: no work to do")
    fail("build --config ${config} with nothing changed did work:\n${text}")
  endif()
endfunction()

function(case_check)
  file(STRINGS "${BUILD_DIR}/CMakeCache.txt" types REGEX "^CMAKE_CONFIGURATION_TYPES:")
  string(REGEX REPLACE "[\\;]+" "," types "${types}")
  expect_match("CMAKE_CONFIGURATION_TYPES" "${types}" "=Debug,Release,RelWithDebInfo,PGO$")
  file(STRINGS "${BUILD_DIR}/CMakeCache.txt" release REGEX "^CMAKE_C_FLAGS_RELEASE:")
  file(STRINGS "${BUILD_DIR}/CMakeCache.txt" pgo REGEX "^CMAKE_C_FLAGS_PGO:")
  string(REGEX REPLACE "^[^=]*=" "" release "${release}")
  expect_match("CMAKE_C_FLAGS_PGO" "${pgo}" "=${release}$")

  # Debug first: nothing of PGO's, not even the instrumented tree.
  expect_plain_build(Debug)
  if(EXISTS "${BUILD_DIR}/_pgo/instrumented")
    fail("build --config Debug configured the instrumented tree")
  endif()

  run_build(text rc --config PGO)
  expect_match("build --config PGO" "${rc}" "^0$")
  expect_match("build --config PGO" "${text}" "PGO \\[1/3\\].*PGO \\[2/3\\].*train: \\[1/1\\] app-train: passed.*PGO \\[3/3\\].*profile data +[1-9][0-9]* functions, [1-9][0-9]* ran during training")
  config_compile_line(cmd work.c PGO)
  # Each PGO object force-includes its source's stamp (Stamps.cmake).
  expect_match("PGO compile line of work.c" "${cmd}" "-fprofile-use=.*-include[^ ]*/_pgo/stamps/work\\.c-[0-9a-f]+\\.h")
  foreach(config IN ITEMS Debug Release RelWithDebInfo)
    config_compile_line(cmd work.c ${config})
    if(cmd MATCHES "fprofile|profile-id|_pgo/stamps|pgo-helper")
      fail("${config} compile line of work.c has PGO's flags:\n  ${cmd}")
    endif()
  endforeach()
  if(CC MATCHES "gcc")
    file(GLOB gcda "${BUILD_DIR}/_pgo/gcda/profile/*.gcda")
    expect_match("merged GCC profile" "${gcda}" "CMakeFiles#work\\.dir#PGO#work\\.c\\.gcda")
  else()
    expect_file("${BUILD_DIR}/_pgo/profile.profdata")
  endif()

  # The other configurations: as without the module, and untouched by the profile.
  expect_plain_build(Release)
  expect_plain_build(Debug NOTHING)

  # Nothing changed: no training, no compile.
  run_build(text rc --config PGO)
  expect_match("second build --config PGO" "${rc}" "^0$")
  if(text MATCHES "Building C object|train: \\[|merge: profile")
    fail("a second build --config PGO with nothing changed did work:\n${text}")
  endif()

  # Tests and install take the PGO configuration's files.
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${BUILD_DIR}" -C PGO -R app-runs -V
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("ctest -C PGO" "${rc}" "^0$")
  expect_match("ctest -C PGO" "${out}" "PGO/app")
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --config PGO
      --prefix "${WORK_DIR}/prefix"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("cmake --install --config PGO" "${rc}" "^0$")
  file(SHA256 "${BUILD_DIR}/PGO/app" built)
  file(SHA256 "${WORK_DIR}/prefix/bin/app" installed)
  expect_match("installed app" "${installed}" "^${built}$")

  # The PGO targets say what they are for in the other configurations.
  foreach(target IN ITEMS pgo-summary pgo-report pgo-archive)
    run_build(text rc --config Release --target ${target})
    expect_match("${target} --config Release" "${rc}" "^0$")
    expect_match("${target} --config Release" "${text}" "PGO: ${target} is for the PGO configuration \\(--config PGO\\), nothing to do for Release")
  endforeach()
  run_build(text rc --config PGO --target pgo-report)
  expect_match("pgo-report --config PGO" "${rc}" "^0$")
  expect_match("pgo-report --config PGO" "${text}" "functions")

  # Other training gives another profile, which recompiles the PGO objects
  # (also those whose source did not change), and nothing else.
  run_configure(text rc -DCASE_TRAIN_N=700000)
  expect_match("configure with other training" "${rc}" "^0$")
  run_build(text rc --config PGO)
  expect_match("build after changing the training" "${rc}" "^0$")
  expect_match("build after changing the training" "${text}" "merge: profile updated.*PGO \\[3/3\\]")
  string(REGEX REPLACE ".*merge: profile updated" "" after "${text}")
  expect_match("PGO compiles after the new profile" "${after}" "Building C object CMakeFiles/app\\.dir/PGO/main\\.c\\.o")
  expect_match("PGO compiles after the new profile" "${after}" "Building C object CMakeFiles/work\\.dir/PGO/work\\.c\\.o")
  expect_plain_build(Debug NOTHING)
  expect_plain_build(Release NOTHING)
endfunction()
