/* SPDX-License-Identifier: MIT */
/* Reading the training's per-test profiles back, and what each test adds (test_profiles.h). */
#define _POSIX_C_SOURCE 200809L
#include "test_profiles.h"

#include "fs.h"
#include "kept_tests.h"
#include "profdata_text.h"
#include "profile_formats.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The function keys, found by an open-addressed table of their indices. */
struct key_index {
    struct test_profiles *p;
    size_t *slots; /* index + 1, 0 for empty */
    size_t size;   /* a power of two */
};

static uint64_t key_hash(const char *s)
{
    return fnv1a64(FNV1A64_INIT, s, strlen(s));
}

static void grow(struct key_index *ix)
{
    size_t size = ix->size ? ix->size * 2 : 1024;
    size_t *slots = xcalloc(size, sizeof(*slots));

    for (size_t i = 0; i < ix->size; i++) {
        if (ix->slots[i]) {
            size_t h = (size_t)key_hash(ix->p->keys[ix->slots[i] - 1]) & (size - 1);

            while (slots[h])
                h = (h + 1) & (size - 1);
            slots[h] = ix->slots[i];
        }
    }
    free(ix->slots);
    ix->slots = slots;
    ix->size = size;
}

/* The index of KEY, added if new (KEY is taken over). */
static size_t key_of(struct key_index *ix, char *key)
{
    size_t h;

    if ((ix->p->nkeys + 1) * 2 > ix->size)
        grow(ix);
    for (h = (size_t)key_hash(key) & (ix->size - 1); ix->slots[h]; h = (h + 1) & (ix->size - 1)) {
        if (strcmp(ix->p->keys[ix->slots[h] - 1], key) == 0) {
            free(key);
            return ix->slots[h] - 1;
        }
    }
    ix->p->keys = xrealloc(ix->p->keys, (ix->p->nkeys + 1) * sizeof(*ix->p->keys));
    ix->p->keys[ix->p->nkeys] = key;
    ix->slots[h] = ++ix->p->nkeys;
    return ix->p->nkeys - 1;
}

static void add_counts(struct key_index *ix, struct test_profile *t, char *key,
                       const uint64_t *counts, size_t n)
{
    struct test_counts *c;

    t->fns = xrealloc(t->fns, (t->nfns + 1) * sizeof(*t->fns));
    c = &t->fns[t->nfns++];
    c->fn = key_of(ix, key);
    c->counts = xmalloc((n ? n : 1) * sizeof(*c->counts));
    if (n)
        memcpy(c->counts, counts, n * sizeof(*counts));
    c->ncounts = n;
    for (size_t i = 0; i < n; i++)
        t->total += counts[i];
}

struct clang_ctx {
    struct key_index *ix;
    struct test_profile *t;
};

static void take_record(const struct llvm_text_record *r, void *ctx)
{
    struct clang_ctx *c = ctx;

    add_counts(c->ix, c->t,
               xasprintf("%.*s\t%016llx", (int)r->name_len, r->name, (unsigned long long)r->hash),
               r->counts, r->ncounts);
}

/* The records of one test's text (profdata_text_dirs) into T. */
static void take_clang_text(struct key_index *ix, struct test_profile *t, const struct buf *text)
{
    struct clang_ctx c = {ix, t};

    llvm_text_records(text->data ? text->data : "", text->len, take_record, &c);
}

static int read_gcc(struct key_index *ix, struct test_profile *t, const char *dir)
{
    struct strvec files;
    int rc;

    strvec_init(&files);
    rc = list_dir(dir, ".gcda", &files);
    for (size_t i = 0; i < files.n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", dir, files.v[i]);
        struct buf data;
        struct gcda_function *fns = NULL;
        size_t n = 0;
        const char *why = NULL;

        buf_init(&data);
        if (read_file(path, &data) < 0) {
            rc = -1;
        } else if (gcda_functions((const unsigned char *)(data.data ? data.data : ""), data.len,
                                  &fns, &n, &why) < 0) {
            error("%s: %s", path, why ? why : "not a .gcda file");
            rc = -1;
        } else {
            for (size_t f = 0; f < n; f++)
                add_counts(ix, t,
                           xasprintf("%s\t%lu\t%lu", files.v[i], (unsigned long)fns[f].ident,
                                     (unsigned long)fns[f].cfg_checksum),
                           fns[f].arcs, fns[f].narcs);
        }
        gcda_functions_release(fns, n);
        buf_release(&data);
        free(path);
    }
    strvec_release(&files);
    return rc;
}

