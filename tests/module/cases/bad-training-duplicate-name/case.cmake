# Two trainings of one name: CMake's own message.
set(CASE_RESULT 1)
set(CASE_STDERR "add_test given test NAME \"twice\" which already exists in this directory\\.")
