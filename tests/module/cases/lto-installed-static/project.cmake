# The shared project's library, installed as a user's project installs it.
install(TARGETS work ARCHIVE DESTINATION lib)
# A semicolon and an empty argument reach CMake's install() as they were given.
install(CODE "set(_pgo_case_list \"a;b\")
  file(WRITE \"\${CMAKE_INSTALL_PREFIX}/list.txt\" \"\${_pgo_case_list}\")" "")
pgo_add_training(app-train COMMAND app 3000000)