/* The first line of DIR/FILE, or NULL. */
static char *first_line(const char *dir, const char *file)
{
    char *path = xasprintf("%s/%s", dir, file), *line = NULL;
    struct buf b;

    buf_init(&b);
    if (access(path, F_OK) == 0 && read_file(path, &b) == 0) {
        buf_add(&b, "", 1);
        line = xstrndup(b.data, strcspn(b.data, "\n"));
    }
    buf_release(&b);
    free(path);
    return line;
}

int test_profiles_read(const char *raw, int clang, const char *tool, const char *cache_dir,
                       struct test_profiles *out)
{
    struct key_index ix = {out, NULL, 0};
    struct strvec entries, dirs;
    struct buf *texts = NULL;
    int rc;

    memset(out, 0, sizeof(*out));
    strvec_init(&entries);
    strvec_init(&dirs);
    rc = list_dir(raw, NULL, &entries);
    for (size_t i = 0; i < entries.n && rc == 0; i++) {
        if (kept_tests_is_test_folder(entries.v[i]))
            strvec_pushf(&dirs, "%s/%s", raw, entries.v[i]);
    }
    if (rc == 0 && clang && dirs.n > 0) {
        /* One llvm-profdata run per test: run them side by side. */
        texts = xcalloc(dirs.n, sizeof(*texts));
        for (size_t i = 0; i < dirs.n; i++)
            buf_init(&texts[i]);
        rc = profdata_text_dirs(tool, dirs.v, dirs.n, cache_dir, texts);
    }
    out->tests = xcalloc(dirs.n ? dirs.n : 1, sizeof(*out->tests));
    for (size_t i = 0; i < dirs.n && rc == 0; i++) {
        struct test_profile *t = &out->tests[out->ntests++];
        char *seconds;

        t->name = first_line(dirs.v[i], "name");
        if (!t->name)
            t->name = xstrdup(base_name(dirs.v[i]));
        seconds = first_line(dirs.v[i], "seconds");
        t->seconds = seconds ? strtod(seconds, NULL) : -1;
        t->weight = 1;
        free(seconds);
        if (clang)
            take_clang_text(&ix, t, &texts[i]);
        else
            rc = read_gcc(&ix, t, dirs.v[i]);
    }
    for (size_t i = 0; texts && i < dirs.n; i++)
        buf_release(&texts[i]);
    free(texts);
    free(ix.slots);
    strvec_release(&dirs);
    strvec_release(&entries);
    if (rc < 0)
        test_profiles_release(out);
    return rc;
}

void test_profiles_load(const char *build_dir, const char *which, int clang, const char *tool,
                        struct test_profiles *out)
{
    char *raw = xasprintf("%s/_pgo/instrumented/_pgo/%s", build_dir, which);
    char *cache = xasprintf("%s/_pgo/texts-of-%s", build_dir, which);

    memset(out, 0, sizeof(*out));
    if (access(raw, F_OK) == 0 && test_profiles_read(raw, clang, tool, cache, out) < 0)
        warn("the %s in %s could not be read",
             strcmp(which, "raw") == 0 ? "training tests' own profiles" : "benchmark's profile",
             raw);
    free(cache);
    free(raw);
}

void test_profiles_release(struct test_profiles *p)
{
    for (size_t i = 0; i < p->ntests; i++) {
        for (size_t f = 0; f < p->tests[i].nfns; f++)
            free(p->tests[i].fns[f].counts);
        free(p->tests[i].fns);
        free(p->tests[i].name);
        free(p->tests[i].label);
    }
    free(p->tests);
    for (size_t k = 0; k < p->nkeys; k++)
        free(p->keys[k]);
    free(p->keys);
    memset(p, 0, sizeof(*p));
}

/* The sum of a function's counters. */
static uint64_t fn_total(const struct test_counts *c)
{
    uint64_t s = 0;

    for (size_t i = 0; i < c->ncounts; i++)
        s += c->counts[i];
    return s;
}

