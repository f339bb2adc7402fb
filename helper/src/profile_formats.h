/* SPDX-License-Identifier: MIT */
/* Pure parsers of profile files: LLVM raw headers, LLVM text profiles, GCC .gcda files. */
#ifndef PGO_HELPER_PROFILE_FORMATS_H
#define PGO_HELPER_PROFILE_FORMATS_H

#include <stddef.h>
#include <stdint.h>

#define LLVM_RAW_MAGIC UINT64_C(0xff6c70726f667281)

/* Reads the format version from the header of a raw LLVM profile (.profraw): 8 bytes of
 * magic, then a version word whose low 32 bits are the version. Returns 0, or -1 if the data
 * is too short or the magic is wrong. */
int llvm_raw_version(const unsigned char *data, size_t n, uint32_t *version);

/* The raw profile version that llvm-profdata of LLVM major release `major` reads (it reads
 * that version only), or 0 if unknown. */
uint32_t llvm_tool_raw_version(int major);

#define LLVM_INDEXED_MAGIC UINT64_C(0x8169666f72706cff)
/* The size of the header every indexed profile version has: magic, version, an unused word,
 * the hash type and the offset of the hash table (later versions add more offsets). */
#define LLVM_INDEXED_HEADER 40

/* Checks the header of an indexed LLVM profile (.profdata, what llvm-profdata merge writes,
 * always little-endian): the magic, a format version (the word after it, without the variant
 * flags of its top byte), and a hash table that starts after the header and inside the data.
 * Returns 0 with the version, or -1 with a static reason in why. */
int llvm_indexed_version(const unsigned char *data, size_t n, uint64_t *version, const char **why);

/* The indexed profile version that llvm-profdata of LLVM major release `major` writes, the
 * newest that release's compiler reads; 0 if unknown. */
uint32_t llvm_tool_indexed_version(int major);

/* Finds the summary of an indexed profile (not a context-sensitive one): sets *fields to the
 * offset of its six fields, the first two of which are the totals of functions and of blocks
 * (counters). Returns 0, or -1 if it was not found. */
int llvm_indexed_summary(const unsigned char *data, size_t n, size_t *fields);

/* Finds "LLVM version X.Y.Z" in a tool's --version output: returns X, or -1. */
int llvm_version_major(const char *text);

struct profile_stats {
    unsigned long functions; /* functions in the profile */
    unsigned long ran;       /* of those, functions with a non-zero counter */
    unsigned long cs;        /* context-sensitive records (CSPGO), not counted above */
};

/* Clang marks the hash of a context-sensitive record with this bit (CSHashMask). */
#define LLVM_CS_HASH_BIT (UINT64_C(1) << 60)

/* A function record of the output of `llvm-profdata merge --text`, as llvm_text_records
 * reads it. Its pointers are valid during the call that hands it over. */
struct llvm_text_record {
    const char *name; /* into the text: name_len bytes, no NUL */
    size_t name_len;
    uint64_t hash;
    int cs;                 /* a context-sensitive record (CSPGO): its hash has LLVM_CS_HASH_BIT */
    const uint64_t *counts; /* its counter values */
    size_t ncounts;
};

/* Calls visit(record, ctx) for each whole function record of the output of `llvm-profdata merge
 * --text` (n bytes, not necessarily NUL-terminated), in order. Headers, comments, unknown lines
 * and sections are skipped; a record cut short is left out. */
void llvm_text_records(const char *text, size_t n,
                       void (*visit)(const struct llvm_text_record *record, void *ctx), void *ctx);

/* Counts functions in the output of `llvm-profdata merge --text` (adds to st). */
void llvm_text_profile_count(const char *text, size_t n, struct profile_stats *st);

/* A 32-bit word of a .gcda file at P, written in the writer's byte order: SWAP when that is
 * not this machine's (the file's magic reads "adcg"). */
uint32_t gcda_word(const unsigned char *p, int swap);

/* A function record of a GCC .gcda file: GCC knows it only by numbers (report_gcc.c names
 * it), with the sum and the largest of its arc counters. */
struct gcda_function {
    uint32_t ident, lineno_checksum, cfg_checksum;
    uint64_t total, max;
    int ran;
    char *name;     /* owned; NULL until named */
    uint64_t *arcs; /* owned; its arc counters, in the file's order */
    size_t narcs;
};
/* The hash of what a compile reads of a .gcda file (n bytes): its records, without the header's
 * stamp and checksum (the instrumented compile's, unread), and with each IOR counter (the OR of
 * a string operation's pointers, which moves with the addresses of every run) reduced to its
 * lowest set bit, the alignment GCC takes from it. Data that is no .gcda file is hashed whole. */
uint64_t gcda_compile_hash(const unsigned char *data, size_t n);

/* Reads the function records of a .gcda file; *fns is owned by the caller
 * (gcda_functions_release). Returns 0, or -1 with a static reason in why. */
int gcda_functions(const unsigned char *data, size_t n, struct gcda_function **fns, size_t *count,
                   const char **why);
void gcda_functions_release(struct gcda_function *fns, size_t count);

/* Counts functions of a GCC .gcda file (adds to st). Returns 0, or -1 with a reason in
 * why (a static string) if the data is not a .gcda file or is truncated. */
int gcda_count(const unsigned char *data, size_t n, struct profile_stats *st, const char **why);

/* The name of the .gcda file GCC gives an object compiled with -fprofile-prefix-path=build_dir:
 * the object's path relative to build_dir, '/' turned into '#', the .o/.obj suffix replaced
 * by .gcda. Both paths must be absolute and normalized. Returns a new string, or NULL if the
 * object is not below build_dir. */
char *gcda_name_for_object(const char *build_dir, const char *object);

#endif
