# An older profile given with PGO_PROFILE after a function changed: the build
# says how much of today's code it still matches, per target, and fails above
# PGO_STALE_THRESHOLD; a sidecar naming another compiler gives a warning.
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
function(case_check)
  set(old "${WORK_DIR}/old")
  file(MAKE_DIRECTORY "${old}")
  if(CC MATCHES "gcc")
    file(REAL_PATH "${BUILD_DIR}/_pgo/gcda/profile" dir)
    file(COPY "${dir}/" DESTINATION "${old}/profile")
    set(profile "${old}/profile")
    set(meta "${profile}/profile.meta")
  else()
    file(COPY "${BUILD_DIR}/_pgo/profile.profdata" "${BUILD_DIR}/_pgo/profile.profdata.meta"
      DESTINATION "${old}")
    set(profile "${old}/profile.profdata")
    set(meta "${profile}.meta")
  endif()

  # work() gets another branch: its profile is out of date; brand_new() is new.
  file(READ "${source}/work.c" text)
  string(REPLACE "s -= i;" "{ if (i & 4) s -= i; else s += 2; }" text "${text}")
  if(NOT text MATCHES "s \\+= 2")
    fail("work.c has no 's -= i;' to change:\n${text}")
  endif()
  string(APPEND text "int brand_new(int x) { if (x > 5) return x * 3; return x; }\n")
  file(WRITE "${source}/work.c" "${text}")

  set(BUILD_DIR "${WORK_DIR}/given")
  run_configure(text rc -G Ninja "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}"
    -DCMAKE_BUILD_TYPE=Release -DPGO=ON "-DPGO_PROFILE=${profile}" ${helper_arg})
  expect_match("configure with the old profile" "${rc}" "^0$")
  run_build(text rc)
  expect_match("build with the old profile" "${rc}" "^0$")
  expect_match("build with the old profile" "${text}"
    "pgo-helper: report: [0-9]+ of [0-9]+ functions compiled match the profile \\([0-9]+%\\): 1 out of date, [0-9]+ without profile data\n  made +[0-9-]+T[^\n]*\n  target app +1 function , +0 out of date \\(0%\\), +0 without profile data\n  target work +[0-9]+ functions, +1 out of date \\([0-9]+%\\), +1 without profile data\n")
  if(text MATCHES "another compiler")
    fail("the same compiler is called another:\n${text}")
  endif()

  # Above the threshold the build fails, and says what to do.
  run_configure(text rc -DPGO_STALE_THRESHOLD=10)
  run_build(text rc)
  expect_match("build above the threshold" "${rc}" "^[1-9]")
  expect_match("build above the threshold" "${text}"
    "pgo-helper: report: [0-9.]+% of the functions compiled are out of date \\(1 of [0-9]+\\), above PGO_STALE_THRESHOLD 10: retrain the profile \\(clear PGO_PROFILE\\), or raise the threshold")
  run_configure(text rc -DPGO_STALE_THRESHOLD=90)
  run_build(text rc)
  expect_match("build below the threshold" "${rc}" "^0$")

  # A sidecar naming another compiler.  Written a second after the last build,
  # so that its time stamp is newer than the summary's: the file system's clock
  # moves in ticks of milliseconds, and an equal time is up to date for Ninja.
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1)
  file(READ "${meta}" text)
  string(REGEX REPLACE "compiler_version=[^\n]*" "compiler_version=Imaginary cc 1.0" text "${text}")
  file(WRITE "${meta}" "${text}")
  run_build(text rc)
  expect_match("build with another compiler's profile" "${text}"
    "pgo-helper: report: the profile was made by another compiler: 'Imaginary cc 1\\.0', but this build uses '[^']+' \\([^)]+\\); retrain with this compiler")
endfunction()
