# SPDX-License-Identifier: MIT
# The two programs of the cases on choosing the training, included by their
# CMakeLists.txt after include(PGO): a runs parse(), b runs sum(), from the
# sources of the case training-reuse (which these cases do not edit).
set(src "${PGO_ROOT}/tests/module/cases/training-reuse")
add_library(parse STATIC "${src}/parse.c")
add_library(sum STATIC "${src}/sum.c")
add_executable(a "${src}/a.c")
target_link_libraries(a PRIVATE parse)
add_executable(b "${src}/b.c")
target_link_libraries(b PRIVATE sum)
enable_testing()
