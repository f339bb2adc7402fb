/* SPDX-License-Identifier: MIT */
/* Unit tests of the pure parts of pgo-helper. Usage: pgo_helper_unit CASE [ARGS...]; each
 * case is registered as its own CTest test. */
#define _POSIX_C_SOURCE 200809L
#include "bench_measure.h"
#include "bench_stats.h"
#include "bolt_log.h"
#include "ccache_names.h"
#include "check.h"
#include "ctest_list.h"
#include "diagnostics.h"
#include "elf_scan.h"
#include "fs.h"
#include "gcda_summary.h"
#include "gzip.h"
#include "link_map.h"
#include "merge_rename.h"
#include "nm_cache.h"
#include "output_cache.h"
#include "profdata_text.h"
#include "profile_formats.h"
#include "tar.h"
#include "test_profiles.h"
#include "train_targets.h"
#include "training_choice.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_ctest_list(void)
{
    static const char text[] = "Internal ctest changing into directory: /tmp/b\n"
                               "Test project /tmp/b\n"
                               "  Test  #2: t 1;x \xc3\xa9\n"
                               "  Test  #7: name with  spaces \r\n"
                               "  Test #10: ten\n"
                               "  Test  #x: not a test\n"
                               "  Test  #3 missing colon\n"
                               "Testing #4: nope\n"
                               "\n"
                               "Total Tests: 3\n"
                               "\tTest\t#12: last";
    struct ctest_list list;

    ctest_list_parse(text, strlen(text), &list);
    CHECK_EQ_UL(list.n, 4);
    if (list.n == 4) {
        CHECK_EQ_UL(list.tests[0].number, 2);
        CHECK_STR(list.tests[0].name, "t 1;x \xc3\xa9");
        CHECK_EQ_UL(list.tests[1].number, 7);
        CHECK_STR(list.tests[1].name, "name with  spaces ");
        CHECK_EQ_UL(list.tests[2].number, 10);
        CHECK_STR(list.tests[2].name, "ten");
        CHECK_EQ_UL(list.tests[3].number, 12);
        CHECK_STR(list.tests[3].name, "last");
    }
    ctest_list_release(&list);

    ctest_list_parse("Test project /x\n\nTotal Tests: 0\n", 31, &list);
    CHECK_EQ_UL(list.n, 0);
    ctest_list_release(&list);
}

