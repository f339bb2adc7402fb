# A profile archive from elsewhere with a symbolic link to a folder beside the
# build tree, then a file through that link: refused at the link, before
# anything is written.
include("${CMAKE_CURRENT_LIST_DIR}/../../HostileArchive.cmake")
file(MAKE_DIRECTORY "${WORK_DIR}/beside")
hostile_archive("l:lnk=${WORK_DIR}/beside" f:lnk/x)
set(CASE_STDERR "PGO_PROFILE is '[^']*/hostile\\.tar\\.gz', which the toolkit does not unpack: pgo-helper: unpack: '[^']*/hostile\\.tar\\.gz': member ${first_bad}, 'lnk', is a symbolic link \\(only files and folders are unpacked\\); nothing was unpacked")
function(case_check)
  expect_nothing_written()
endfunction()
