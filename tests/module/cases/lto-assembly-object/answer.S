/* An assembly file that the project compiles through the C compiler, as zstd does
 * with its huf_decompress_amd64.S: an ELF object among the LTO ones. */
#if defined(__x86_64__) && defined(__ELF__)
    .text
    .globl pgo_case_answer
    .type pgo_case_answer, @function
pgo_case_answer:
    movl $42, %eax
    ret
    .size pgo_case_answer, .-pgo_case_answer
    .section .note.GNU-stack,"",@progbits
#endif