static void put_u64_le(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void test_raw_header(void)
{
    unsigned char b[24];
    uint32_t v = 0;

    memset(b, 0, sizeof(b));
    put_u64_le(b, LLVM_RAW_MAGIC);
    put_u64_le(b + 8, UINT64_C(0x0100000000000008)); /* IR-level flag in the high bits */
    CHECK(llvm_raw_version(b, 16, &v) == 0);
    CHECK_EQ_UL(v, 8);
    put_u64_le(b + 8, 10);
    CHECK(llvm_raw_version(b, sizeof(b), &v) == 0);
    CHECK_EQ_UL(v, 10);
    CHECK(llvm_raw_version(b, 15, &v) < 0); /* truncated */
    CHECK(llvm_raw_version(b, 0, &v) < 0);
    b[0] ^= 1; /* wrong magic */
    CHECK(llvm_raw_version(b, 16, &v) < 0);

    /* Written on a big-endian machine: both words byte-swapped. */
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(LLVM_RAW_MAGIC >> (8 * (7 - i)));
    memset(b + 8, 0, 8);
    b[15] = 9;
    CHECK(llvm_raw_version(b, 16, &v) == 0);
    CHECK_EQ_UL(v, 9);
}

static void test_indexed_header(void)
{
    unsigned char b[64];
    uint64_t v = 0;
    const char *why = NULL;

    /* As llvm-profdata-19 writes it: version 12 with the IR flag, the hash table at 592. */
    memset(b, 0, sizeof(b));
    put_u64_le(b, LLVM_INDEXED_MAGIC);
    put_u64_le(b + 8, UINT64_C(0x010000000000000c));
    put_u64_le(b + 32, 48);
    CHECK(llvm_indexed_version(b, sizeof(b), &v, &why) == 0);
    CHECK_EQ_UL(v, 12);
    CHECK(llvm_indexed_version(b, 0, &v, &why) < 0);
    CHECK(strcmp(why, "an empty file") == 0);
    CHECK(llvm_indexed_version(b, 39, &v, &why) < 0); /* shorter than the header */
    CHECK(strcmp(why, "shorter than the header of an indexed profile") == 0);
    CHECK(llvm_indexed_version(b, 48, &v, &why) < 0); /* the hash table cut off */
    CHECK(strcmp(why, "truncated: its hash table lies outside the file") == 0);
    put_u64_le(b + 32, 8); /* inside the header */
    CHECK(llvm_indexed_version(b, sizeof(b), &v, &why) < 0);
    put_u64_le(b + 32, 48);
    put_u64_le(b + 8, UINT64_C(0x0100000000000000)); /* flags, no version */
    CHECK(llvm_indexed_version(b, sizeof(b), &v, &why) < 0);
    CHECK(strcmp(why, "format version 0") == 0);
    put_u64_le(b + 8, 7);
    put_u64_le(b, LLVM_RAW_MAGIC); /* a raw profile is no indexed one */
    CHECK(llvm_indexed_version(b, sizeof(b), &v, &why) < 0);
    CHECK(strcmp(why, "no indexed-profile magic") == 0);
    CHECK(llvm_indexed_version((const unsigned char *)"junk", 4, &v, &why) < 0);
    CHECK_EQ_UL(llvm_tool_indexed_version(14), 7);
    CHECK_EQ_UL(llvm_tool_indexed_version(19), 12);
    CHECK_EQ_UL(llvm_tool_indexed_version(22), 13);
    CHECK_EQ_UL(llvm_tool_indexed_version(13), 0);
}

static void test_indexed_summary(void)
{
    /* As llvm-profdata-19 writes it: a header of nine words, then the summary's six fields
     * and two cutoff entries. */
    unsigned char b[72 + 16 + 48 + 48];
    size_t at = 0;

    memset(b, 0, sizeof(b));
    put_u64_le(b, LLVM_INDEXED_MAGIC);
    put_u64_le(b + 8, UINT64_C(0x010000000000000c));
    put_u64_le(b + 24, 1);    /* the hash type: MD5 */
    put_u64_le(b + 32, 4000); /* offsets into the file */
    put_u64_le(b + 40, 5000);
    put_u64_le(b + 48, 6000);
    put_u64_le(b + 56, 7000);
    put_u64_le(b + 64, 8000);
    put_u64_le(b + 72, 6);
    put_u64_le(b + 80, 2);
    put_u64_le(b + 88, 132);  /* functions */
    put_u64_le(b + 96, 640);  /* blocks */
    put_u64_le(b + 104, 100); /* the largest function entry */
    put_u64_le(b + 112, 900); /* the largest block */
    put_u64_le(b + 120, 900);
    put_u64_le(b + 128, 20000); /* the total */
    put_u64_le(b + 136, 10000);
    put_u64_le(b + 160, 990000);
    /* The hash table at 4000 lies outside these bytes: llvm_indexed_version refuses them, so
     * the check below moves it inside. */
    put_u64_le(b + 32, 72);
    CHECK(llvm_indexed_summary(b, sizeof(b), &at) == 0);
    CHECK_EQ_UL(at, 88);
    put_u64_le(b + 160, 5000); /* cutoffs that do not rise */
    CHECK(llvm_indexed_summary(b, sizeof(b), &at) < 0);
    put_u64_le(b + 160, 990000);
    put_u64_le(b + 8, UINT64_C(0x030000000000000c)); /* context-sensitive: left alone */
    CHECK(llvm_indexed_summary(b, sizeof(b), &at) < 0);
    put_u64_le(b + 8, UINT64_C(0x010000000000000c));
    CHECK(llvm_indexed_summary(b, 100, &at) < 0); /* cut short */
}

static void test_llvm_versions(void)
{
    CHECK(llvm_version_major("Debian LLVM version 14.0.6\n  Optimized build.\n") == 14);
    CHECK(llvm_version_major("LLVM (http://llvm.org/):\n  LLVM version 19.1.7\n") == 19);
    CHECK(llvm_version_major("llvm-profdata: Unknown command line argument '--version'") == -1);
    CHECK(llvm_version_major("LLVM version x") == -1);
    CHECK_EQ_UL(llvm_tool_raw_version(14), 8);
    CHECK_EQ_UL(llvm_tool_raw_version(17), 9);
    CHECK_EQ_UL(llvm_tool_raw_version(19), 10);
    CHECK_EQ_UL(llvm_tool_raw_version(20), 10);
    CHECK_EQ_UL(llvm_tool_raw_version(13), 0);
    CHECK_EQ_UL(llvm_tool_raw_version(21), 0);
}

/* A record of llvm_text_records as "name hash H[ cs]: counts", added to the strvec ctx. */
static void describe_record(const struct llvm_text_record *rec, void *ctx)
{
    struct buf b;

    buf_init(&b);
    buf_addf(&b, "%.*s hash %llu%s:", (int)rec->name_len, rec->name, (unsigned long long)rec->hash,
             rec->cs ? " cs" : "");
    for (size_t i = 0; i < rec->ncounts; i++)
        buf_addf(&b, " %llu", (unsigned long long)rec->counts[i]);
    strvec_push(ctx, b.data);
    buf_release(&b);
}

static void test_llvm_text(void)
{
    /* As printed by llvm-profdata 14 and 19 (`merge --text`). */
    static const char real[] = "# IR level Instrumentation Flag\n"
                               ":ir\n"
                               "main\n"
                               "# Func Hash:\n"
                               "146835646621254984\n"
                               "# Num Counters:\n"
                               "2\n"
                               "# Counter Values:\n"
                               "10\n"
                               "1\n"
                               "\n"
                               "unused\n"
                               "# Func Hash:\n"
                               "742261418966908927\n"
                               "# Num Counters:\n"
                               "1\n"
                               "# Counter Values:\n"
                               "0\n"
                               "\n";
    /* Sections a later LLVM adds, a temporal trace block, a local name, no final newline. */
    static const char later[] = "# IR level Instrumentation Flag\n"
                                ":ir\n"
                                ":temporal_prof_traces\n"
                                "# Num Temporal Profile Traces:\n"
                                "1\n"
                                "# Temporal Profile Trace Stream Size:\n"
                                "1\n"
                                "# Weight:\n"
                                "1\n"
                                "main\n"
                                "\n"
                                "a.c;helper\n"
                                "# Func Hash:\n"
                                "1\n"
                                "# Num Counters:\n"
                                "3\n"
                                "# Counter Values:\n"
                                "0\n"
                                "0\n"
                                "18446744073709551615\n"
                                "# Num Value Kinds:\n"
                                "1\n"
                                "# ValueKind = IPVK_IndirectCallTarget:\n"
                                "0\n"
                                "# NumValueSites:\n"
                                "1\n"
                                "1\n"
                                "main:5\n"
                                "\n"
                                "never\n"
                                "# Func Hash:\n"
                                "2\n"
                                "# Num Counters:\n"
                                "2\n"
                                "# Counter Values:\n"
                                "0\n"
                                "0\n"
                                "# Num Bitmap Bytes:\n"
                                "$1\n"
                                "# Bitmap Byte Values:\n"
                                "0x0\n"
                                "\n"
                                "truncated\n"
                                "# Func Hash:\n"
                                "3\n"
                                "# Num Counters:\n"
                                "2\n"
                                "# Counter Values:\n"
                                "5";
    struct profile_stats st = {0, 0, 0};

    llvm_text_profile_count(real, strlen(real), &st);
    CHECK_EQ_UL(st.functions, 2);
    CHECK_EQ_UL(st.ran, 1);

    st = (struct profile_stats){0, 0, 0};
    llvm_text_profile_count(later, strlen(later), &st);
    CHECK_EQ_UL(st.functions, 2);
    CHECK_EQ_UL(st.ran, 1);

    st = (struct profile_stats){0, 0, 0};
    llvm_text_profile_count("", 0, &st);
    CHECK_EQ_UL(st.functions, 0);

    /* A CSPGO profile (llvm-profdata-19 merge --text): the second record of main is its
     * context-sensitive one (hash bit 60), counted apart. */
    static const char cs[] = ":csir\n"
                             "main\n# Func Hash:\n37730075420668809\n# Num Counters:\n2\n"
                             "# Counter Values:\n100000\n1\n\n"
                             "main\n# Func Hash:\n1190651579583517585\n# Num Counters:\n2\n"
                             "# Counter Values:\n99999\n1\n";
    st = (struct profile_stats){0, 0, 0};
    llvm_text_profile_count(cs, strlen(cs), &st);
    CHECK_EQ_UL(st.functions, 1);
    CHECK_EQ_UL(st.ran, 1);
    CHECK_EQ_UL(st.cs, 1);

    /* The records themselves, as pgo-helper report reads them. */
    {
        struct strvec got;

        strvec_init(&got);
        llvm_text_records(later, strlen(later), describe_record, &got);
        llvm_text_records(cs, strlen(cs), describe_record, &got);
        CHECK_EQ_UL(got.n, 4);
        if (got.n == 4) {
            CHECK_STR(got.v[0], "a.c;helper hash 1: 0 0 18446744073709551615");
            CHECK_STR(got.v[1], "never hash 2: 0 0");
            CHECK_STR(got.v[2], "main hash 37730075420668809: 100000 1");
            CHECK_STR(got.v[3], "main hash 1190651579583517585 cs: 99999 1");
        }
        strvec_release(&got);
    }

    /* Texts that end without a newline or a NUL, inside the hash and inside the values: the
     * numbers are read within their line (valgrind and ASan see a read past the end). */
    {
        static const char *const cut[] = {
            "f\n# Func Hash:\n1152921504606846976",
            "f\n# Func Hash:\n1152921504606846976\n# Num Counters:\n1\n"
            "# Counter Values:\n12345678901234567890"};
        static const char *const want[] = {NULL, "f hash 1152921504606846976 cs: "
                                                 "12345678901234567890"};

        for (size_t i = 0; i < 2; i++) {
            size_t n = strlen(cut[i]);
            char *text = xmalloc(n);
            struct strvec got;

            memcpy(text, cut[i], n);
            strvec_init(&got);
            llvm_text_records(text, n, describe_record, &got);
            CHECK_EQ_UL(got.n, want[i] ? 1 : 0);
            if (want[i] && got.n == 1)
                CHECK_STR(got.v[0], want[i]);
            strvec_release(&got);
            free(text);
        }
    }
}

/* A .gcda file written by gcov-tool-12 merge: two functions, the first ran. */
static const unsigned char real_gcda[] = {
    0x61, 0x64, 0x63, 0x67, 0x2a, 0x32, 0x32, 0x42, 0xd9, 0x3f, 0xdd, 0x02, 0x1e, 0x0c, 0xfd, 0x9f,
    0x00, 0x00, 0x00, 0xa1, 0x08, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0xcc, 0x78, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x01, 0x0c, 0x00, 0x00, 0x00, 0xeb, 0x72, 0x70, 0x06, 0xb3, 0x33, 0x31, 0x57,
    0xa3, 0xa4, 0xf8, 0xc5, 0x00, 0x00, 0xa1, 0x01, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xaf, 0x01, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x0c, 0x00, 0x00, 0x00, 0x34, 0x5b, 0xa2, 0x46,
    0xae, 0xf6, 0xc6, 0xa4, 0x3e, 0xb2, 0xbb, 0xc0, 0x00, 0x00, 0xa1, 0x01, 0xf0, 0xff, 0xff, 0xff,
    0x00, 0x00, 0xaf, 0x01, 0xf8, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
};

static void put_u32(struct buf *b, uint32_t v)
{
    buf_add(b, &v, 4); /* host order, as GCC writes */
}

static void test_gcda(void)
{
    struct profile_stats st = {0, 0, 0};
    const char *why = NULL;
    struct buf b;

    CHECK(gcda_count(real_gcda, sizeof(real_gcda), &st, &why) == 0);
    CHECK_EQ_UL(st.functions, 2);
    CHECK_EQ_UL(st.ran, 1);

    /* Crafted: a function whose only non-zero counter is in the high word, a function not
     * emitted (length 0), a function with all-zero arcs written out, an unknown tag. */
    buf_init(&b);
    put_u32(&b, 0x67636461u);
    put_u32(&b, 0x4232322a);
    put_u32(&b, 1);
    put_u32(&b, 2);
    put_u32(&b, 0x01000000u);
    put_u32(&b, 12);
    put_u32(&b, 1);
    put_u32(&b, 2);
    put_u32(&b, 3);
    put_u32(&b, 0x01a10000u);
    put_u32(&b, 16);
    put_u32(&b, 0);
    put_u32(&b, 0);
    put_u32(&b, 0);
    put_u32(&b, 1); /* high word of the second counter */
    put_u32(&b, 0x01000000u);
    put_u32(&b, 0);
    put_u32(&b, 0x01000000u);
    put_u32(&b, 12);
    put_u32(&b, 4);
    put_u32(&b, 5);
    put_u32(&b, 6);
    put_u32(&b, 0x01a10000u);
    put_u32(&b, 8);
    put_u32(&b, 0);
    put_u32(&b, 0);
    put_u32(&b, 0x01230000u);
    put_u32(&b, 4);
    put_u32(&b, 99);
    st = (struct profile_stats){0, 0, 0};
    CHECK(gcda_count((const unsigned char *)b.data, b.len, &st, &why) == 0);
    CHECK_EQ_UL(st.functions, 2);
    CHECK_EQ_UL(st.ran, 1);

    /* Truncated in the middle of a record. */
    st = (struct profile_stats){0, 0, 0};
    CHECK(gcda_count((const unsigned char *)b.data, b.len - 2, &st, &why) < 0);
    st = (struct profile_stats){0, 0, 0};
    CHECK(gcda_count((const unsigned char *)b.data, 50, &st, &why) < 0);
    CHECK(why != NULL);
    /* Not a .gcda file. */
    CHECK(gcda_count((const unsigned char *)"gcno....", 8, &st, &why) < 0);
    b.data[0] = 'x';
    CHECK(gcda_count((const unsigned char *)b.data, b.len, &st, &why) < 0);
    buf_release(&b);
}

/* Writes real_gcda to DIR/NAME with the summary RUNS, SUM_MAX. */
static void put_summary_gcda(const char *dir, const char *name, uint32_t runs, uint32_t sum_max)
{
    char *path = xasprintf("%s/%s", dir, name);
    struct gcda_summary s = {runs, sum_max};

    CHECK(mkdir_p(dir) == 0);
    CHECK(write_file(path, real_gcda, sizeof(real_gcda)) == 0);
    CHECK(gcda_summary_write(path, &s) == 0);
    free(path);
}

static void test_gcda_summary(void)
{
    char dir[] = "/tmp/pgo-unit-summary-XXXXXX";
    unsigned char swapped[sizeof(real_gcda)];
    struct gcda_summary s = {0, 0};
    struct gcda_summaries sums;
    struct strvec dirs;
    struct buf b;
    size_t patched = 9;

    CHECK(gcda_summary_read(real_gcda, sizeof(real_gcda), &s) == 0);
    CHECK_EQ_UL(s.runs, 2);
    CHECK_EQ_UL(s.sum_max, 30924);
    /* Written on a machine of the other byte order: every word swapped. */
    for (size_t i = 0; i + 4 <= sizeof(real_gcda); i += 4)
        for (size_t j = 0; j < 4; j++)
            swapped[i + j] = real_gcda[i + 3 - j];
    s = (struct gcda_summary){0, 0};
    CHECK(gcda_summary_read(swapped, sizeof(swapped), &s) == 0);
    CHECK_EQ_UL(s.sum_max, 30924);
    CHECK(gcda_summary_read(real_gcda, 20, &s) < 0); /* cut inside the summary */
    CHECK(gcda_summary_read((const unsigned char *)"gcno0000000000000000", 20, &s) < 0);

    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    {
        /* Rewritten in the other byte order: read back the same, stored swapped. */
        char *path = xasprintf("%s/swapped.gcda", dir);
        struct gcda_summary w = {7, 0x01020304u};

        CHECK(write_file(path, swapped, sizeof(swapped)) == 0);
        CHECK(gcda_summary_write(path, &w) == 0);
        buf_init(&b);
        CHECK(read_file(path, &b) == 0);
        CHECK(gcda_summary_read((const unsigned char *)b.data, b.len, &s) == 0);
        CHECK(s.runs == 7 && s.sum_max == 0x01020304u);
        CHECK(b.len == sizeof(swapped) && (unsigned char)b.data[28] == 0x01);
        buf_release(&b);
        CHECK(unlink(path) == 0);
        free(path);
    }
    strvec_init(&dirs);
    strvec_pushf(&dirs, "%s/t0", dir);
    strvec_pushf(&dirs, "%s/t1", dir);
    /* Two tests; a.gcda in both, b.gcda in the first only. */
    put_summary_gcda(dirs.v[0], "a.gcda", 1, 3000000);
    put_summary_gcda(dirs.v[0], "b.gcda", 1, 10);
    put_summary_gcda(dirs.v[1], "a.gcda", 1, 1000000);
    {
        /* A summary after other records, past the start that is read first. */
        char *path = xasprintf("%s/late.gcda", dirs.v[1]);

        buf_init(&b);
        buf_add(&b, real_gcda, 16);
        put_u32(&b, 0x01230000u);
        put_u32(&b, 64);
        for (int i = 0; i < 16; i++)
            put_u32(&b, 0);
        put_u32(&b, 0xa1000000u);
        put_u32(&b, 8);
        put_u32(&b, 1);
        put_u32(&b, 77);
        CHECK(write_file(path, b.data, b.len) == 0);
        buf_release(&b);
        free(path);
    }
    CHECK(gcda_summaries_read(&dirs, &sums) == 0);
    CHECK_EQ_UL(sums.objects.n, 3);
    CHECK_STR(sums.objects.v[2], "late.gcda");
    CHECK_EQ_UL(sums.cells[1 * sums.objects.n + 2].sum_max, 77);
    CHECK_EQ_UL(sums.cells[0 * sums.objects.n + 2].sum_max, 0); /* not in t0 */
    CHECK(gcda_summaries_peak(&sums, NULL) == 4000000);
    {
        /* Weights of 10000 and 1639 would take a.gcda's sum to 31.6e9: a common divisor
         * brings it within 32 bits, the ratio kept within 1%. */
        const unsigned long w[] = {10000, 1639};
        unsigned long fit[2] = {0, 0};

        CHECK(gcda_summaries_peak(&sums, w) == UINT64_C(31639000000));
        CHECK(gcda_weights_divisor(&sums, w, 2, fit) > 1);
        CHECK(gcda_summaries_peak(&sums, fit) <= UINT32_MAX);
        CHECK(fit[1] > 0 && fabs((double)fit[0] / (double)fit[1] / (10000.0 / 1639.0) - 1) < 0.01);
    }
    {
        /* Within 32 bits: the weights stay. */
        const unsigned long w[] = {3, 5};
        unsigned long fit[2] = {0, 0};

        CHECK_EQ_UL(gcda_weights_divisor(&sums, w, 2, fit), 1);
        CHECK(fit[0] == 3 && fit[1] == 5);
    }
    CHECK(gcda_summaries_saturate(&sums, dirs.v[0], &patched) == 0);
    CHECK_EQ_UL(patched, 0);
    gcda_summaries_release(&sums);

    /* Runs that add up past 32 bits even unweighted: the merge's file saturates. */
    put_summary_gcda(dirs.v[0], "a.gcda", 1, 3000000000u);
    put_summary_gcda(dirs.v[1], "a.gcda", 2, 2000000000u);
    CHECK(gcda_summaries_read(&dirs, &sums) == 0);
    {
        const unsigned long w[] = {7, 1};
        unsigned long fit[2] = {0, 0};

        CHECK_EQ_UL(gcda_weights_divisor(&sums, w, 2, fit), 0);
        CHECK(fit[0] == 1 && fit[1] == 1);
    }
    {
        char *merged = xasprintf("%s/merged", dir), *path;

        put_summary_gcda(merged, "a.gcda", 3, 705032704u); /* 5e9 modulo 2^32 */
        put_summary_gcda(merged, "b.gcda", 1, 10);
        CHECK(gcda_summaries_saturate(&sums, merged, &patched) == 0);
        CHECK_EQ_UL(patched, 1);
        path = xasprintf("%s/a.gcda", merged);
        buf_init(&b);
        CHECK(read_file(path, &b) == 0);
        CHECK(gcda_summary_read((const unsigned char *)b.data, b.len, &s) == 0);
        CHECK_EQ_UL(s.runs, 3);
        CHECK_EQ_UL(s.sum_max, UINT32_MAX);
        /* The rest of the file is as it was: the header and the record's tag before the
         * summary's two words, the functions after them. */
        CHECK(b.len == sizeof(real_gcda) && memcmp(b.data, real_gcda, 24) == 0 &&
              memcmp(b.data + 32, real_gcda + 32, b.len - 32) == 0);
        buf_release(&b);
        free(path);
        free(merged);
    }
    gcda_summaries_release(&sums);
    {
        /* Wrapped before the merge: a.gcda's counters (up to 2) pass its sum of 1, c.gcda
         * carries the same summary with no counters, b.gcda another one above its counters. */
        char *wrapped = xasprintf("%s/wrapped", dir), *path;
        uint64_t largest = 0;

        put_summary_gcda(wrapped, "a.gcda", 2, 1);
        put_summary_gcda(wrapped, "b.gcda", 2, 10);
        path = xasprintf("%s/c.gcda", wrapped);
        buf_init(&b);
        buf_add(&b, real_gcda, 32); /* the header and the summary (2, 30924) */
        CHECK(write_file(path, b.data, b.len) == 0);
        buf_release(&b);
        s = (struct gcda_summary){2, 1};
        CHECK(gcda_summary_write(path, &s) == 0);
        CHECK(gcda_summaries_unwrap(wrapped, &patched, &largest) == 0);
        CHECK_EQ_UL(patched, 2);
        CHECK(largest == 2);
        buf_init(&b);
        CHECK(read_file(path, &b) == 0);
        CHECK(gcda_summary_read((const unsigned char *)b.data, b.len, &s) == 0);
        CHECK(s.runs == 2 && s.sum_max == UINT32_MAX);
        buf_release(&b);
        free(path);
        path = xasprintf("%s/b.gcda", wrapped);
        buf_init(&b);
        CHECK(read_file(path, &b) == 0);
        CHECK(gcda_summary_read((const unsigned char *)b.data, b.len, &s) == 0);
        CHECK(s.runs == 2 && s.sum_max == 10);
        buf_release(&b);
        free(path);
        /* Saturated already: left as it is. */
        CHECK(gcda_summaries_unwrap(wrapped, &patched, &largest) == 0);
        CHECK_EQ_UL(patched, 0);
        free(wrapped);
    }
    strvec_release(&dirs);
    CHECK(remove_tree(dir) == 0);
}

static void check_gcda_name(const char *build, const char *object, const char *expected)
{
    char *name = gcda_name_for_object(build, object);

    if (expected)
        CHECK_STR(name, expected);
    else
        CHECK(name == NULL);
    free(name);
}

/* A .gcda file of one function with an IOR counter of value ior, written with stamp. */
static void gcda_with_ior(struct buf *b, uint32_t stamp, uint64_t ior)
{
    buf_init(b);
    put_u32(b, 0x67636461u);
    put_u32(b, 0x4232322a);
    put_u32(b, stamp);
    put_u32(b, stamp ^ 0x5555u); /* the checksum */
    put_u32(b, 0x01000000u);
    put_u32(b, 12);
    put_u32(b, 1);
    put_u32(b, 2);
    put_u32(b, 3);
    put_u32(b, 0x01a10000u);
    put_u32(b, 8);
    put_u32(b, 7);
    put_u32(b, 0);
    put_u32(b, 0x01ad0000u);
    put_u32(b, 8);
    put_u32(b, (uint32_t)ior);
    put_u32(b, (uint32_t)(ior >> 32));
}

static void test_gcda_compile_hash(void)
{
    struct buf a, b;

    /* Another stamp, and pointers of other runs with the same alignment: the same hash. */
    gcda_with_ior(&a, 1, UINT64_C(0x57f3a1c02010));
    gcda_with_ior(&b, 2, UINT64_C(0x7ffe10a07ff0));
    CHECK(gcda_compile_hash((unsigned char *)a.data, a.len) ==
          gcda_compile_hash((unsigned char *)b.data, b.len));
    buf_release(&b);
    /* Another alignment (8 bytes, not 16), or another arc count: another hash. */
    gcda_with_ior(&b, 1, UINT64_C(0x57f3a1c02008));
    CHECK(gcda_compile_hash((unsigned char *)a.data, a.len) !=
          gcda_compile_hash((unsigned char *)b.data, b.len));
    buf_release(&b);
    gcda_with_ior(&b, 1, UINT64_C(0x57f3a1c02010));
    b.data[44] = 8;
    CHECK(gcda_compile_hash((unsigned char *)a.data, a.len) !=
          gcda_compile_hash((unsigned char *)b.data, b.len));
    /* Cut short: hashed whole, without reading past the end. */
    CHECK(gcda_compile_hash((unsigned char *)a.data, 50) !=
          gcda_compile_hash((unsigned char *)a.data, 51));
    buf_release(&a);
    buf_release(&b);
}

static void test_gcda_name(void)
{
    check_gcda_name("/b", "/b/CMakeFiles/x.dir/foo.c.o", "CMakeFiles#x.dir#foo.c.gcda");
    check_gcda_name("/b/", "/b/CMakeFiles/x.dir/foo.c.o", "CMakeFiles#x.dir#foo.c.gcda");
    check_gcda_name("/w/build", "/w/build/src/CMakeFiles/lib.dir/a/b.cpp.obj",
                    "src#CMakeFiles#lib.dir#a#b.cpp.gcda");
    check_gcda_name("/b", "/b/x.dir/noext", "x.dir#noext.gcda");
    check_gcda_name("/b", "/bb/x.o", NULL);
    check_gcda_name("/b", "/other/x.o", NULL);
}

static void check_abs(const char *in, const char *expected)
{
    char *p = absolute_path(in);

    CHECK_STR(p, expected);
    free(p);
}

static void test_paths(void)
{
    char *d;

    check_abs("/a/b/../c/./d//e/", "/a/c/d/e");
    check_abs("/..", "/");
    check_abs("/", "/");
    check_abs("/a/./../../b", "/b");
    d = dir_name("/a/b/c");
    CHECK_STR(d, "/a/b");
    free(d);
    d = dir_name("c");
    CHECK_STR(d, ".");
    free(d);
    d = dir_name("/c");
    CHECK_STR(d, "/");
    free(d);
    CHECK_STR(base_name("/a/b.profdata"), "b.profdata");
}

static void check_filter(const char *in, const char *expected, unsigned long dropped)
{
    struct buf out;

    buf_init(&out);
    CHECK_EQ_UL(filter_profile_noise(in, strlen(in), &out), dropped);
    CHECK_STR(out.data, expected);
    buf_release(&out);
}

static void test_diag_filter(void)
{
    /* gcc-12: one real warning and one -Wmissing-profile under the same "In function". */
    check_filter("n.c: In function 'notrained':\n"
                 "n.c:1:27: warning: unused variable 'y' [-Wunused-variable]\n"
                 "    1 | int notrained(int x){ int y; return x+1; }\n"
                 "      |                           ^\n"
                 "n.c:1:1: warning: '/p/#tmp#n.gcda' profile count data file not found "
                 "[-Wmissing-profile]\n"
                 "    1 | int notrained(int x){ int y; return x+1; }\n"
                 "      | ^~~\n",
                 "n.c: In function 'notrained':\n"
                 "n.c:1:27: warning: unused variable 'y' [-Wunused-variable]\n"
                 "    1 | int notrained(int x){ int y; return x+1; }\n"
                 "      |                           ^\n",
                 1);
    /* A function with only noise loses its "In function" line; the next keeps its own. */
    check_filter("a.c: In function 'f':\n"
                 "a.c:3:5: warning: profile for function 'f' not found in profile data "
                 "[-Wmissing-profile]\n"
                 "    3 | int f(void)\n"
                 "      |     ^\n"
                 "a.c: In function 'g':\n"
                 "a.c:9:1: error: expected ';' before '}' token\n",
                 "a.c: In function 'g':\n"
                 "a.c:9:1: error: expected ';' before '}' token\n",
                 1);
    /* Coloured gcc output is matched without its escape sequences. */
    check_filter("a.c:3:5: \033[01;35m\033[Kwarning: \033[m\033[Kprofile for function 'f' not "
                 "found [\033[01;35m\033[K-Wmissing-profile\033[m\033[K]\n"
                 "    3 | int f(void)\n",
                 "", 1);
    /* clang: backend warnings without source lines, and the tally fixed. */
    check_filter("warning: m.c: no profile data available for function unused2 Hash = 1 "
                 "[-Wbackend-plugin]\n"
                 "1 warning generated.\n",
                 "", 1);
    check_filter("m.c:1:27: warning: unused variable 'y' [-Wunused-variable]\n"
                 "int notrained(int x){ int y; return x+1; }\n"
                 "                          ^\n"
                 "warning: m.c: no profile data available for function a Hash = 1 "
                 "[-Wbackend-plugin]\n"
                 "warning: m.c: no profile data available for function b Hash = 1 "
                 "[-Wbackend-plugin]\n"
                 "3 warnings generated.\n",
                 "m.c:1:27: warning: unused variable 'y' [-Wunused-variable]\n"
                 "int notrained(int x){ int y; return x+1; }\n"
                 "                          ^\n"
                 "1 warning generated.\n",
                 2);
    /* Nothing to drop: byte for byte, including a missing final newline. */
    check_filter("x.c:1:1: error: boom\nplain text\n2 warnings generated.\nno newline",
                 "x.c:1:1: error: boom\nplain text\n2 warnings generated.\nno newline", 0);
    check_filter("", "", 0);
}

static void test_diag_count(void)
{
    static const char text[] =
        "warning: a.c: function control flow change detected (hash mismatch) main Hash = 1 "
        "[-Wbackend-plugin]\n"
        "warning: a.c: no profile data available for function f Hash = 2 [-Wbackend-plugin]\n"
        "a.c:3:1: error: number of counters in profile data for function 'f' does not match its "
        "profile data (counter 'arcs', expected 3 and have 4) [-Werror=coverage-mismatch]\n"
        "a.c:3:1: note: use '-Wno-error=coverage-mismatch' to tolerate the mismatch\n"
        "a.c:4:1: warning: source locations for function 'g' have changed, the profile data may "
        "be out of date [-Wcoverage-mismatch]\n"
        "a.c:5:1: warning: profile for function 'h' not found in profile data "
        "[-Wmissing-profile]\n"
        "a.c:6:1: warning: unused variable 'y' [-Wunused-variable]\n";
    struct warning_counts c = {0, 0};

    count_profile_warnings(text, strlen(text), &c);
    CHECK_EQ_UL(c.out_of_date, 3);
    CHECK_EQ_UL(c.no_data, 2);
}

static void test_elf(const char *placed_object, const char *plain_object)
{
    struct placement p = {0, 0, 0, 0};
    struct buf b;
    static const unsigned char bitcode[] = {'B', 'C', 0xc0, 0xde, 0x35, 0x14, 0, 0};

    CHECK(section_placement(".text.hot") == 1);
    CHECK(section_placement(".text.hot.") == 1);
    CHECK(section_placement(".text.hot.main") == 1);
    CHECK(section_placement(".text.hot_path") == 0);
    CHECK(section_placement(".text.unlikely") == -1);
    CHECK(section_placement(".text.unlikely.f") == -1);
    CHECK(section_placement(".text.unlikely_f") == 0);
    CHECK(section_placement(".text") == 0);
    CHECK(section_placement(".text.startup") == 0);

    buf_init(&b);
    if (!placed_object || read_file(placed_object, &b) < 0) {
        CHECK(!"the placement fixture object is readable");
    } else {
        CHECK(elf_scan((const unsigned char *)b.data, b.len, &p) == OBJECT_ELF);
        CHECK_EQ_UL(p.hot, 2);
        CHECK_EQ_UL(p.cold, 1);
        CHECK_EQ_UL(p.other, 2);
        CHECK_EQ_UL(p.cold_parts, 2);
        /* Cut short: the section headers lie beyond the data. */
        p = (struct placement){0, 0, 0, 0};
        CHECK(elf_scan((const unsigned char *)b.data, 200, &p) == OBJECT_CORRUPT);
        CHECK_EQ_UL(p.hot + p.cold + p.other, 0);
        /* Not ELF64 little-endian. */
        b.data[4] = 1; /* ELFCLASS32 */
        CHECK(elf_scan((const unsigned char *)b.data, b.len, &p) == OBJECT_UNKNOWN);
    }
    buf_release(&b);

    buf_init(&b);
    p = (struct placement){0, 0, 0, 0};
    if (!plain_object || read_file(plain_object, &b) < 0) {
        CHECK(!"the plain fixture object is readable");
    } else {
        CHECK(elf_scan((const unsigned char *)b.data, b.len, &p) == OBJECT_ELF);
        CHECK_EQ_UL(p.hot + p.cold, 0);
        CHECK_EQ_UL(p.other, 2);
    }
    buf_release(&b);

    CHECK(elf_scan(bitcode, sizeof(bitcode), &p) == OBJECT_LTO);
    CHECK(elf_scan((const unsigned char *)"#!/bin/sh\n", 10, &p) == OBJECT_UNKNOWN);
    CHECK(elf_scan((const unsigned char *)"", 0, &p) == OBJECT_UNKNOWN);
}

static void test_fnv(void)
{
    /* Reference values of FNV-1a 64. */
    CHECK(fnv1a64(FNV1A64_INIT, "", 0) == UINT64_C(0xcbf29ce484222325));
    CHECK(fnv1a64(FNV1A64_INIT, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
    CHECK(fnv1a64(FNV1A64_INIT, "foobar", 6) == UINT64_C(0x85944171f73967e8));
}

/* The three map formats, as GNU ld 2.40, gold and lld 19 write them (abridged). */
static void test_link_map(void)
{
    static const char gnu[] =
        "Discarded input sections\n\n"
        " .text.unlikely.gone\n"
        "                0x0000000000000000       0x10 /tmp/x.o\n\n"
        "Linker script and memory map\n\n"
        ".text           0x0000000000001040     0x3000\n"
        " *(.text.unlikely .text.*_unlikely .text.unlikely.*)\n"
        " .text.unlikely\n"
        "                0x0000000000002230     0x23d0 /tmp/cc.ltrans0.ltrans.o\n"
        " .text.unlikely.a_function_with_a_long_name\n"
        "                0x0000000000004600       0x20 /tmp/lto-llvm-1.o\n"
        " .text.hot      0x0000000000004620     0x1a74 /tmp/cc.ltrans0.ltrans.o\n"
        "                0x0000000000004620                main\n"
        " .text.hot.empty\n"
        "                0x0000000000006100        0x0 /tmp/cc.o\n"
        " .text          0x0000000000006100       0x22 Scrt1.o\n";
    static const char lld[] =
        "             VMA              LMA     Size Align Out     In      Symbol\n"
        "            6000             6000     2000    16 .text\n"
        "            6430             6430      40e    16         a.lto.lib.a(b.c.o at "
        "6888).o:(.text.hot.nat_split)\n"
        "            6840             6840       10    16         <internal>:(.text.unlikely.)\n"
        "            6850             6850       20    16         c.o:(.text)\n"
        "            6430             6430        0     1                 nat_split\n";
    struct placed_range *r = NULL;
    const char *why = NULL;
    struct placement p = {0, 0, 0, 0};

    CHECK(link_map_parse(gnu, sizeof(gnu) - 1, &r, &why) == 3);
    CHECK(r[0].start == 0x2230 && r[0].end == 0x2230 + 0x23d0 && r[0].placement == -1);
    CHECK(r[1].start == 0x4600 && r[1].end == 0x4620 && r[1].placement == -1);
    CHECK(r[2].start == 0x4620 && r[2].end == 0x4620 + 0x1a74 && r[2].placement == 1);
    free(r);
    CHECK(link_map_parse(lld, sizeof(lld) - 1, &r, &why) == 2);
    CHECK(r[0].start == 0x6430 && r[0].end == 0x6430 + 0x40e && r[0].placement == 1);
    CHECK(r[1].start == 0x6840 && r[1].end == 0x6850 && r[1].placement == -1);
    free(r);
    CHECK(link_map_parse("hello\n", 6, &r, &why) == -1 && r == NULL && why != NULL);
    CHECK(linked_scan((const unsigned char *)"not ELF at all, but long enough for a header......"
                                             "...........",
                      60, NULL, 0, &p, &why) == -1);
    CHECK(p.hot == 0 && p.cold == 0 && p.other == 0);
}

/* llvm-bolt 19's words, as the BOLT stage reads them. */
static void test_bolt_log(void)
{
    static const char failed[] =
        "BOLT-INFO: Target architecture: x86_64\n"
        "BOLT-ERROR: unable to get new address corresponding to input address 0x1234 in "
        "function run/1(*2). Consider adding this function to --skip-funcs\n";
    static const char done[] =
        "BOLT-INFO: 98 out of 133 functions in the binary (73.7%) have non-empty execution "
        "profile\n"
        "BOLT-INFO: basic block reordering modified layout of 43 functions (44.8% of profiled, "
        "32.3% of total)\n"
        "BOLT-INFO: splitting separates 23506 hot bytes from 9736 cold bytes (70.71% of split "
        "functions is hot).\n"
        "          94290134 : taken branches\n"
        "          84284046 : taken branches (-10.6%)\n";
    struct strvec skip;
    char *line;

    strvec_init(&skip);
    CHECK_EQ_UL(bolt_log_skips(failed, &skip, 8), 1);
    CHECK_STR(skip.v[0], "run/1"); /* "(*2)", the aliases, is no part of the name */
    CHECK_EQ_UL(bolt_log_skips(failed, &skip, 8), 0); /* already skipped */
    line = bolt_log_first_error(failed);
    CHECK(strncmp(line, "BOLT-ERROR: unable to get new address", 37) == 0);
    free(line);
    line = bolt_log_describe(done, &skip);
    CHECK_STR(line, "bolted; 98 of 133 functions ran, 43 reordered, split into 23506 hot and "
                    "9736 cold bytes; taken branches 94290134 -> 84284046 (-10.6%); skipped "
                    "run/1");
    free(line);
    strvec_release(&skip);
}

/* gzip of each block type, as Python's zlib wrote them, and broken ones. */
static void test_gzip(void)
{
    static const unsigned char fixed[] =
        "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xcb\x48\xcd\xc9\xc9\x57\xc8\x40\x27\xb9\x00"
        "\x00\x88\x59\x0b\x18\x00\x00\x00";
    static const unsigned char stored[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03\x01\x03\x00"
                                          "\xfc\xff\x61\x62\x63\xc2\x41\x24\x35\x03\x00\x00\x00";
    static const unsigned char dynamic[] =
        "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x35\x51\xc1\x01\xc4\x30\x08\xfa\xbb\x25\x82\xfb"
        "\xaf\x50\xd0\xb4\x77\x4d\xa3\x12\x41\xd2\x20\x30\xe8\x82\x00\xd0\x01\x86\x28\xf8\x5f\xb5"
        "\x11\x9a\x5e\xaa\xc7\xb9\x42\x67\x0f\x68\xd8\x2c\x76\x1b\xe1\x9a\xd4\xf4\x56\x74\x5d\x69"
        "\x58\xdd\xad\x9c\x6f\xb7\x6d\x03\x5d\x5e\x84\xa3\xd0\x28\xcb\x38\x37\xae\x84\x66\x1f\xb9"
        "\x7f\xca\xd3\xe5\x3e\xfe\xd2\xcf\x36\x44\x64\x86\xac\x22\x68\xc3\x30\x84\xd2\xdc\x8e\x13"
        "\x24\x8c\x3e\x2f\x9d\x17\x33\x3a\x2c\x16\xb4\xc9\xa7\x59\x51\x1a\xa4\xab\x8a\x34\xf2\xc9"
        "\xb0\xea\x74\x99\x43\x25\x99\x76\x1e\xb2\x27\x1a\x58\xa6\x0c\xc9\xd5\x82\xb1\x22\x69\xf2"
        "\x5d\x8d\xa2\x37\x74\xca\x60\xa7\xc3\x32\xc6\xfa\xc7\xfe\xe7\x88\x3a\xef\xb8\xa6\x2b\x16"
        "\x74\x52\xa6\x60\x8e\x66\xb2\x1d\x2a\xc8\x54\x47\xb5\x13\x65\xee\x33\x22\xe7\x0d\x3f\x4f"
        "\xf1\x5b\x60\xc6\xeb\x94\x2b\x3a\x8d\xd6\x40\xdd\x21\xee\xe8\xeb\x37\xf5\x24\x2c\x75\xcf"
        "\xd3\x94\x70\xd9\xdf\x45\xd5\x1a\x6d\x53\xe2\x91\x6e\x3a\x0f\xe4\x8b\xaa\x53\x98\x6b\xc4"
        "\x79\xce\xa5\xc4\xe9\xfc\x00\xa6\xb9\x0e\x12\x58\x02\x00\x00";
    unsigned char bad[sizeof(fixed) + 2];
    const char *why;
    struct buf out;

    CHECK(gzip_crc32(0, (const unsigned char *)"123456789", 9) == 0xcbf43926u);
    buf_init(&out);
    CHECK(gzip_decode(fixed, sizeof(fixed) - 1, 1000, &out, &why) == 0);
    CHECK_STR(out.data, "hello hello hello hello\n");
    out.len = 0;
    CHECK(gzip_decode(stored, sizeof(stored) - 1, 1000, &out, &why) == 0);
    CHECK(out.len == 3 && memcmp(out.data, "abc", 3) == 0);
    out.len = 0;
    CHECK(gzip_decode(dynamic, sizeof(dynamic) - 1, 1000, &out, &why) == 0);
    CHECK_EQ_UL(out.len, 600);
    CHECK(gzip_crc32(0, (const unsigned char *)out.data, out.len) == 0x120eb9a6u);
    CHECK(memcmp(out.data, "bacaaeab\nadaaacc", 16) == 0);

    /* Two members are one stream; zeros may follow the last. */
    memcpy(bad, stored, sizeof(stored) - 1);
    {
        unsigned char two[2 * sizeof(stored) + 8] = {0};

        memcpy(two, stored, sizeof(stored) - 1);
        memcpy(two + sizeof(stored) - 1, stored, sizeof(stored) - 1);
        out.len = 0;
        CHECK(gzip_decode(two, sizeof(two), 1000, &out, &why) == 0);
        CHECK(out.len == 6 && memcmp(out.data, "abcabc", 6) == 0);
        two[sizeof(two) - 1] = 'x';
        CHECK(gzip_decode(two, sizeof(two), 1000, &out, &why) < 0);
        CHECK_STR(why, "data that is not gzip follows the compressed data");
    }
    /* Every cut is an error, never a read past the end. */
    for (size_t n = 0; n < sizeof(fixed) - 1; n++) {
        out.len = 0;
        CHECK(gzip_decode(fixed, n, 1000, &out, &why) < 0);
    }
    memcpy(bad, fixed, sizeof(fixed) - 1);
    bad[sizeof(fixed) - 9] ^= 1; /* the CRC */
    CHECK(gzip_decode(bad, sizeof(fixed) - 1, 1000, &out, &why) < 0);
    CHECK_STR(why, "the CRC-32 of the data does not match the gzip trailer (corrupt)");
    out.len = 0;
    CHECK(gzip_decode(fixed, sizeof(fixed) - 1, 10, &out, &why) < 0);
    CHECK_STR(why, "it unpacks to more than the size limit");
    memcpy(bad, fixed, sizeof(fixed) - 1);
    bad[3] = 0x20; /* a reserved flag */
    CHECK(gzip_decode(bad, sizeof(fixed) - 1, 1000, &out, &why) < 0);
    CHECK_STR(why, "reserved gzip header flags are set");
    CHECK(gzip_decode((const unsigned char *)"PK\x03\x04", 4, 1000, &out, &why) < 0);
    CHECK_STR(why, "not gzip data");
    buf_release(&out);
}

/* Appends a ustar header of NAME (at most 100 bytes), TYPE and SIZE, then SIZE bytes of
 * DATA padded to a block. */
static void tar_add(struct buf *t, const char *name, char type, const char *data, size_t size)
{
    char h[512];
    unsigned sum = 0;

    memset(h, 0, sizeof(h));
    memcpy(h, name, strlen(name));
    snprintf(h + 100, 8, "%07o", 0644);
    snprintf(h + 124, 12, "%011zo", size);
    memset(h + 148, ' ', 8);
    h[156] = type;
    memcpy(h + 257,
           "ustar\0"
           "00",
           8);
    for (size_t i = 0; i < sizeof(h); i++)
        sum += (unsigned char)h[i];
    snprintf(h + 148, 8, "%06o", sum);
    buf_add(t, h, sizeof(h));
    buf_add(t, data, size);
    memset(h, 0, sizeof(h));
    buf_add(t, h, (512 - size % 512) % 512);
}

static const char *problem_of(const char *name, char type)
{
    struct tar_member m = {(char *)name, type, NULL, 0};

    return tar_member_problem(&m);
}

static void test_tar(void)
{
    struct buf t;
    struct tar_member *m;
    size_t n, at;
    const char *why;
    char pax[64], zero[1024] = {0};

    buf_init(&t);
    tar_add(&t, "profile", '5', "", 0);
    tar_add(&t, "profile/a.gcda", '0', "data", 4);
    tar_add(&t, "././@LongLink", 'L', "long/name.profdata", 19);
    tar_add(&t, "ignored", '0', "x", 1);
    snprintf(pax, sizeof(pax), "%d path=pax/name\n", 17);
    tar_add(&t, "PaxHeader", 'x', pax, strlen(pax));
    tar_add(&t, "ignored too", '0', "y", 1);
    tar_add(&t, "lnk", '2', "", 0);
    buf_add(&t, zero, sizeof(zero));
    CHECK(tar_read((const unsigned char *)t.data, t.len, &m, &n, &at, &why) == 0);
    CHECK_EQ_UL(n, 5);
    if (n == 5) {
        CHECK_STR(m[0].name, "profile");
        CHECK(m[0].type == '5');
        CHECK_STR(m[1].name, "profile/a.gcda");
        CHECK(m[1].size == 4 && memcmp(m[1].data, "data", 4) == 0);
        CHECK_STR(m[2].name, "long/name.profdata");
        CHECK_STR(m[3].name, "pax/name");
        CHECK(m[3].size == 1 && m[3].data[0] == 'y');
        CHECK(m[4].type == '2');
        CHECK(tar_member_problem(&m[1]) == NULL);
        CHECK_STR(tar_member_problem(&m[4]),
                  "is a symbolic link (only files and folders are unpacked)");
    }
    tar_release(m, n);

    /* A changed byte of the third header breaks its checksum; a size past the end. */
    t.data[3 * 512 + 10] ^= 1;
    CHECK(tar_read((const unsigned char *)t.data, t.len, &m, &n, &at, &why) < 0);
    CHECK_EQ_UL(at, 3);
    CHECK_STR(why, "a header whose checksum does not match (corrupt)");
    CHECK(tar_read((const unsigned char *)t.data, 512 + 100, &m, &n, &at, &why) < 0);
    CHECK_STR(why, "the archive ends inside a header (truncated)");
    t.len = 0;
    {
        char big[600] = {0};

        tar_add(&t, "big", '0', big, sizeof(big));
    }
    CHECK(tar_read((const unsigned char *)t.data, 512 + 100, &m, &n, &at, &why) < 0);
    CHECK_STR(why, "a member whose size runs past the end of the archive (truncated)");
    buf_release(&t);

    CHECK(problem_of("a/b/c.gcda", '0') == NULL);
    CHECK(problem_of("./a/./b/", '5') == NULL);
    CHECK_STR(problem_of("../x", '0'), "has a '..' component, which would lead outside the folder");
    CHECK_STR(problem_of("a/../../x", '0'),
              "has a '..' component, which would lead outside the folder");
    CHECK_STR(problem_of("a/..", '5'), "has a '..' component, which would lead outside the folder");
    CHECK(problem_of("a/..b/c", '0') == NULL);
    CHECK_STR(problem_of("/tmp/x", '0'),
              "has an absolute path, which would be written outside the folder");
    CHECK_STR(problem_of("", '0'), "has an empty name");
    CHECK_STR(problem_of(".", '0'), "is a file whose name names the folder itself");
    CHECK_STR(problem_of("a\nb", '0'), "has a control character in its name");
    CHECK_STR(problem_of("a/", '0'), "is a file whose name ends in '/'");
    CHECK_STR(problem_of("x", '1'), "is a hard link (only files and folders are unpacked)");
    CHECK_STR(problem_of("x", '3'), "is a character device (only files and folders are unpacked)");
    CHECK_STR(problem_of("x", '4'), "is a block device (only files and folders are unpacked)");
    CHECK_STR(problem_of("x", '6'), "is a FIFO (only files and folders are unpacked)");
    {
        struct tar_member a = {"./a//b/./c.gcda", '0', NULL, 0};
        char *path = tar_member_path(&a);

        CHECK_STR(path, "a/b/c.gcda");
        free(path);
    }
}

static void test_ccache_names(void)
{
    static const char *const kept[][2] = {
        {"CMakeFiles#app.dir#main.c.gcda", "CMakeFiles/app.dir/main.c.gcda"},
        {"#abs#obj#x.c.gcda", "abs/obj/x.c.gcda"},
        {"a#b..c#x.gcda", "a/b..c/x.gcda"},
    };
    static const char *const none[] = {
        "main.c.gcda", "a#^#x.gcda", "a#..#x.gcda", "a#..#..#..#..#x.gcda", "#..#x.gcda",
        "a##x.gcda",   "a#.#x.gcda", "a#x.gcda#",   "a/b#x.gcda",           "a#x.txt",
    };

    for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
        char *name = ccache_gcda_name(kept[i][0]);

        CHECK_STR(name, kept[i][1]);
        free(name);
    }
    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        char *name = ccache_gcda_name(none[i]);

        if (name)
            fprintf(stderr, "ccache_gcda_name(\"%s\") gave \"%s\"\n", none[i], name);
        CHECK(name == NULL);
        free(name);
    }
}

/* The signed-rank test's p-values, worked out by hand, and the verdict it gives. */
static void test_bench_stats(void)
{
    static const double six[] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
    static const double mixed[] = {1, -2, 3, 4, 5};
    static const double tied[] = {1, 1, 1, 1, 1, 1, 1, 1};
    static const double zeros[] = {0, 0};
    static const double slower[] = {0.9, 0.8, 0.85, 0.95, 0.9, 0.7};
    static const double noisy[] = {1.2, 0.8, 1.1, 0.9, 1.05, 0.95};
    double p;

    /* All six one way: 2 of the 64 sign patterns are as extreme. */
    CHECK(fabs(stats_signed_rank_p(six, 6) - 2.0 / 64) < 1e-12);
    CHECK(fabs(stats_signed_rank_p(six, 5) - 2.0 / 32) < 1e-12);
    /* W+ = 13 of 15: the complement sums to at most 2 in 3 of 32 patterns. */
    CHECK(fabs(stats_signed_rank_p(mixed, 5) - 6.0 / 32) < 1e-12);
    /* Ties: the normal approximation, z = (18 - 0.5) / sqrt(51 - 10.5). */
    CHECK(fabs(stats_signed_rank_p(tied, 8) - erfc((17.5 / sqrt(40.5)) / sqrt(2))) < 1e-12);
    CHECK(stats_signed_rank_p(zeros, 2) == 1);
    CHECK(stats_wall_verdict(slower, 6, &p) == WALL_SLOWER && p < 0.05);
    CHECK(stats_wall_verdict(noisy, 6, &p) == WALL_UNRESOLVED && p > 0.05);
    CHECK(fabs(stats_quantile(noisy, 6, 0.5) - 1.0) < 1e-12);
    CHECK(fabs(stats_quantile(six, 6, 0.25) - 0.225) < 1e-12);
}

/* The summary of a cachegrind log, as valgrind 3.19 writes it with the simulation. */
static void test_cachegrind(void)
{
    static const char log[] = "==1== I   refs:      130,990\n"
                              "==1== I1  misses:      1,091\n"
                              "==1== LLi misses:      1,072\n"
                              "==1== I1  miss rate:    0.83%\n"
                              "==1== D   refs:       40,287  (30,022 rd   + 10,265 wr)\n"
                              "==1== D1  misses:      1,493  ( 1,157 rd   +    336 wr)\n"
                              "==1== LLd misses:      1,332  ( 1,021 rd   +    311 wr)\n"
                              "==1== Branches:       26,561  (26,282 cond +    279 ind)\n"
                              "==1== Mispredicts:     3,388  ( 3,238 cond +    150 ind)\n";
    struct sim_counts c;

    CHECK(parse_cachegrind(log, &c) == 0);
    CHECK(c.simulated && c.ir == 130990 && c.i1_misses == 1091 && c.lli_misses == 1072);
    CHECK(c.d_refs == 40287 && c.d1_misses == 1493 && c.lld_misses == 1332);
    CHECK(c.branches == 26561 && c.mispredicts == 3388);
    CHECK(sim_cycles(&c) == 130990 + 10.0 * (1091 + 1493) + 100.0 * (1072 + 1332) + 15.0 * 3388);
    CHECK(parse_cachegrind("==1== I   refs:      7\n", &c) == 0 && !c.simulated && c.ir == 7);
    CHECK(sim_cycles(&c) == 7);
    CHECK(parse_cachegrind("==1== no summary\n", &c) < 0);
}

/* Renaming a profile's static functions for a checkout elsewhere, in llvm-profdata's text. */
static void test_rename(void)
{
    static const char text[] = "# IR level Instrumentation Flag\n:ir\n"
                               "/old/src/ops.c;op_add\n# Func Hash:\n123\n# Num Counters:\n1\n"
                               "# Counter Values:\n99\n\n"
                               "main\n# Func Hash:\n7\n# Num Counters:\n1\n# Counter Values:\n1\n"
                               "# Num Value Kinds:\n1\n# ValueKind = IPVK_IndirectCallTarget:\n0\n"
                               "# NumValueSites:\n1\n2\n/old/src/ops.c;op_add:90\n"
                               "/old/srcx/b.c;f:9\n"
                               "/old/src/a.c;f,main,/old/src/b.c;g\n";
    static const char renamed[] =
        "# IR level Instrumentation Flag\n:ir\n"
        "/new/tree/ops.c;op_add\n# Func Hash:\n123\n# Num Counters:\n1\n"
        "# Counter Values:\n99\n\n"
        "main\n# Func Hash:\n7\n# Num Counters:\n1\n# Counter "
        "Values:\n1\n"
        "# Num Value Kinds:\n1\n# ValueKind = IPVK_IndirectCallTarget:\n0\n"
        "# NumValueSites:\n1\n2\n/new/tree/ops.c;op_add:90\n"
        "/old/srcx/b.c;f:9\n"
        "/new/tree/a.c;f,main,/new/tree/b.c;g\n";
    static const char relative[] = ":ir\nsrc/ops.c;op_add\n# Func Hash:\n1\n3rd/x.c;f:4\n"
                                   "main\n/abs/y.c;g\n";
    struct buf out;

    buf_init(&out);
    CHECK_EQ_UL(llvm_text_rename(text, sizeof(text) - 1, "/old/src/", "/new/tree", 0, &out), 4);
    CHECK_STR(out.data, renamed);
    out.len = 0;
    CHECK_EQ_UL(llvm_text_rename(relative, sizeof(relative) - 1, NULL, "/co", 1, &out), 2);
    CHECK_STR(out.data, ":ir\n/co/src/ops.c;op_add\n# Func Hash:\n1\n/co/3rd/x.c;f:4\n"
                        "main\n/abs/y.c;g\n");
    out.len = 0;
    CHECK_EQ_UL(llvm_text_rename(relative, sizeof(relative) - 1, NULL, "/co", 0, &out), 0);
    CHECK_STR(out.data, relative);
    buf_release(&out);
}

/* Lines of FILE (0 if it does not exist). */
static size_t count_lines(const char *file)
{
    struct buf b;
    size_t n = 0;

    buf_init(&b);
    if (access(file, F_OK) == 0 && read_file(file, &b) == 0)
        for (size_t i = 0; i < b.len; i++)
            n += b.data[i] == '\n';
    buf_release(&b);
    return n;
}

/* nm_defined reads an object again only when it changed: a fake nm logs each object it is
 * given and prints one symbol per object. */
/* What each training test adds: two tests with the same counts, one with other code. */
static void test_test_profiles(void)
{
    static uint64_t f1[] = {10, 0}, f2[] = {90}, f3[] = {60, 40};
    struct test_counts x[] = {{0, f1, 2}, {1, f2, 1}};
    struct test_counts y[] = {{0, f1, 2}, {1, f2, 1}};
    struct test_counts z[] = {{2, f3, 2}};
    struct test_profile tests[] = {{"x", 1.0, x, 2, 100, NULL, 1},
                                   {"y", 2.0, y, 2, 100, NULL, 1},
                                   {"z", -1, z, 1, 100, NULL, 1}};
    char *keys[] = {"f1", "f2", "f3"};
    struct test_profiles p = {tests, 3, keys, 3};
    struct test_contribution c[3];

    test_profiles_measure(&p, c);
    CHECK_EQ_UL(c[0].reached, 2);
    CHECK_EQ_UL(c[2].reached, 1);
    CHECK(c[0].share > 0.333 && c[0].share < 0.334);
    /* x against y + z: y's half of the others' counts lies where x's do, z's half not. */
    CHECK(c[0].overlap > 0.499 && c[0].overlap < 0.501);
    CHECK(c[2].overlap == 0); /* z shares no function with x and y */
    /* f2 alone holds 90% of x's and of y's counts: hot in both, so in neither alone. */
    CHECK_EQ_UL(c[0].hot_only, 0);
    /* f3's two counters make all of z: hot there only. */
    CHECK_EQ_UL(c[2].hot_only, 1);
    {
        /* z of weight 3 (--weight 3:z): 300 of the merged 500 counts, and x's others are
         * y's 100 and z's 300, of which y's quarter lies where x's counts do. */
        struct strvec w;

        strvec_init(&w);
        strvec_push(&w, "2:z");
        strvec_push(&w, "3:z"); /* the last one wins */
        strvec_push(&w, "9:zz");
        test_profiles_weigh(&p, &w);
        test_profiles_measure(&p, c);
        CHECK(c[2].share > 0.599 && c[2].share < 0.601);
        CHECK(c[0].share > 0.199 && c[0].share < 0.201);
        CHECK(c[0].overlap > 0.249 && c[0].overlap < 0.251);
        test_profiles_weigh(&p, NULL);
        strvec_release(&w);
        test_profiles_measure(&p, c);
        CHECK(c[0].share > 0.333 && c[0].share < 0.334);
    }

    {
        /* 3 folds: one test each, x and y against the rest 0.5, z 0. 2 folds: {x, z}
         * against {y}, 0.5 both ways. */
        double group[3];
        size_t used;
        int by_label;
        double mean = test_profiles_folds(&p, 3, group, &used, &by_label);

        CHECK(!by_label);
        CHECK_EQ_UL(used, 3);
        CHECK(mean > 0.333 && mean < 0.334);
        CHECK(group[2] == 0);
        mean = test_profiles_folds(&p, 2, group, &used, &by_label);
        CHECK_EQ_UL(used, 2);
        CHECK(mean > 0.499 && mean < 0.501);
        CHECK(test_profiles_folds(&p, 9, group, &used, &by_label) > 0.333 && used == 3);

        /* Labels: x and y "parse", z none: two groups, {x, y} against {z}, nothing in
         * common. One label alone makes no groups of labels: round-robin again. */
        tests[0].label = "parse";
        tests[1].label = "parse";
        mean = test_profiles_folds(&p, 3, group, &used, &by_label);
        CHECK(by_label);
        CHECK_EQ_UL(used, 2);
        CHECK(mean == 0);
        tests[2].label = "other";
        mean = test_profiles_folds(&p, 3, group, &used, &by_label);
        CHECK(by_label && used == 2 && mean == 0);
        tests[2].label = "parse";
        mean = test_profiles_folds(&p, 3, group, &used, &by_label);
        CHECK(!by_label && used == 3);
        tests[0].label = tests[1].label = tests[2].label = NULL;
    }

    {
        char s[32];

        test_profiles_format_share(s, sizeof(s), 0.99999);
        CHECK_STR(s, ">99.9%");
        test_profiles_format_share(s, sizeof(s), 1);
        CHECK_STR(s, "100.0%");
        test_profiles_format_share(s, sizeof(s), 0.00001);
        CHECK_STR(s, "<0.01%");
        test_profiles_format_share(s, sizeof(s), 0.0003);
        CHECK_STR(s, "0.03%");
        test_profiles_format_share(s, sizeof(s), 0);
        CHECK_STR(s, "0.0%");
    }

    /* One test: no others to compare with. */
    p.ntests = 1;
    test_profiles_measure(&p, c);
    CHECK(c[0].overlap < 0);
    CHECK(c[0].share > 0.999);
    {
        double group[2];
        size_t used;
        int by_label;

        CHECK(test_profiles_folds(&p, 5, group, &used, &by_label) < 0 && used == 1);
    }
}

/* A pseudo-random number below n (an LCG: the same instances every run). */
static unsigned long lcg_below(unsigned long *state, unsigned long n)
{
    *state = *state * 6364136223846793005ul + 1442695040888963407ul;
    return (unsigned long)((*state >> 33) % n);
}

/* The cheapest set and the weights: a cheap test with the same counts as a dear one replaces
 * it; a load's distribution is matched by weights; the greedy search never beats the
 * exhaustive one and both reach the goal. */
static void test_training_choice(void)
{
    /* a: f1 100 at 10 s; b: f1 50 at 1 s; c: f2 1 at 1 s. f1's counter holds 150 of 151
     * counts, above the 99% cutoff: the hot code is f1 alone, and b alone covers it. */
    static uint64_t fa[] = {100, 0}, fb[] = {50, 0}, fc[] = {1};
    struct test_counts a[] = {{0, fa, 2}}, b[] = {{0, fb, 2}}, c[] = {{1, fc, 1}};
    struct test_profile tests[] = {
        {"a", 10, a, 1, 100, NULL, 1}, {"b", 1, b, 1, 50, NULL, 1}, {"c", 1, c, 1, 1, NULL, 1}};
    char *keys[] = {"f1", "f2"};
    struct test_profiles p = {tests, 3, keys, 2};
    struct training_target *t = training_target_new(&p, NULL);
    struct training_subset s;

    CHECK(training_target_full(t) > 0.99 && training_target_full(t) < 0.994); /* 150/151 */
    training_cheapest(t, 0.99, 14, &s);
    CHECK(s.exact);
    CHECK_EQ_UL(s.n, 1);
    CHECK_EQ_UL(s.n ? s.tests[0] : 9, 1);
    CHECK(s.seconds > 0.999 && s.seconds < 1.001);
    CHECK(s.coverage > 0.999);
    training_subset_release(&s);
    training_cheapest(t, 0.99, 0, &s); /* greedy finds it too */
    CHECK(!s.exact);
    CHECK_EQ_UL(s.n, 1);
    training_subset_release(&s);
    training_target_free(t);

    {
        /* A load that runs f2 as much as f1 (keys in another order, as a separate read
         * gives them): the unweighted training, almost all f1, overlaps it by half; weights
         * that raise c's share to a half match it. */
        static uint64_t l1[] = {5}, l2[] = {5, 0};
        struct test_counts lc[] = {{0, l1, 1}, {1, l2, 2}};
        struct test_profile lt[] = {{"pgo-workload", 1, lc, 2, 10, NULL, 1}};
        char *lkeys[] = {"f2", "f1"};
        struct test_profiles load = {lt, 1, lkeys, 2};
        unsigned long w[3];
        double before, after;
        double dw[3];

        t = training_target_new(&p, &load);
        before = training_target_full(t);
        CHECK(before > 0.5 && before < 0.51);
        after = training_weights(t, w);
        CHECK(after > 0.98);
        CHECK(w[2] > 0);
        /* Weighted as returned, the coverage is the same, scaled by the unweighted one. */
        for (size_t i = 0; i < 3; i++)
            dw[i] = (double)w[i];
        CHECK(fabs(training_coverage(t, dw) * before - after) < 1e-9);
        training_target_free(t);
    }

    {
        /* Random trainings of 10 tests over 6 functions: the greedy set reaches the goal and
         * costs no less than the exhaustive search's. */
        unsigned long state = 42;

        for (int round = 0; round < 20; round++) {
            uint64_t counts[10][6];
            struct test_counts tc[10][6];
            struct test_profile rt[10];
            char *rkeys[6] = {"k0", "k1", "k2", "k3", "k4", "k5"};
            struct test_profiles rp = {rt, 10, rkeys, 6};
            struct training_subset ex, gr;

            for (size_t i = 0; i < 10; i++) {
                rt[i] = (struct test_profile){
                    "r", 0.1 + (double)lcg_below(&state, 100) / 10, tc[i], 0, 0, NULL, 1};
                for (size_t k = 0; k < 6; k++) {
                    counts[i][k] = lcg_below(&state, 3) == 0 ? lcg_below(&state, 1000) : 0;
                    if (!counts[i][k])
                        continue;
                    tc[i][rt[i].nfns++] = (struct test_counts){k, &counts[i][k], 1};
                    rt[i].total += counts[i][k];
                }
            }
            t = training_target_new(&rp, NULL);
            training_cheapest(t, 0.99, 14, &ex);
            training_cheapest(t, 0.99, 0, &gr);
            CHECK(ex.coverage >= 0.99 && gr.coverage >= 0.99);
            CHECK(ex.seconds <= gr.seconds + 1e-9);
            training_subset_release(&ex);
            training_subset_release(&gr);
            training_target_free(t);
        }
    }
}

/* train --unbuilt-targets: the listed programs below the tree go, one outside it is refused. */
static void test_unbuilt_targets(void)
{
    char dir[] = "/tmp/pgo-unit-targets-XXXXXX";
    char *tree, *prog, *list, *outside, *text;
    struct train_targets t;

    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    tree = xasprintf("%s/tree", dir);
    prog = xasprintf("%s/tree/tests/c", dir);
    list = xasprintf("%s/tree/list.txt", dir);
    outside = xasprintf("%s/keep", dir);
    CHECK(mkdir_p(prog) == 0 && rmdir(prog) == 0);
    CHECK(write_file(prog, "x", 1) == 0 && write_file(outside, "x", 1) == 0);
    text = xasprintf("c\t%s\nmissing\t%s/tree/never-built\n", prog, dir);
    CHECK(write_file(list, text, strlen(text)) == 0);
    free(text);
    t = (struct train_targets){.list = list, .build_dir = tree, .raw_dir = tree, .verbose = 0};
    CHECK(train_targets_remove(&t) == 0);
    CHECK(access(prog, F_OK) != 0);
    CHECK(train_targets_remove(&t) == 0); /* nothing left to remove: no error */

    text = xasprintf("c\t%s/tree/../keep\n", dir);
    CHECK(write_file(list, text, strlen(text)) == 0);
    free(text);
    CHECK(train_targets_remove(&t) < 0);
    text = xasprintf("c\t%s\n", outside);
    CHECK(write_file(list, text, strlen(text)) == 0);
    free(text);
    CHECK(train_targets_remove(&t) < 0);
    CHECK(access(outside, F_OK) == 0);
    CHECK(write_file(list, "c no-tab\n", 9) == 0);
    CHECK(train_targets_remove(&t) < 0);

    remove_tree(dir);
    free(outside);
    free(list);
    free(prog);
    free(tree);
}

static void test_nm_cache(void)
{
    char dir[] = "/tmp/pgo-unit-nm-XXXXXX";
    char *nm, *log, *cache, *objects[2];
    struct buf out;
    const char *script = "#!/bin/sh\n"
                         "for f; do case \"$f\" in -*) ;; *) echo \"$f\" >> \"${0%/*}/log\"\n"
                         "  echo \"$f: sym_${f##*/} T 0 4\" ;; esac; done\n";

    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    nm = xasprintf("%s/nm", dir);
    log = xasprintf("%s/log", dir);
    cache = xasprintf("%s/cache", dir);
    objects[0] = xasprintf("%s/a.o", dir);
    objects[1] = xasprintf("%s/b.o", dir);
    CHECK(write_file(nm, script, strlen(script)) == 0 && chmod(nm, 0755) == 0);
    CHECK(write_file(objects[0], "a", 1) == 0 && write_file(objects[1], "bb", 2) == 0);

    buf_init(&out);
    CHECK(nm_defined(nm, cache, objects, 2, &out) == 0);
    CHECK_EQ_UL(count_lines(log), 2);
    buf_add(&out, "", 1);
    CHECK(strstr(out.data, "/a.o: sym_a.o T 0 4\n") && strstr(out.data, "/b.o: sym_b.o T 0 4\n"));
    CHECK(strstr(out.data, "sym_a.o") < strstr(out.data, "sym_b.o"));
    {
        /* Unchanged: the same lines, and nm is not run. */
        struct buf again;

        buf_init(&again);
        CHECK(nm_defined(nm, cache, objects, 2, &again) == 0);
        buf_add(&again, "", 1);
        CHECK_EQ_UL(count_lines(log), 2);
        CHECK_STR(again.data, out.data);
        buf_release(&again);
    }
    {
        /* b.o rewritten with another size: only it is read again. */
        struct buf third;

        buf_init(&third);
        CHECK(write_file(objects[1], "bbb", 3) == 0);
        CHECK(nm_defined(nm, cache, objects, 2, &third) == 0);
        buf_add(&third, "", 1);
        CHECK_EQ_UL(count_lines(log), 3);
        CHECK_STR(third.data, out.data);
        buf_release(&third);
    }
    {
        /* Another nm: the cache is not its. */
        char *other = xasprintf("%s/nm2", dir);
        struct buf fourth;

        buf_init(&fourth);
        CHECK(symlink(nm, other) == 0);
        CHECK(nm_defined(other, cache, objects, 2, &fourth) == 0);
        CHECK_EQ_UL(count_lines(log), 5);
        buf_release(&fourth);
        unlink(other);
        free(other);
    }
    buf_release(&out);
    remove_tree(dir);
    free(objects[1]);
    free(objects[0]);
    free(cache);
    free(log);
    free(nm);
}

/* A cached output comes back only for the tool and input files as they were when it was
 * kept; profdata_text runs llvm-profdata once for the steps of a build, and
 * profdata_text_dirs once per test folder whose raw profiles did not change. */
static void test_output_cache(void)
{
    char dir[] = "/tmp/pgo-unit-cache-XXXXXX";
    char *tool, *log, *cache, *profile, *key;
    struct buf out;
    const char *script = "#!/bin/sh\n"
                         "echo run >> \"${0%/*}/log\"\n"
                         "shift 3; echo \"text of $*\"\n";

    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    tool = xasprintf("%s/llvm-profdata", dir);
    log = xasprintf("%s/log", dir);
    cache = xasprintf("%s/cache", dir);
    profile = xasprintf("%s/p.profdata", dir);
    CHECK(write_file(tool, script, strlen(script)) == 0 && chmod(tool, 0755) == 0);
    CHECK(write_file(profile, "1", 1) == 0);

    buf_init(&out);
    {
        char *const files[] = {tool, profile}, *const missing[] = {tool, log};

        key = output_cache_key(files, 2);
        CHECK(key != NULL);
        CHECK(output_cache_key(missing, 2) == NULL); /* no log yet */
    }
    CHECK(output_cache_get(cache, key, &out) == 0); /* none yet */
    output_cache_put(NULL, key, "x", 1);
    output_cache_put(cache, NULL, "x", 1);
    CHECK(output_cache_get(cache, NULL, &out) == 0);
    output_cache_put(cache, key, "kept", 4);
    CHECK(output_cache_get(NULL, key, &out) == 0);
    CHECK(output_cache_get(cache, key, &out) == 1);
    buf_add(&out, "", 1);
    CHECK_STR(out.data, "kept");
    free(key);
    CHECK(unlink(cache) == 0);

    out.len = 0;
    CHECK(profdata_text(tool, profile, cache, &out) == 0);
    CHECK(profdata_text(tool, profile, cache, &out) == 0);
    CHECK_EQ_UL(count_lines(log), 1);
    buf_add(&out, "", 1);
    {
        char *want = xasprintf("text of %s\ntext of %s\n", profile, profile);

        CHECK_STR(out.data, want);
        free(want);
    }
    /* A new profile: llvm-profdata runs again. */
    CHECK(unlink(profile) == 0 && write_file(profile, "22", 2) == 0);
    out.len = 0;
    CHECK(profdata_text(tool, profile, cache, &out) == 0);
    CHECK_EQ_UL(count_lines(log), 2);
    {
        /* A cache cut short is no cache. */
        struct buf text;

        buf_init(&text);
        CHECK(read_file(cache, &text) == 0 && text.len > 1);
        CHECK(write_file(cache, text.data, text.len - 1) == 0);
        out.len = 0;
        CHECK(profdata_text(tool, profile, cache, &out) == 0);
        CHECK_EQ_UL(count_lines(log), 3);
        buf_release(&text);
    }
    {
        /* Another tool: the cache is not its. */
        char *other = xasprintf("%s/llvm-profdata-2", dir);

        CHECK(write_file(other, script, strlen(script)) == 0 && chmod(other, 0755) == 0);
        out.len = 0;
        CHECK(profdata_text(other, profile, cache, &out) == 0);
        CHECK_EQ_UL(count_lines(log), 4);
        free(other);
    }
    {
        /* Two test folders read side by side; then only the one whose profiles changed. */
        char *raw = xasprintf("%s/raw", dir), *texts = xasprintf("%s/texts", dir);
        char *dirs[2], *a, *b;
        struct buf got[2];

        dirs[0] = xasprintf("%s/t0000", raw);
        dirs[1] = xasprintf("%s/t0001", raw);
        a = xasprintf("%s/1.profraw", dirs[0]);
        b = xasprintf("%s/2.profraw", dirs[1]);
        CHECK(mkdir_p(dirs[0]) == 0 && mkdir_p(dirs[1]) == 0);
        CHECK(write_file(a, "a", 1) == 0 && write_file(b, "b", 1) == 0);
        for (int round = 0; round < 3; round++) {
            if (round == 2)
                CHECK(unlink(b) == 0 && write_file(b, "cc", 2) == 0);
            buf_init(&got[0]);
            buf_init(&got[1]);
            CHECK(profdata_text_dirs(tool, dirs, 2, texts, got) == 0);
            buf_add(&got[0], "", 1);
            buf_add(&got[1], "", 1);
            CHECK(strstr(got[0].data, "1.profraw") && strstr(got[1].data, "2.profraw"));
            buf_release(&got[0]);
            buf_release(&got[1]);
            CHECK_EQ_UL(count_lines(log), round < 2 ? 6 : 7);
        }
        free(b);
        free(a);
        free(dirs[1]);
        free(dirs[0]);
        free(texts);
        free(raw);
    }
    buf_release(&out);
    remove_tree(dir);
    free(profile);
    free(cache);
    free(log);
    free(tool);
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "";

    set_subcommand("unit");
    if (strcmp(name, "ctest_list") == 0)
        test_ctest_list();
    else if (strcmp(name, "raw_header") == 0)
        test_raw_header();
    else if (strcmp(name, "indexed_header") == 0)
        test_indexed_header();
    else if (strcmp(name, "indexed_summary") == 0)
        test_indexed_summary();
    else if (strcmp(name, "gcda_compile_hash") == 0)
        test_gcda_compile_hash();
    else if (strcmp(name, "llvm_versions") == 0)
        test_llvm_versions();
    else if (strcmp(name, "llvm_text") == 0)
        test_llvm_text();
    else if (strcmp(name, "gcda") == 0)
        test_gcda();
    else if (strcmp(name, "gcda_name") == 0)
        test_gcda_name();
    else if (strcmp(name, "paths") == 0)
        test_paths();
    else if (strcmp(name, "diag_filter") == 0)
        test_diag_filter();
    else if (strcmp(name, "diag_count") == 0)
        test_diag_count();
    else if (strcmp(name, "link_map") == 0)
        test_link_map();
    else if (strcmp(name, "elf") == 0)
        test_elf(argc > 2 ? argv[2] : NULL, argc > 3 ? argv[3] : NULL);
    else if (strcmp(name, "fnv") == 0)
        test_fnv();
    else if (strcmp(name, "bolt_log") == 0)
        test_bolt_log();
    else if (strcmp(name, "bench_stats") == 0)
        test_bench_stats();
    else if (strcmp(name, "cachegrind") == 0)
        test_cachegrind();
    else if (strcmp(name, "rename") == 0)
        test_rename();
    else if (strcmp(name, "gzip") == 0)
        test_gzip();
    else if (strcmp(name, "tar") == 0)
        test_tar();
    else if (strcmp(name, "ccache_names") == 0)
        test_ccache_names();
    else if (strcmp(name, "nm_cache") == 0)
        test_nm_cache();
    else if (strcmp(name, "output_cache") == 0)
        test_output_cache();
    else if (strcmp(name, "gcda_summary") == 0)
        test_gcda_summary();
    else if (strcmp(name, "unbuilt_targets") == 0)
        test_unbuilt_targets();
    else if (strcmp(name, "test_profiles") == 0)
        test_test_profiles();
    else if (strcmp(name, "training_choice") == 0)
        test_training_choice();
    else {
        fprintf(stderr, "usage: pgo_helper_unit CASE [ARGS...]: unknown case '%s'\n", name);
        return 2;
    }
    if (failures) {
        fprintf(stderr, "%s: %d check%s failed\n", name, failures, failures == 1 ? "" : "s");
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}
