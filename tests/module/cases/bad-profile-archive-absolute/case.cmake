# A profile archive from elsewhere whose first bad member is an absolute path
# under /tmp: refused before anything is written.
include("${CMAKE_CURRENT_LIST_DIR}/../../HostileArchive.cmake")
hostile_archive("f:${outside}/x" f:../../../../beside/x)
set(CASE_STDERR "PGO_PROFILE is '[^']*/hostile\\.tar\\.gz', which the toolkit does not unpack: pgo-helper: unpack: '[^']*/hostile\\.tar\\.gz': member ${first_bad}, '/tmp/pgo-case-[0-9a-f]+/x', has an absolute path, which would be written outside the folder; nothing was unpacked")
function(case_check)
  expect_nothing_written()
endfunction()
