/* Unit tests of the pure parts of pgo-helper. Usage: pgo_helper_unit CASE [ARGS...]; each
 * case is registered as its own CTest test. */
#define _POSIX_C_SOURCE 200809L
#include "bolt_log.h"
#include "check.h"
#include "ctest_list.h"
#include "diagnostics.h"
#include "elf_scan.h"
#include "fs.h"
#include "link_map.h"
#include "profile_formats.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void check_gcda_name(const char *build, const char *object, const char *expected)
{
    char *name = gcda_name_for_object(build, object);

    if (expected)
        CHECK_STR(name, expected);
    else
        CHECK(name == NULL);
    free(name);
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
