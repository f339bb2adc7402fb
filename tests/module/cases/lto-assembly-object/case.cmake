# LTO objects beside an ELF one (assembly compiled through the C compiler, as zstd's
# huf_decompress_amd64.S is): the placement comes from the link maps, and the ELF
# object, in which no function can be placed, does not fail the summary.
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)
set(CASE_BUILD_OUTPUT "objects +3 compiled with the profile, .*2 LTO .*placement +[0-9]+ of [1-9][0-9]* functions of 1 linked file placed by the profile: .*\\(LTO: read from the link maps\\)")
set(CASE_BUILD_NOT "no function was placed")
function(case_check)
  expect_flag(answer.S "-flto")
endfunction()
