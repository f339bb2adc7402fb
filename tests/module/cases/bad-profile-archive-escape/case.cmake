# A profile archive from elsewhere whose members aim out of the build tree:
# one at a folder beside the build tree ('../' components) and one at an
# absolute path under /tmp. The configure stops, naming the archive and its
# first bad member, and nothing is written anywhere: not there, not in the
# build tree.
include("${CMAKE_CURRENT_LIST_DIR}/../../HostileArchive.cmake")
hostile_archive(f:../../../../beside/x "f:${outside}/x")
set(CASE_STDERR "PGO_PROFILE is '[^']*/hostile\\.tar\\.gz', which the toolkit does not unpack: pgo-helper: unpack: '[^']*/hostile\\.tar\\.gz': member ${first_bad}, '\\.\\./\\.\\./\\.\\./\\.\\./beside/x', has a '\\.\\.' component, which would lead outside the folder; nothing was unpacked\\. Give an archive that the pgo-archive target wrote")
function(case_check)
  expect_nothing_written()
endfunction()
