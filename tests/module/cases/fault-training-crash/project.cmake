include("${CASE_DIR}/../fault-training-kill/project.cmake")
