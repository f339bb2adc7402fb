# Assembly given to the C compiler as zstd does it: LANGUAGE C under the OLD
# CMP0119 of a project older than CMake 3.20, so gcc and clang see a .S file.
cmake_policy(SET CMP0119 OLD)
add_library(asmpart OBJECT "${CASE_DIR}/answer.S")
set_source_files_properties("${CASE_DIR}/answer.S" PROPERTIES LANGUAGE C)
target_link_libraries(app PRIVATE asmpart)
pgo_add_training(app-train COMMAND app 3000000)
