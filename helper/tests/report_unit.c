/* Unit tests of the pure parts of pgo-helper report and metadata. Usage:
 * pgo_helper_report_unit CASE; each case is registered as its own CTest test. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "demangle.h"
#include "metadata.h"
#include "report.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The checksums GCC 12.2 wrote into work.gcda for this source, compiled as "work.c". */
static const char work_c[] = "__attribute__((noinline)) static int sq(int x) { return x * x; }\n"
                             "long work(long n) {\n"
                             "    long s = 0;\n"
                             "    for (long i = 0; i < n; i++) {\n"
                             "        if (i % 7 == 3) s += sq((int)(i & 1023));\n"
                             "        else if (i % 11 == 0) s -= i;\n"
                             "        else s ^= i;\n"
                             "    }\n"
                             "    return s;\n"
                             "}\n"
                             "int never_called(int x) { if (x > 3) return x + 1; return x - 1; }\n";

/* gcc-12 -O2 -fprofile-generate of work_c, run with work(100000). */
static const unsigned char work_gcda[] = {
    0x61, 0x64, 0x63, 0x67, 0x2a, 0x32, 0x32, 0x42, 0x15, 0xae, 0xf8, 0x02, 0xa7, 0x2d, 0x3b, 0x9a,
    0x00, 0x00, 0x00, 0xa1, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x61, 0x30, 0x01, 0x00,
    0x00, 0x00, 0x00, 0x01, 0x0c, 0x00, 0x00, 0x00, 0x8b, 0xd7, 0x0d, 0x63, 0x5a, 0x05, 0x32, 0xf5,
    0x1c, 0xe2, 0x7c, 0xc2, 0x00, 0x00, 0xa1, 0x01, 0xf0, 0xff, 0xff, 0xff, 0x00, 0x00, 0xaf, 0x01,
    0xf8, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x0c, 0x00, 0x00, 0x00, 0x99, 0xf1, 0x4f, 0x69,
    0xe7, 0x6e, 0x6d, 0xcc, 0xeb, 0x2e, 0xe5, 0x55, 0x00, 0x00, 0xa1, 0x01, 0x20, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xce, 0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x71, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x61, 0x30, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0xaf, 0x01, 0x08, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x01, 0x0c, 0x00, 0x00, 0x00, 0x89, 0x74, 0x7b, 0x01, 0x1e, 0x40, 0xeb, 0xc5,
    0xb8, 0x83, 0x30, 0xa4, 0x00, 0x00, 0xa1, 0x01, 0x08, 0x00, 0x00, 0x00, 0xce, 0x37, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xaf, 0x01, 0x08, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

static void test_gcc_checksums(void)
{
    CHECK_EQ_UL(gcc_profile_id("never_called"), 0x630dd78bu);
    CHECK_EQ_UL(gcc_profile_id("work"), 0x694ff199u);
    CHECK_EQ_UL(gcc_lineno_checksum(1, "work.c", "sq"), 0xc5eb401eu);
    CHECK_EQ_UL(gcc_lineno_checksum(2, "work.c", "work"), 0xcc6d6ee7u);
    CHECK_EQ_UL(gcc_lineno_checksum(11, "work.c", "never_called"), 0xf532055au);
}

static void test_gcda_functions(void)
{
    struct gcda_function *fns;
    size_t n;
    const char *why = NULL;

    CHECK(gcda_functions(work_gcda, sizeof(work_gcda), &fns, &n, &why) == 0);
    CHECK_EQ_UL(n, 3);
    if (n == 3) {
        CHECK_EQ_UL(fns[0].ident, 0x630dd78bu);
        CHECK(!fns[0].ran && fns[0].total == 0);
        CHECK_EQ_UL(fns[1].ident, 0x694ff199u);
        CHECK_EQ_UL(fns[1].total, 100001);
        CHECK_EQ_UL(fns[1].max, 77921);
        CHECK(fns[1].ran);
        CHECK_EQ_UL(fns[2].lineno_checksum, 0xc5eb401eu);
        CHECK_EQ_UL(fns[2].total, 14286);
    }
    gcda_functions_release(fns, n);
    CHECK(gcda_functions(work_gcda, 100, &fns, &n, &why) < 0);
    CHECK_STR(why, "truncated record");
    CHECK(gcda_functions((const unsigned char *)"not a gcda file!", 16, &fns, &n, &why) < 0);
    CHECK_STR(why, "no 'gcda' magic");
}

static void test_gcda_naming(void)
{
    struct gcda_function *fns;
    struct rsym syms[1] = {{(char *)"never_called", 1, 0}};
    size_t n;
    const char *why;

    CHECK(gcda_functions(work_gcda, sizeof(work_gcda), &fns, &n, &why) == 0);
    /* From the source alone: every function is declared in it. */
    CHECK_EQ_UL(gcda_name_functions(fns, n, "work.c", work_c, strlen(work_c), NULL, 0), 3);
    CHECK_STR(fns[0].name, "never_called");
    CHECK_STR(fns[1].name, "work");
    CHECK_STR(fns[2].name, "sq");
    gcda_functions_release(fns, n);

    /* Compiled under another name: only the public function in the symbols is named. */
    CHECK(gcda_functions(work_gcda, sizeof(work_gcda), &fns, &n, &why) == 0);
    CHECK_EQ_UL(gcda_name_functions(fns, n, "other.c", work_c, strlen(work_c), syms, 1), 2);
    CHECK_STR(fns[0].name, "never_called");
    CHECK_STR(fns[1].name, "work"); /* public: its ident is the hash of its name */
    CHECK(fns[2].name == NULL);     /* static: its checksums hold the file name */
    gcda_functions_release(fns, n);
}

static void test_kv(void)
{
    static const char text[] = "# comment\ncompiler=clang\n\nbad line\ntraining=a: x=1\r\n"
                               "training=b\nempty=\n";
    struct kv kv;
    struct buf b;

    kv_init(&kv);
    kv_parse(text, sizeof(text) - 1, &kv);
    CHECK_EQ_UL(kv.keys.n, 4);
    CHECK_STR(kv_get(&kv, "compiler"), "clang");
    CHECK_STR(kv_get(&kv, "training"), "a: x=1");
    CHECK_STR(kv_get(&kv, "empty"), "");
    CHECK(kv_get(&kv, "bad line") == NULL);
    kv_add(&kv, "multi", "one\ntwo");
    buf_init(&b);
    kv_format(&kv, &b);
    CHECK_STR(b.data, "compiler=clang\ntraining=a: x=1\ntraining=b\nempty=\nmulti=one two\n");
    buf_release(&b);
    kv_release(&kv);
}

/* A report holding functions NAMES[i] with counters COUNTS[i][0..n). */
static void fake_profile(struct report *r, size_t nfns, const char *const *names,
                         const uint64_t (*counts)[3], size_t n)
{
    report_init(r);
    r->fns = xcalloc(nfns, sizeof(*r->fns));
    r->nfns = r->capfns = nfns;
    for (size_t i = 0; i < nfns; i++) {
        struct rfunc *f = &r->fns[i];

        f->name = xstrdup(names[i]);
        f->file = xstrdup("a.c");
        f->in_profile = 1;
        f->counts = xcalloc(n, sizeof(*f->counts));
        f->ncounts = n;
        for (size_t k = 0; k < n; k++) {
            f->counts[k] = counts[i][k];
            f->total += counts[i][k];
        }
    }
}

static int near(double a, double b)
{
    return a - b < 1e-9 && b - a < 1e-9;
}

static void test_overlap(void)
{
    static const char *const fg[] = {"f", "g"}, *const gf[] = {"g", "f"}, *const h[] = {"h"};
    static const uint64_t base[][3] = {{2, 0, 0}, {0, 0, 2}};
    static const uint64_t scaled[][3] = {{2000, 0, 0}, {0, 0, 2000}};
    static const uint64_t swapped[][3] = {{0, 0, 2}, {1, 1, 0}}; /* g, then f */
    struct report a, b, c, d;
    struct gcda_function *fns;
    size_t n;
    const char *why;
    double v = -1;

    /* The arc counters come with each .gcda function, in the file's order. */
    CHECK(gcda_functions(work_gcda, sizeof(work_gcda), &fns, &n, &why) == 0);
    if (n == 3) {
        uint64_t sum = 0;

        CHECK_EQ_UL(fns[1].narcs, 4);
        for (size_t k = 0; k < fns[1].narcs; k++)
            sum += fns[1].arcs[k];
        CHECK_EQ_UL(sum, fns[1].total);
        CHECK_EQ_UL(fns[0].narcs, 0); /* never ran: GCC writes its counters as zeros, no data */
    }
    gcda_functions_release(fns, n);

    fake_profile(&a, 2, fg, base, 3);
    fake_profile(&b, 2, fg, scaled, 3);
    fake_profile(&c, 2, gf, swapped, 3);
    fake_profile(&d, 1, h, base, 3);
    CHECK(near(profile_overlap(&a, &a), 1.0)); /* a profile against itself */
    CHECK(near(profile_overlap(&a, &b), 1.0)); /* each is scaled to its total */
    /* f: min(2/4, 1/4) + min(0, 1/4); g: min(2/4, 2/4): matched by name, not by order. */
    CHECK(near(profile_overlap(&a, &c), 0.75));
    CHECK(near(profile_overlap(&c, &a), 0.75));
    CHECK(near(profile_overlap(&a, &d), 0.0)); /* no function in common */
    report_release(&a);
    report_release(&b);
    report_release(&c);
    report_release(&d);

    CHECK(llvm_overlap_parse("Program level:\n  # of functions overlap: 132\n"
                             "  Edge profile overlap: 54.754%\n"
                             "  IndirectCall profile overlap: 6.250%\n",
                             &v) == 0);
    CHECK(near(v, 0.54754));
    CHECK(llvm_overlap_parse("Edge profile overlap: n/a\n", &v) < 0);
    CHECK(llvm_overlap_parse("Edge profile overlap: nan%\n", &v) < 0); /* no share */
    CHECK(llvm_overlap_parse("", &v) < 0);
}

/* report_gcc_notes.c: a compile of CMake's compile_commands.json (JSON escapes, then shell
 * quoting), and the names of gcov-dump -l. */
static void test_gcc_notes(void)
{
    static const char db[] =
        "[{\"directory\": \"/b\", \"command\": \"gcc-12 -DMSG=\\\"\\\\\\\"hi there\\\\\\\"\\\" "
        "-I\\\"/s/inc dir\\\" -DU=\\u00e9 -o CMakeFiles/app.dir/main.c.o -c /s/main.c\", "
        "\"file\": \"/s/main.c\"}]";
    static const char dump[] =
        "calc.gcno:  01000000:  60:FUNCTION ident=2038591356, lineno_checksum=0x8e06824d, "
        "cfg_checksum=0x81f343b9, `_Z4calcPKc' calc.cpp:11:6-11:113\n"
        "calc.gcno:    01410000:   4:BLOCKS 1 blocks\n"
        "calc.gcno:  01000000:  81:FUNCTION ident=4826761, lineno_checksum=0x7cb51c4d, "
        "cfg_checksum=0xb8ea5793, `_ZN12_GLOBAL__N_16Parser4termEv' calc.cpp:5:10-5:99\n";
    const char *object = "/b/CMakeFiles/app.dir/main.c.o";
    const char *cut = strstr(db, "\\u00e9") + 5; /* "\u00e" ends the text */
    struct gcc_notes t = {NULL, 0, 0, 0};
    struct strvec words;
    char *dir = NULL;

    strvec_init(&words);
    CHECK(gcc_notes_find_compile(db, sizeof(db) - 1, object, &dir, &words) == 0);
    CHECK_STR(dir, "/b");
    CHECK_EQ_UL(words.n, 8);
    if (words.n == 8) {
        CHECK_STR(words.v[1], "-DMSG=\"hi there\"");
        CHECK_STR(words.v[2], "-I/s/inc dir");
        CHECK_STR(words.v[3], "-DU=?"); /* \u00e9, which paths do not hold */
        CHECK_STR(words.v[5], "CMakeFiles/app.dir/main.c.o");
    }
    free(dir);
    dir = NULL;
    strvec_release(&words);
    strvec_init(&words);
    CHECK(gcc_notes_find_compile(db, sizeof(db) - 1, "/b/other.o", &dir, &words) == -1);
    CHECK(dir == NULL && words.n == 0);
    /* A text ending inside a \u escape: the reader stops there (valgrind and ASan see any byte
     * read past it), and there is no compile. */
    CHECK(gcc_notes_find_compile(db, (size_t)(cut - db), object, &dir, &words) == -1);
    CHECK(dir == NULL && words.n == 0);
    strvec_release(&words);

    CHECK_EQ_UL(gcc_notes_read_dump(dump, sizeof(dump) - 1, &t), 2);
    CHECK(t.changed && t.n == 2);
    if (t.n == 2) {
        CHECK(t.v[0].lineno == 0x8e06824d && t.v[0].cfg == 0x81f343b9);
        CHECK_STR(t.v[0].name, "_Z4calcPKc");
        CHECK_STR(t.v[1].name, "_ZN12_GLOBAL__N_16Parser4termEv");
    }
    CHECK_EQ_UL(gcc_notes_read_dump(dump, sizeof(dump) - 1, &t), 0); /* known already */
    gcc_notes_release(&t);
}

/* report_lto.c: `nm -P` and `nm -P -A` output of LTO objects (llvm-nm 19). */
static void test_lto_nm(void)
{
    static const char one[] = "_Z4calcPKc T ---------------- 0\n"
                              "counter d ---------------- 4\n"
                              "blank \n" /* no type: no function */
                              "helper t ---------------- 0\n"
                              "cut ";
    static const char batch[] = "/b/a.o: _Z4calcPKc T ---------------- 0\n"
                                "/b/b.o: cold_path W ---------------- 0\n"
                                "/b/c.o: plain T ---------------- 0\n";
    char a[] = "/b/a.o", b[] = "/b/b.o";
    struct robj objs[2];
    struct robj *list[2] = {&objs[0], &objs[1]};
    struct rsym *syms = NULL;
    size_t count = 0;

    report_lto_read_nm(one, sizeof(one) - 1, &syms, &count);
    CHECK_EQ_UL(count, 2); /* functions only */
    if (count == 2) {
        CHECK(strcmp(syms[0].name, "_Z4calcPKc") == 0 && syms[0].global);
        CHECK(strcmp(syms[1].name, "helper") == 0 && !syms[1].global);
        CHECK(syms[1].placement == PLACE_UNKNOWN);
    }
    report_free_syms(syms, count);
    memset(objs, 0, sizeof(objs));
    objs[0].object = a;
    objs[1].object = b;
    report_lto_read_nm_batch(batch, sizeof(batch) - 1, list, 2);
    CHECK(objs[0].nsyms == 1 && strcmp(objs[0].syms[0].name, "_Z4calcPKc") == 0);
    CHECK(objs[1].nsyms == 1 && strcmp(objs[1].syms[0].name, "cold_path") == 0);
    report_free_syms(objs[0].syms, objs[0].nsyms);
    report_free_syms(objs[1].syms, objs[1].nsyms);
}

static void test_missed(void)
{
    struct rfunc f = {0};
    struct rmissed m = {&f, 0.20, 0.019, 0, 0};

    CHECK(report_is_missed(&m)); /* a tenth of its share, or less */
    m.train_share = 0.021;
    CHECK(!report_is_missed(&m));
    m.work_share = 0.004; /* not hot in the workload */
    m.train_share = 0;
    CHECK(!report_is_missed(&m));
}

static void test_share(void)
{
    char s[16];

    report_format_share(s, sizeof(s), 0.724);
    CHECK_STR(s, "72.4%");
    report_format_share(s, sizeof(s), 0.0059);
    CHECK_STR(s, "0.59%");
    report_format_share(s, sizeof(s), 0.00001);
    CHECK_STR(s, "<0.01%");
    report_format_share(s, sizeof(s), 0);
    CHECK_STR(s, "0%");
}

/* The toolchain's demangler, run once over names and over words in text; long names cut at
 * their template arguments. Needs c++filt (binutils) or llvm-cxxfilt on PATH. */
static void test_demangle(void)
{
    char *names[] = {"_ZN12_GLOBAL__N_11P3numEv", "main",         "_Z9clamp_modIlET_S0_S0_",
                     "_ZN12_GLOBAL__N_11P3numEv", "_Z3fooi.cold", "_Znot a name"};
    char *tool = demangler_find(NULL), *cut;
    struct demangled d = {0};
    struct buf text;

    CHECK(is_mangled("_Z3fooi") && !is_mangled("main") && !is_mangled("_Z"));
    CHECK(tool != NULL);
    if (!tool)
        return;
    CHECK_EQ_UL(demangle_all(tool, names, 6, 0, &d), 3);
    CHECK_STR(demangled_name(&d, "_ZN12_GLOBAL__N_11P3numEv"), "(anonymous namespace)::P::num()");
    CHECK_STR(demangled_name(&d, "_Z9clamp_modIlET_S0_S0_"), "long clamp_mod<long>(long, long)");
    CHECK_STR(demangled_name(&d, "_Z3fooi.cold"), "foo(int) [clone .cold]");
    CHECK_STR(demangled_name(&d, "main"), "main");
    CHECK_STR(demangled_name(&d, "_Z3bari"), "_Z3bari"); /* not asked for: kept */

    buf_init(&text);
    demangle_text(&d, &text, "in _Z9clamp_modIlET_S0_S0_, x_Z3fooi.cold and _Z3fooi.cold.");
    CHECK_STR(text.data, "in long clamp_mod<long>(long, long), x_Z3fooi.cold and "
                         "foo(int) [clone .cold].");
    buf_release(&text);

    cut = short_cpp_name("std::map<int, std::vector<char> >::operator<(int const&) const", 20);
    CHECK_STR(cut, "std::map<\xe2\x80\xa6>::operator<(int const&) const");
    free(cut);
    cut = short_cpp_name("f<int>()", 20);
    CHECK_STR(cut, "f<int>()");
    free(cut);
    demangled_release(&d);
    free(tool);

    /* A tool that is not a demangler leaves every name as it was. */
    CHECK_EQ_UL(demangle_all("false", names, 6, 0, &d), 0);
    CHECK_STR(demangled_name(&d, "_Z9clamp_modIlET_S0_S0_"), "_Z9clamp_modIlET_S0_S0_");
    demangled_release(&d);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*run)(void);
    } cases[] = {{"gcc_checksums", test_gcc_checksums},
                 {"gcda_functions", test_gcda_functions},
                 {"gcda_naming", test_gcda_naming},
                 {"kv", test_kv},
                 {"overlap", test_overlap},
                 {"gcc_notes", test_gcc_notes},
                 {"lto_nm", test_lto_nm},
                 {"missed", test_missed},
                 {"share", test_share},
                 {"demangle", test_demangle}};

    if (argc < 2) {
        fprintf(stderr, "usage: pgo_helper_report_unit CASE\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (strcmp(argv[1], cases[i].name) == 0) {
            cases[i].run();
            if (failures)
                fprintf(stderr, "%d check(s) failed\n", failures);
            return failures != 0;
        }
    }
    fprintf(stderr, "unknown case '%s'\n", argv[1]);
    return 2;
}