static const struct test_counts *sort_base;

static int by_total_desc(const void *a, const void *b)
{
    uint64_t x = fn_total(&sort_base[*(const size_t *)a]);
    uint64_t y = fn_total(&sort_base[*(const size_t *)b]);

    return x < y ? 1 : x > y ? -1 : 0;
}

/* Marks in hot[] (one per test function) the fewest functions holding 90% of T's counts. */
static void hot_functions(const struct test_profile *t, unsigned char *hot)
{
    size_t *order = xmalloc((t->nfns ? t->nfns : 1) * sizeof(*order));
    uint64_t sum = 0;

    for (size_t i = 0; i < t->nfns; i++)
        order[i] = i;
    sort_base = t->fns;
    qsort(order, t->nfns, sizeof(*order), by_total_desc);
    memset(hot, 0, t->nfns ? t->nfns : 1);
    for (size_t i = 0; i < t->nfns && t->total > 0 && (double)sum < 0.9 * (double)t->total; i++) {
        uint64_t s = fn_total(&t->fns[order[i]]);

        if (s == 0)
            break;
        hot[order[i]] = 1;
        sum += s;
    }
    free(order);
}

void test_profiles_weigh(struct test_profiles *p, const struct strvec *specs)
{
    for (size_t i = 0; i < p->ntests; i++) {
        p->tests[i].weight = 1;
        for (size_t k = 0; specs && k < specs->n; k++) {
            const char *colon = strchr(specs->v[k], ':');

            if (colon && strcmp(colon + 1, p->tests[i].name) == 0)
                p->tests[i].weight = strtod(specs->v[k], NULL);
        }
    }
}

void test_profiles_measure(const struct test_profiles *p, struct test_contribution *out)
{
    /* The counters of every function summed over the tests. */
    double **sum = xcalloc(p->nkeys ? p->nkeys : 1, sizeof(*sum));
    size_t *nsum = xcalloc(p->nkeys ? p->nkeys : 1, sizeof(*nsum));
    unsigned *hot_in = xcalloc(p->nkeys ? p->nkeys : 1, sizeof(*hot_in));
    unsigned char **hot = xcalloc(p->ntests ? p->ntests : 1, sizeof(*hot));
    double all = 0; /* the merged profile's counts: each test's times its weight */

    for (size_t i = 0; i < p->ntests; i++) {
        const struct test_profile *t = &p->tests[i];

        all += t->weight * (double)t->total;
        for (size_t f = 0; f < t->nfns; f++) {
            const struct test_counts *c = &t->fns[f];

            if (c->ncounts > nsum[c->fn]) {
                sum[c->fn] = xrealloc(sum[c->fn], c->ncounts * sizeof(**sum));
                memset(sum[c->fn] + nsum[c->fn], 0, (c->ncounts - nsum[c->fn]) * sizeof(**sum));
                nsum[c->fn] = c->ncounts;
            }
            for (size_t k = 0; k < c->ncounts; k++)
                sum[c->fn][k] += t->weight * (double)c->counts[k];
        }
        hot[i] = xmalloc(t->nfns ? t->nfns : 1);
        hot_functions(t, hot[i]);
        for (size_t f = 0; f < t->nfns; f++)
            hot_in[t->fns[f].fn] += hot[i][f];
    }
    for (size_t i = 0; i < p->ntests; i++) {
        const struct test_profile *t = &p->tests[i];
        struct test_contribution *o = &out[i];
        double own = t->weight * (double)t->total, others = all - own, overlap = 0;

        memset(o, 0, sizeof(*o));
        o->share = all > 0 ? own / all : 0;
        for (size_t f = 0; f < t->nfns; f++) {
            const struct test_counts *c = &t->fns[f];

            o->reached += fn_total(c) > 0;
            o->hot_only += hot[i][f] && hot_in[c->fn] == 1;
            for (size_t k = 0; k < c->ncounts && t->total && others > 0; k++) {
                double a = (double)c->counts[k] / (double)t->total;
                double b = (sum[c->fn][k] - t->weight * (double)c->counts[k]) / others;

                b = b > 0 ? b : 0; /* rounding */

                overlap += a < b ? a : b;
            }
        }
        o->overlap = t->total && others > 0 ? overlap : -1;
    }
    for (size_t k = 0; k < p->nkeys; k++)
        free(sum[k]);
    for (size_t i = 0; i < p->ntests; i++)
        free(hot[i]);
    free(hot);
    free(hot_in);
    free(nsum);
    free(sum);
}

