# The presets README.md tells users to add: cmake --workflow --preset pgo.
function(case_check)
  file(COPY "${PGO_ROOT}/README.md" DESTINATION "${WORK_DIR}")
  file(READ "${PGO_ROOT}/README.md" readme)
  # The README's CMakePresets.json block is the one the project gets.
  string(REGEX MATCH "<!-- presets -->\n```json\n([^`]*)```" block "${readme}")
  if(NOT CMAKE_MATCH_1)
    fail("README.md has no CMakePresets.json block after <!-- presets -->")
    return()
  endif()
  file(WRITE "${source}/CMakePresets.json" "${CMAKE_MATCH_1}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "CC=${CC}" "PGO_ROOT=${PGO_ROOT}"
      "${CMAKE_COMMAND}" --workflow --preset pgo
    WORKING_DIRECTORY "${source}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  expect_match("cmake --workflow --preset pgo" "${rc}" "^0$")
  expect_match("cmake --workflow --preset pgo" "${out}" "train: \\[1/1\\] app-train: passed.*profile data +[1-9][0-9]* functions.*100% tests passed")
endfunction()
