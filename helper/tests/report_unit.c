/* SPDX-License-Identifier: MIT */
/* Unit tests of the pure parts of pgo-helper report and metadata. Usage:
 * pgo_helper_report_unit CASE; each case is registered as its own CTest test. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "demangle.h"
#include "fs.h"
#include "metadata.h"
#include "report_data.h"
#include "report_elf.h"
#include "report_format.h"
#include "report_gcc.h"
#include "report_gcc_notes.h"
#include "report_html.h"
#include "report_lto.h"
#include "report_representative.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The HTML page against hostile strings. A small HTML tokenizer (HTML5's tokenization, as far as
 * the page needs it) turns a page into its sequence of tags, each with its attribute names;
 * the page of a report whose every string reaching it holds markup must have the same
 * sequence as the page of the same report holding harmless strings of the same shape. */

/* Whether c ends a tag name or an attribute name. */
static int html_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int html_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char html_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int html_starts(const char *p, size_t left, const char *word)
{
    size_t n = strlen(word);

    if (left < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (html_lower(p[i]) != word[i])
            return 0;
    return 1;
}

/* Reads a tag from p[*i] (just past '<' or "</") to past its '>', appending "name attr ..."
 * to tok. Returns 0, or -1 at the end of the text inside the tag (a tag HTML drops). */
static int html_tag(const char *p, size_t n, size_t *i, struct buf *tok, int *self_closing)
{
    size_t k = *i;

    *self_closing = 0;
    while (k < n && !html_space(p[k]) && p[k] != '/' && p[k] != '>') {
        char c = html_lower(p[k++]);

        buf_add(tok, &c, 1);
    }
    for (;;) {
        while (k < n && (html_space(p[k]) || p[k] == '/')) {
            *self_closing = p[k] == '/' && k + 1 < n && p[k + 1] == '>';
            k++;
        }
        if (k >= n)
            return -1;
        if (p[k] == '>') {
            *i = k + 1;
            return 0;
        }
        /* An attribute: its name (a first '=' belongs to it), then perhaps a value. */
        buf_adds(tok, " ");
        do {
            char c = html_lower(p[k++]);

            buf_add(tok, &c, 1);
        } while (k < n && !html_space(p[k]) && p[k] != '/' && p[k] != '>' && p[k] != '=');
        while (k < n && html_space(p[k]))
            k++;
        if (k < n && p[k] == '=') {
            k++;
            while (k < n && html_space(p[k]))
                k++;
            if (k < n && (p[k] == '"' || p[k] == '\'')) {
                const char *close = memchr(p + k + 1, p[k], n - k - 1);

                if (!close)
                    return -1;
                k = (size_t)(close - p) + 1;
            } else {
                while (k < n && !html_space(p[k]) && p[k] != '>')
                    k++;
            }
        }
    }
}

/* The tags of an HTML page in order: "<name attr ...>", "</name>", "<!-- -->", "<!doctype>".
 * The text of style, script and the other raw-text elements, and of title and textarea, is
 * text up to their end tag, except in SVG (where an SVG title holds HTML again). */
static void html_tokens(const char *p, size_t n, struct strvec *out)
{
    static const char *const raw[] = {"style",    "script",   "xmp",       "iframe", "noembed",
                                      "noframes", "noscript", "plaintext", NULL};
    static const char *const rcdata[] = {"title", "textarea", NULL};
    char until[32] = ""; /* in raw text: the element whose end tag ends it */
    int svg = 0, html_in_svg = 0;
    size_t i = 0;

    while (i < n) {
        struct buf tok;
        int end, self_closing;

        if (until[0]) {
            size_t len = strlen(until);

            while (i < n && !(p[i] == '<' && i + 1 < n && p[i + 1] == '/' &&
                              html_starts(p + i + 2, n - i - 2, until) &&
                              (i + 2 + len == n || html_space(p[i + 2 + len]) ||
                               p[i + 2 + len] == '/' || p[i + 2 + len] == '>')))
                i++;
            until[0] = '\0';
            continue;
        }
        if (p[i] != '<' || i + 1 >= n) {
            i++;
            continue;
        }
        if (html_starts(p + i, n - i, "<!--")) {
            const char *close = NULL;

            for (size_t k = i + 4; k + 3 <= n && !close; k++)
                if (memcmp(p + k, "-->", 3) == 0)
                    close = p + k;
            strvec_push(out, "<!-- -->");
            i = close ? (size_t)(close - p) + 3 : n;
            continue;
        }
        if (p[i + 1] == '!' || p[i + 1] == '?' ||
            (p[i + 1] == '/' && i + 2 < n && !html_alpha(p[i + 2]))) {
            const char *close = memchr(p + i, '>', n - i);

            strvec_push(out, html_starts(p + i, n - i, "<!doctype") ? "<!doctype>" : "<!bogus>");
            i = close ? (size_t)(close - p) + 1 : n;
            continue;
        }
        end = p[i + 1] == '/';
        if (!html_alpha(p[i + 1 + end])) {
            i++; /* a '<' of text */
            continue;
        }
        i += 1 + (size_t)end;
        buf_init(&tok);
        buf_adds(&tok, end ? "</" : "<");
        if (html_tag(p, n, &i, &tok, &self_closing) < 0) {
            buf_release(&tok);
            break;
        }
        buf_adds(&tok, ">");
        strvec_push(out, tok.data);
        {
            const char *name = tok.data + 1 + end;
            size_t len = strcspn(name, " >");
            int in_html = svg == 0 || html_in_svg > 0, text_of = 0;

            if (len == 3 && strncmp(name, "svg", 3) == 0) {
                svg += end ? -(svg > 0) : !self_closing;
            } else if (svg > 0 && len == 5 && strncmp(name, "title", 5) == 0) {
                if (!end && !in_html)
                    html_in_svg++; /* an SVG title: HTML inside */
                else if (end && html_in_svg > 0)
                    html_in_svg--;
                else
                    text_of = !end;
            } else if (!end && in_html) {
                for (const char *const *e = raw; *e; e++)
                    text_of |= strlen(*e) == len && strncmp(name, *e, len) == 0;
                for (const char *const *e = rcdata; *e; e++)
                    text_of |= strlen(*e) == len && strncmp(name, *e, len) == 0;
            }
            if (text_of && len < sizeof(until))
                snprintf(until, sizeof(until), "%.*s", (int)len, name);
        }
        buf_release(&tok);
    }
}

static void test_html_tokens(void)
{
    static const char page[] =
        "<!DOCTYPE html><html lang=\"en\"><head><title>a <b> c</title><style>p{}</style><!-- "
        "<x> --></head><body class=x id='y' hidden><p title=\"a>b\">1 < 2</p><svg><g><title>"
        "t <img src=x onerror=alert(1)></title></g></svg><br/></body></html>";
    static const char *const want[] = {
        "<!doctype>",        "<html lang>", "<head>",   "<title>", "</title>",
        "<style>",           "</style>",    "<!-- -->", "</head>", "<body class id hidden>",
        "<p title>",         "</p>",        "<svg>",    "<g>",     "<title>",
        "<img src onerror>", "</title>",    "</g>",     "</svg>",  "<br>",
        "</body>",           "</html>"};
    struct strvec got;

    strvec_init(&got);
    html_tokens(page, sizeof(page) - 1, &got);
    CHECK_EQ_UL(got.n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < got.n && i < sizeof(want) / sizeof(want[0]); i++)
        CHECK_STR(got.v[i], want[i]);
    strvec_release(&got);
}

/* The page's escaping: text and quoted attributes alike, the page valid UTF-8 whatever the
 * bytes, and a cut string cut between characters, never inside an entity. */
static void test_html_escape(void)
{
    struct buf b;

    buf_init(&b);
    report_html_text(&b, "a<b>&\"'c");
    CHECK_STR(b.data, "a&lt;b&gt;&amp;&quot;&#39;c");
    b.len = 0;
    /* Not UTF-8: a lone lead byte, a sequence cut short, an overlong '/', a surrogate, a
     * code point past U+10FFFF; control characters (ESC, C1's NEL); tab and newline kept. */
    report_html_text(&b, "\xff|\xe2\x82|\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80|\x1b[1m|"
                         "\xc2\x85|\t\n|\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e");
    CHECK_STR(b.data, "\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|"
                      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|"
                      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd[1m|"
                      "\xef\xbf\xbd|\t\n|\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e");
    b.len = 0;
    report_html_escape(&b, "<>x", 2); /* n bytes only */
    CHECK_STR(b.data, "&lt;&gt;");
    b.len = 0;
    report_html_text(&b, NULL);
    CHECK_EQ_UL(b.len, 0);

    /* Cut before escaping, between characters, with an ellipsis. */
    report_html_cut(&b, "a&b", 2);
    CHECK_STR(b.data, "a&amp;\xe2\x80\xa6");
    b.len = 0;
    report_html_cut(&b, "a&b", 3);
    CHECK_STR(b.data, "a&amp;b");
    b.len = 0;
    report_html_cut(&b, "\xc3\xa9\xc3\xa9\xc3\xa9", 3);
    CHECK_STR(b.data, "\xc3\xa9\xe2\x80\xa6");
    b.len = 0;
    report_html_cut(&b, "\xe2\x82\xac\xe2\x82\xac", 2);
    CHECK_STR(b.data, "\xe2\x80\xa6");
    b.len = 0;
    report_html_cut(&b, "\xff\xff\xff", 2); /* a byte that is not UTF-8 counts as one */
    CHECK_STR(b.data, "\xef\xbf\xbd\xef\xbf\xbd\xe2\x80\xa6");
    CHECK_EQ_UL(report_utf8_prefix("a\xe2\x82\xac", 3), 1);
    CHECK_EQ_UL(report_utf8_prefix("a\xe2\x82\xac", 4), 4);
    CHECK_EQ_UL(report_utf8_prefix("<script>alert", 12), 12);
    buf_release(&b);
}

/* Markup of every kind a string may carry into the page. */
#define HOSTILE "<script>alert(1)</script>\"'&</title><img src=x onerror=alert(1)>"

static int hostile;
static struct strvec kept; /* the strings of the report that it does not own */

/* base, with the hostile markup after it (before it: first) in the hostile report. Owned by
 * the caller. */
static char *str_at(const char *base, int first)
{
    if (!hostile)
        return xstrdup(base);
    return first ? xasprintf("%s%s", HOSTILE, base) : xasprintf("%s%s", base, HOSTILE);
}

static char *str(const char *base)
{
    return str_at(base, 0);
}

/* The same, owned by kept. */
static const char *kept_str(const char *base, int first)
{
    char *s = str_at(base, first);

    strvec_push(&kept, s);
    free(s);
    return kept.v[kept.n - 1];
}

static void hostile_fn(struct rfunc *f, const char *name, const char *shown, char *file,
                       uint64_t total, long obj, int placement)
{
    memset(f, 0, sizeof(*f));
    f->name = str(name);
    f->shown = shown ? kept_str(shown, 0) : NULL;
    f->file = file;
    f->total = total;
    f->max = total;
    f->counts = xcalloc(1, sizeof(*f->counts));
    f->counts[0] = total;
    f->ncounts = 1;
    f->in_profile = 1;
    f->ran = total > 0;
    f->obj = obj;
    f->placement = placement;
}

static void hostile_warn(struct rwarn *w, enum rwarn_kind kind, const char *file,
                         const char *function, const char *text, const char *shown, size_t obj)
{
    memset(w, 0, sizeof(*w));
    w->kind = kind;
    w->file = str(file);
    w->function = function ? str(function) : NULL;
    w->text = str(text);
    w->shown_text = shown ? str(shown) : NULL;
    w->obj = obj;
}

/* A report with every string the page shows, hostile or not, and its page in dir. */
static void hostile_page(const char *dir, int meta_present, struct buf *page)
{
    static const char *const bench[][2] = {{"plain_median", "0.500000"},
                                           {"pgo_median", "0.400000"},
                                           {"ratio_median", "1.250"},
                                           {"ratio_min", "1.100"},
                                           {"ratio_max", "1.300"},
                                           {"ratio_q1", "1.200"},
                                           {"ratio_q3", "1.280"},
                                           {"rounds", "5"},
                                           {"plain_times", "0.5,0.51,0.49"},
                                           {"pgo_times", "0.4,0.41,0.39"},
                                           {"plain_rss_kb", "1200"},
                                           {"pgo_rss_kb", "1100"},
                                           {"release_rss_kb", "1150"},
                                           {"plain_instructions", "100000"},
                                           {"pgo_instructions", "90000"},
                                           {"release_instructions", "95000"},
                                           {"plain_cycles", "130000"},
                                           {"pgo_cycles", "110000"},
                                           {"pgo_i1_misses", "12"},
                                           {"pgo_ll_misses", "3"},
                                           {"pgo_mispredicts", "40"},
                                           {"wall_verdict", "faster"},
                                           {"wall_p", "0.031"},
                                           {"release_median", "0.450000"},
                                           {"release_ratio_median", "1.120"}};
    struct report r;
    struct report *w;
    char *bolt_dir = xasprintf("%s/_pgo/bolt", dir), *path = xasprintf("%s/page.html", dir);
    char *bolt = xasprintf("%s\t%s\n", kept_str("app", 0),
                           kept_str("BOLT-INFO: 3 functions reordered, _Z5hot_av", 0));
    char *key;

    report_init(&r);
    r.clang = 1;
    r.source_dir = "/src";
    r.build_dir = dir;
    r.profile = kept_str("/prof/default.profdata", 0);
    r.meta_path = kept_str("/prof/default.profdata.meta", 0);
    r.workload = kept_str("/prof/workload.profdata", 0);
    r.workload_command = kept_str("/b/prog --workload", 1);
    r.compiler_version = str("clang version 19.1.7");

    /* Two objects, four functions (a C++ one, one out of date, one that never ran, one the
     * compiler found no data for) in two files, three warnings. */
    r.objs = xcalloc(2, sizeof(*r.objs));
    r.nobjs = r.capobjs = 2;
    for (size_t i = 0; i < 2; i++) {
        r.objs[i].object =
            str(i ? "/b/CMakeFiles/app.dir/main.c.o" : "/b/CMakeFiles/lib.dir/core.c.o");
        r.objs[i].source = str(i ? "/src/main.c" : "/src/core.c");
        r.objs[i].target = str(i ? "app" : "lib");
    }
    r.fns = xcalloc(4, sizeof(*r.fns));
    r.nfns = r.capfns = 4;
    hostile_fn(&r.fns[0], "_Z5hot_av", "hot_a<int>(std::vector<int> const&)", str("/src/core.c"),
               1000, 0, PLACE_HOT);
    hostile_fn(&r.fns[1], "local_b", NULL, str("/src/core.c"), 500, 0, PLACE_COLD);
    r.fns[1].out_of_date = 1;
    hostile_fn(&r.fns[2], "never_c", NULL, str("/src/main.c"), 0, 1, PLACE_OTHER);
    hostile_fn(&r.fns[3], "_Z6nodatav", "nodata()", str("/src/main.c"), 0, 1, PLACE_UNKNOWN);
    r.fns[3].in_profile = 0;
    r.warns = xcalloc(3, sizeof(*r.warns));
    r.nwarns = r.capwarns = 3;
    hostile_warn(&r.warns[0], RW_OUT_OF_DATE, "/src/core.c", "local_b",
                 "warning: /src/core.c: function control flow change detected (hash mismatch) "
                 "local_b",
                 NULL, 0);
    hostile_warn(&r.warns[1], RW_NO_DATA, "/src/main.c", "_Z6nodatav",
                 "warning: /src/main.c: no profile data available for function _Z6nodatav",
                 "warning: /src/main.c: no profile data available for function nodata()", 1);
    hostile_warn(&r.warns[2], RW_OTHER, "/src/main.c", NULL, "warning: profile mismatch", NULL, 1);
    report_tally(&r);

    r.meta_present = meta_present;
    kv_add(&r.meta, "compiler_version", kept_str("clang version 18.1.8", 0));
    kv_add(&r.meta, "date", kept_str("2024-01-02T03:04:05Z", 0));
    kv_add(&r.meta, "source_revision", kept_str("0123456789abcdef", 1));
    kv_add(&r.meta, kept_str("training", 0), kept_str("ctest -R unit", 1));

    r.bench.present = 1;
    kv_add(&r.bench.kv, "command", kept_str("/b/prog --size 3", 1));
    for (size_t i = 0; i < sizeof(bench) / sizeof(bench[0]); i++)
        kv_add(&r.bench.kv, bench[i][0], kept_str(bench[i][1], 0));
    key = xasprintf("size.%s", kept_str("app/prog", 0));
    kv_add(&r.bench.kv, key, kept_str("plain:100:200,pgo:110:210,release:90:190", 0));
    free(key);
    kv_add(&r.bench.kv, "regression", kept_str("the PGO build is slower", 0));

    /* The workload ran a function the training never did. */
    w = r.rep.work = xmalloc(sizeof(*w));
    report_init(w);
    w->fns = xcalloc(1, sizeof(*w->fns));
    w->nfns = w->capfns = 1;
    hostile_fn(&w->fns[0], "_Z8missed_av", "missed_a()", str("/src/work.c"), 100, -1,
               PLACE_UNKNOWN);
    r.rep.present = 1;
    r.rep.overlap = r.rep.own_overlap = 0.5;
    r.rep.under = xcalloc(1, sizeof(*r.rep.under));
    r.rep.under[0] = (struct rmissed){&w->fns[0], 0.2, 0, 0, 1};
    r.rep.nunder = r.rep.nmissed = 1;

    CHECK(mkdir_p(bolt_dir) == 0);
    {
        char *report_txt = xasprintf("%s/report.txt", bolt_dir);

        CHECK(write_file(report_txt, bolt, strlen(bolt)) == 0);
        free(report_txt);
    }
    CHECK(report_write_html(&r, path) == 0);
    buf_init(page);
    CHECK(read_file(path, page) == 0);
    report_release(&r);
    free(bolt);
    free(bolt_dir);
    free(path);
}

/* Whether the tags of page (html_tokens) hold "<name" with attribute attr (NULL: any). */
static int html_has(const struct strvec *page, const char *name, size_t len, const char *attr,
                    size_t attr_len)
{
    for (size_t i = 0; i < page->n; i++) {
        const char *t = page->v[i], *a;

        if (t[0] != '<' || t[1] == '/' || strncmp(t + 1, name, len) != 0 ||
            (t[1 + len] != ' ' && t[1 + len] != '>'))
            continue;
        if (!attr)
            return 1;
        for (a = t + 1 + len; *a == ' '; a += 1 + strcspn(a + 1, " >"))
            if (strcspn(a + 1, " >") == attr_len && strncmp(a + 1, attr, attr_len) == 0)
                return 1;
    }
    return 0;
}

/* Fails naming every element, and every attribute of an element, of the hostile page that
 * the harmless page has nowhere. */
static void html_added(const struct strvec *harmless, const struct strvec *hostile_tags)
{
    struct strvec named;

    strvec_init(&named);
    for (size_t i = 0; i < hostile_tags->n; i++) {
        const char *t = hostile_tags->v[i], *name = t + 1, *a;
        size_t len = strcspn(name, " >");

        if (t[0] != '<' || t[1] == '/' || t[1] == '!')
            continue;
        if (!html_has(harmless, name, len, NULL, 0)) {
            strvec_pushf(&named, "the element <%.*s>", (int)len, name);
            continue;
        }
        for (a = name + len; *a == ' '; a += 1 + strcspn(a + 1, " >")) {
            size_t attr_len = strcspn(a + 1, " >");

            if (!html_has(harmless, name, len, a + 1, attr_len))
                strvec_pushf(&named, "the attribute %.*s to <%.*s>", (int)attr_len, a + 1, (int)len,
                             name);
        }
    }
    strvec_sort(&named);
    for (size_t i = 0; i < named.n; i++) {
        if (i > 0 && strcmp(named.v[i], named.v[i - 1]) == 0)
            continue;
        fprintf(stderr, "html_hostile: the hostile strings add %s\n", named.v[i]);
        failures++;
    }
    strvec_release(&named);
}

/* Whether s holds word, in any case. */
static const char *html_find(const char *s, const char *word)
{
    for (; *s; s++)
        if (html_starts(s, strlen(s), word))
            return s;
    return NULL;
}

static void test_html_hostile(void)
{
    char dir[] = "/tmp/pgo-html-XXXXXX";

    CHECK(mkdtemp(dir) != NULL);
    strvec_init(&kept);
    for (int meta_present = 1; meta_present >= 0; meta_present--) {
        struct buf page[2];
        struct strvec tags[2];

        for (hostile = 0; hostile < 2; hostile++) {
            hostile_page(dir, meta_present, &page[hostile]);
            strvec_init(&tags[hostile]);
            html_tokens(page[hostile].data, page[hostile].len, &tags[hostile]);
        }
        /* Every tag where the harmless page has it, and none more. */
        for (size_t i = 0; i < tags[1].n; i++) {
            if (i >= tags[0].n || strcmp(tags[0].v[i], tags[1].v[i]) != 0) {
                fprintf(stderr,
                        "html_hostile: the hostile page (sidecar %s) has %s where the harmless "
                        "one has %s (tag %zu)\n",
                        meta_present ? "present" : "missing", tags[1].v[i],
                        i < tags[0].n ? tags[0].v[i] : "nothing", i);
                failures++;
                break;
            }
        }
        CHECK_EQ_UL(tags[1].n, tags[0].n);
        html_added(&tags[0], &tags[1]);
        CHECK(tags[0].n > 300); /* the sections are there */
        /* No markup of the hostile strings left as markup, and their text shown escaped. */
        CHECK(html_find(page[1].data, "<script") == NULL);
        CHECK(html_find(page[1].data, "<img") == NULL);
        for (const char *at = page[1].data; (at = strstr(at, "onerror=")) != NULL; at++) {
            if (at - page[1].data < 14 || memcmp(at - 14, "&lt;img src=x ", 14) != 0) {
                fprintf(stderr, "html_hostile: 'onerror=' outside escaped text: %.60s\n",
                        at > page[1].data + 30 ? at - 30 : page[1].data);
                failures++;
                break;
            }
        }
        CHECK(strstr(page[1].data, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
                                   "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;") != NULL);
        CHECK(strstr(page[1].data, "<code>&lt;script&gt;aler</code>") != NULL); /* the revision */
        for (int k = 0; k < 2; k++) {
            strvec_release(&tags[k]);
            buf_release(&page[k]);
        }
    }
    {
        char *bolt = xasprintf("%s/_pgo", dir);

        CHECK(remove_tree(bolt) == 0);
        free(bolt);
        bolt = xasprintf("%s/page.html", dir);
        CHECK(unlink(bolt) == 0);
        free(bolt);
        CHECK(rmdir(dir) == 0);
    }
    strvec_release(&kept);
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
                 {"demangle", test_demangle},
                 {"html_tokens", test_html_tokens},
                 {"html_escape", test_html_escape},
                 {"html_hostile", test_html_hostile}};

    if (argc < 2) {
        fprintf(stderr, "usage: pgo_helper_report_unit CASE | tags PAGE\n");
        return 2;
    }
    if (strcmp(argv[1], "tags") == 0 && argc == 3) {
        /* The tags of a page, one a line, as the tokenizer sees them: for the module case
         * that parses a report built from hostile names. */
        struct buf page;
        struct strvec tags;

        buf_init(&page);
        strvec_init(&tags);
        if (read_file(argv[2], &page) < 0)
            return 1;
        html_tokens(page.data, page.len, &tags);
        for (size_t i = 0; i < tags.n; i++)
            printf("%s\n", tags.v[i]);
        strvec_release(&tags);
        buf_release(&page);
        return 0;
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