size_t test_profiles_groups(const struct test_profiles *p, size_t k, size_t *group_of,
                            int *by_label)
{
    size_t labelled = 0, groups = 0;

    for (size_t i = 0; i < p->ntests; i++)
        labelled += p->tests[i].label != NULL;
    /* By label: the first test of each label (or of none) opens its group. */
    for (size_t i = 0; i < p->ntests && labelled > 0; i++) {
        const char *l = p->tests[i].label;
        size_t g = groups;

        for (size_t j = 0; j < i; j++) {
            const char *m = p->tests[j].label;

            if ((!l && !m) || (l && m && strcmp(l, m) == 0)) {
                g = group_of[j];
                break;
            }
        }
        group_of[i] = g;
        groups += g == groups;
    }
    *by_label = groups >= 2;
    if (*by_label)
        return groups;
    if (k > p->ntests)
        k = p->ntests;
    for (size_t i = 0; i < p->ntests; i++)
        group_of[i] = k ? i % k : 0;
    return k;
}

/* The overlap of the counts of the tests in group g with those of all the others. */
static double group_overlap(const struct test_profiles *p, const size_t *group_of, size_t g)
{
    uint64_t **in = xcalloc(p->nkeys ? p->nkeys : 1, sizeof(*in));
    uint64_t **out = xcalloc(p->nkeys ? p->nkeys : 1, sizeof(*out));
    size_t *n = xcalloc(p->nkeys ? p->nkeys : 1, sizeof(*n));
    uint64_t tin = 0, tout = 0;
    double overlap = 0;

    for (size_t i = 0; i < p->ntests; i++) {
        const struct test_profile *t = &p->tests[i];

        for (size_t f = 0; f < t->nfns; f++) {
            const struct test_counts *c = &t->fns[f];
            uint64_t **side = group_of[i] == g ? in : out;

            if (c->ncounts > n[c->fn]) {
                in[c->fn] = xrealloc(in[c->fn], c->ncounts * sizeof(**in));
                out[c->fn] = xrealloc(out[c->fn], c->ncounts * sizeof(**out));
                memset(in[c->fn] + n[c->fn], 0, (c->ncounts - n[c->fn]) * sizeof(**in));
                memset(out[c->fn] + n[c->fn], 0, (c->ncounts - n[c->fn]) * sizeof(**out));
                n[c->fn] = c->ncounts;
            }
            for (size_t q = 0; q < c->ncounts; q++)
                side[c->fn][q] += c->counts[q];
        }
        if (group_of[i] == g)
            tin += t->total;
        else
            tout += t->total;
    }
    for (size_t f = 0; f < p->nkeys && tin && tout; f++) {
        for (size_t q = 0; q < n[f]; q++) {
            double a = (double)in[f][q] / (double)tin, b = (double)out[f][q] / (double)tout;

            overlap += a < b ? a : b;
        }
    }
    for (size_t f = 0; f < p->nkeys; f++) {
        free(in[f]);
        free(out[f]);
    }
    free(n);
    free(out);
    free(in);
    return tin && tout ? overlap : -1;
}

double test_profiles_folds(const struct test_profiles *p, size_t k, double *group, size_t *used,
                           int *by_label)
{
    size_t *group_of = xcalloc(p->ntests ? p->ntests : 1, sizeof(*group_of));
    double sum = 0;
    size_t counted = 0, groups = test_profiles_groups(p, k, group_of, by_label);

    *used = groups;
    for (size_t g = 0; g < groups && groups >= 2; g++) {
        group[g] = group_overlap(p, group_of, g);
        if (group[g] >= 0) {
            sum += group[g];
            counted++;
        }
    }
    free(group_of);
    return groups >= 2 && counted ? sum / (double)counted : -1;
}

/* A test's name as the terminal shows it: control characters as '?'. */
static void print_name(const char *s, FILE *out)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
}

