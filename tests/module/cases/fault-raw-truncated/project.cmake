include("${CASE_DIR}/../fault-raw-garbage/project.cmake")