void test_profiles_format_share(char *out, size_t n, double share)
{
    double pct = 100.0 * share;

    if (share > 0 && pct < 0.01)
        snprintf(out, n, "<0.01%%");
    else if (share > 0 && pct < 1)
        snprintf(out, n, "%.2f%%", pct);
    else if (share < 1 && pct >= 99.95)
        snprintf(out, n, ">99.9%%");
    else
        snprintf(out, n, "%.1f%%", pct);
}

void test_profiles_print_folds(const struct test_profiles *p, size_t k, double threshold, FILE *out)
{
    double *group = xcalloc(p->ntests ? p->ntests : 1, sizeof(*group));
    size_t *group_of = xcalloc(p->ntests ? p->ntests : 1, sizeof(*group_of));
    size_t used;
    int by_label;
    double mean = test_profiles_folds(p, k, group, &used, &by_label);

    if (mean < 0) {
        fprintf(out, "  generalizes    unknown (fewer than two groups of training tests with "
                     "counts)\n");
        goto done;
    }
    test_profiles_groups(p, k, group_of, &by_label);
    if (by_label)
        fprintf(out,
                "  generalizes    %.1f%% (%zu groups by CTest label, each group's counts "
                "against the others')\n",
                100.0 * mean, used);
    else
        fprintf(out,
                "  generalizes    %.1f%% (%zu-fold: the tests dealt round-robin into %zu groups, "
                "each group's counts against the others')\n",
                100.0 * mean, used, used);
    for (size_t g = 0; g < used; g++) {
        size_t shown = 0, first = 0;

        if (group[g] < 0 || 100.0 * group[g] >= threshold)
            continue;
        while (group_of[first] != g)
            first++;
        if (by_label && p->tests[first].label) {
            fprintf(out, "                 below %.0f%%: label ", threshold);
            print_name(p->tests[first].label, out);
            fprintf(out, ", %.1f%% (", 100.0 * group[g]);
        } else if (by_label) {
            fprintf(out, "                 below %.0f%%: no label, %.1f%% (", threshold,
                    100.0 * group[g]);
        } else {
            fprintf(out, "                 below %.0f%%: group %zu, %.1f%% (", threshold, g + 1,
                    100.0 * group[g]);
        }
        for (size_t i = first; i < p->ntests; i++) {
            if (group_of[i] != g)
                continue;
            if (shown == 5) {
                fputs(", ...", out);
                break;
            }
            if (shown++)
                fputs(", ", out);
            print_name(p->tests[i].name, out);
        }
        fputs(")\n", out);
    }
done:
    free(group_of);
    free(group);
}

void test_profiles_print(const struct test_profiles *p, const double *benchmark, size_t k,
                         double threshold, FILE *out)
{
    struct test_contribution *c = xcalloc(p->ntests ? p->ntests : 1, sizeof(*c));

    test_profiles_measure(p, c);
    fprintf(out,
            "  training tests what each adds (overlap: with the counts of all the other "
            "tests%s; hot: the functions holding 90%% of a test's counts)\n",
            benchmark ? "; benchmark: with the benchmark command's" : "");
    fprintf(out, "    %8s %10s %7s %9s %8s", "time s", "functions", "share", "hot only", "overlap");
    if (benchmark)
        fprintf(out, " %9s", "benchmark");
    fprintf(out, "  test\n");
    for (size_t i = 0; i < p->ntests; i++) {
        char seconds[32], overlap[32], share[32];

        if (p->tests[i].seconds >= 0)
            snprintf(seconds, sizeof(seconds), "%.2f", p->tests[i].seconds);
        else
            snprintf(seconds, sizeof(seconds), "-");
        if (c[i].overlap >= 0)
            snprintf(overlap, sizeof(overlap), "%.1f%%", 100.0 * c[i].overlap);
        else
            snprintf(overlap, sizeof(overlap), "-");
        test_profiles_format_share(share, sizeof(share), c[i].share);
        fprintf(out, "    %8s %10lu %7s %9lu %8s", seconds, c[i].reached, share, c[i].hot_only,
                overlap);
        if (benchmark)
            fprintf(out, " %8.1f%%", 100.0 * benchmark[i]);
        fputs("  ", out);
        print_name(p->tests[i].name, out);
        fputc('\n', out);
    }
    free(c);
    test_profiles_print_folds(p, k, threshold, out);
}
