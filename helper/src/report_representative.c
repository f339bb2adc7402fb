/* SPDX-License-Identifier: MIT */
/* Is the training representative? The profile of one run of the benchmark command on the
 * instrumented build (the workload) against the training's: how much of their block counts
 * agree, each scaled to its own total, and which functions the workload runs hot that the
 * training ran cold or never. Clang's figure is llvm-profdata overlap's; GCC has no tool that
 * works (gcov-tool overlap of a profile with itself says 0%), so the same sum is computed
 * here from the arc counters of the .gcda files. */
#define _POSIX_C_SOURCE 200809L
#include "report_representative.h"

#include "report_data.h"
#include "report_format.h"
#include "report_names.h"

#include "subprocess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A function hot in the workload is one holding at least this share of its counts; the
 * training ran it cold when its share there is below a tenth of that. */
#define HOT_SHARE 0.005
#define COLD_RATIO 0.1

static const struct rfunc *sorting_fns;

static int compare_keys(const struct rfunc *a, const struct rfunc *b)
{
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

    return c != 0 ? c : strcmp(a->name, b->name);
}

static int compare_index(const void *a, const void *b)
{
    return compare_keys(&sorting_fns[*(const size_t *)a], &sorting_fns[*(const size_t *)b]);
}

/* The function of the sorted index BY (over FNS) with the key of F, or NULL. */
static const struct rfunc *find_same(const struct rfunc *fns, const size_t *by, size_t n,
                                     const struct rfunc *f)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_keys(&fns[by[mid]], f);

        if (c == 0)
            return &fns[by[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static uint64_t profile_sum(const struct report *r)
{
    uint64_t sum = 0;

    for (size_t i = 0; i < r->nfns; i++)
        if (r->fns[i].in_profile)
            sum += r->fns[i].total;
    return sum;
}

/* The overlap of the counters of B (of a profile summing to BSUM) and T (TSUM). */
static double function_overlap(const struct rfunc *b, uint64_t bsum, const struct rfunc *t,
                               uint64_t tsum)
{
    double overlap = 0;

    /* Counters line up only for the same code: a hash mismatch means another build. */
    if (!b || b->ncounts != t->ncounts || bsum == 0 || tsum == 0)
        return 0;
    for (size_t k = 0; k < t->ncounts; k++) {
        double x = (double)b->counts[k] / (double)bsum;
        double y = (double)t->counts[k] / (double)tsum;

        overlap += x < y ? x : y;
    }
    return overlap;
}

/* An index of R's functions sorted by file and name (caller frees). */
static size_t *sorted_index(const struct report *r)
{
    size_t *by = xcalloc(r->nfns + 1, sizeof(*by));

    for (size_t i = 0; i < r->nfns; i++)
        by[i] = i;
    sorting_fns = r->fns;
    qsort(by, r->nfns, sizeof(*by), compare_index);
    sorting_fns = NULL;
    return by;
}

double profile_overlap(const struct report *base, const struct report *test)
{
    uint64_t base_sum = profile_sum(base), test_sum = profile_sum(test);
    size_t *by = sorted_index(base);
    double overlap = 0;

    for (size_t i = 0; i < test->nfns; i++) {
        const struct rfunc *t = &test->fns[i];

        if (t->in_profile)
            overlap +=
                function_overlap(find_same(base->fns, by, base->nfns, t), base_sum, t, test_sum);
    }
    free(by);
    return overlap;
}

/* Parses "Edge profile overlap: 93.123%" (the first, program-level one) of llvm-profdata
 * overlap's output. Returns 0, or -1 if it is not there. */
int llvm_overlap_parse(const char *text, double *out)
{
    const char *at = strstr(text, "Edge profile overlap:");
    char *end;
    double v;

    if (!at)
        return -1;
    at += strlen("Edge profile overlap:");
    v = strtod(at, &end);
    if (end == at || *end != '%' || !(v >= 0 && v <= 100.0001)) /* NaN too */
        return -1;
    *out = v / 100.0;
    return 0;
}

static int llvm_overlap(const struct report *r, double *out)
{
    char *argv[] = {(char *)r->tool, "overlap", (char *)r->profile, (char *)r->workload, NULL};
    struct buf text;
    int status, rc = -1;

    buf_init(&text);
    if (run_capture(argv, NULL, &text, &text, &status) == 0 && status == 0)
        rc = llvm_overlap_parse(text.data, out);
    if (rc < 0)
        warn("'%s overlap %s %s' gave no edge overlap; computed from the counters instead:\n%s",
             r->tool, r->profile, r->workload, text.data);
    buf_release(&text);
    return rc;
}

static int compare_missed(const void *a, const void *b)
{
    const struct rmissed *x = a, *y = b;
    double dx = x->work_share - x->matched, dy = y->work_share - y->matched;

    return dx < dy ? 1 : dx > dy ? -1 : strcmp(x->f->name, y->f->name);
}

/* Every function whose share of the workload's counts the training does not all match, the
 * largest unmatched share first; those hot in the workload and cold in training count as
 * missed. */
static void find_missed(struct report *r)
{
    struct rrep *rep = &r->rep;
    const struct report *w = rep->work;
    size_t *by = sorted_index(r);

    rep->under = xcalloc(w->nfns + 1, sizeof(*rep->under));
    for (size_t i = 0; i < w->nfns; i++) {
        const struct rfunc *f = &w->fns[i];
        const struct rfunc *t = f->in_profile ? find_same(r->fns, by, r->nfns, f) : NULL;
        struct rmissed m;

        if (!f->in_profile || f->total == 0)
            continue;
        m.f = f;
        m.work_share = (double)f->total / (double)rep->work_sum;
        m.train_share = t && rep->train_sum ? (double)t->total / (double)rep->train_sum : 0;
        m.never = !t || t->total == 0;
        m.matched = function_overlap(t, rep->train_sum, f, rep->work_sum);
        if (m.work_share - m.matched > 1e-9)
            rep->under[rep->nunder++] = m;
    }
    free(by);
    qsort(rep->under, rep->nunder, sizeof(*rep->under), compare_missed);
    for (size_t i = 0; i < rep->nunder; i++)
        rep->nmissed += report_is_missed(&rep->under[i]);
}

int report_is_missed(const struct rmissed *m)
{
    return m->work_share >= HOT_SHARE && m->train_share < m->work_share * COLD_RATIO;
}

int report_representative(struct report *r)
{
    struct rrep *rep = &r->rep;
    struct report *w;

    if (!r->workload)
        return 0;
    if (access(r->workload, F_OK) != 0) {
        warn("no workload profile at %s: the instrumented build has not run the benchmark "
             "command; training and workload not compared",
             r->workload);
        return 0;
    }
    w = rep->work = xmalloc(sizeof(*w));
    report_init(w);
    w->clang = r->clang;
    w->profile = r->workload;
    w->log_dir = r->log_dir;
    w->build_dir = r->build_dir;
    w->tool = r->tool;
    w->nm = r->nm;
    w->linked = r->linked;
    w->source_dir = r->source_dir;
    if (report_read(w) < 0)
        return -1;
    rep->train_sum = profile_sum(r);
    rep->work_sum = profile_sum(w);
    if (rep->work_sum == 0) {
        warn("the workload's profile %s holds no count: the benchmark command ran none of the "
             "project's code on the instrumented build",
             r->workload);
        return 0;
    }
    rep->present = 1;
    rep->own_overlap = profile_overlap(r, w);
    rep->overlap = rep->own_overlap;
    if (r->clang) {
        double v;

        if (llvm_overlap(r, &v) == 0) {
            rep->overlap = v;
            rep->by_tool = 1;
        }
    }
    find_missed(r);
    return 0;
}

void report_format_missed(struct buf *b, const struct rmissed *m, int matched)
{
    char work[16], train[16];

    report_format_share(work, sizeof(work), m->work_share);
    report_format_share(train, sizeof(train), matched ? m->matched : m->train_share);
    buf_adds(b, report_fn_name(m->f, 60));
    if (matched)
        buf_addf(b, " (%s of the workload, %s of it matched by the training)", work, train);
    else if (m->never)
        buf_addf(b, " (%s of the workload, never run in training)", work);
    else
        buf_addf(b, " (%s of the workload, %s of the training)", work, train);
}

const char *report_overlap_method(const struct report *r)
{
    if (r->rep.by_tool)
        return "llvm-profdata overlap";
    return r->clang ? "computed from the profiles' counters"
                    : "computed from the .gcda arc counters";
}

void report_print_representative(const struct report *r)
{
    const struct rrep *rep = &r->rep;
    struct buf b;
    size_t listed = 0;

    if (!rep->present)
        return;
    printf("  representative %.1f%%: the overlap of the training's and the workload's block "
           "counts, each scaled to its total (%s); workload: '%s', run once on the instrumented "
           "build\n",
           100.0 * rep->overlap, report_overlap_method(r),
           r->workload_command ? r->workload_command : r->workload);
    if (r->verbose && rep->by_tool)
        printf("                 %.2f%% computed here from the same counters\n",
               100.0 * rep->own_overlap);
    buf_init(&b);
    for (size_t i = 0; i < rep->nunder && listed < 3; i++) {
        if (!report_is_missed(&rep->under[i]))
            continue;
        buf_adds(&b, listed++ ? ", " : "");
        report_format_missed(&b, &rep->under[i], 0);
    }
    if (listed)
        printf("                 hot in the workload, cold or never run in training: %s%s\n",
               b.data, rep->nmissed > listed ? ", ..." : "");
    buf_release(&b);
}

void report_print_missed(const struct report *r)
{
    const struct rrep *rep = &r->rep;
    char work[16], train[16];
    size_t shown = 0;

    if (!rep->present)
        return;
    printf("hot in the workload, cold or never run in training (share of the workload's counts, "
           "of the training's)\n");
    for (size_t i = 0; i < rep->nunder && shown < r->top; i++) {
        const struct rmissed *m = &rep->under[i];

        if (!report_is_missed(m))
            continue;
        report_format_share(work, sizeof(work), m->work_share);
        report_format_share(train, sizeof(train), m->train_share);
        printf("  %6s %6s  %-24s %s\n", work, m->never ? "never" : train, report_fn_name(m->f, 60),
               report_short_path(r, m->f->file));
        shown++;
    }
    if (rep->nmissed == 0)
        printf("  (none: the training runs every function the workload runs hot)\n");
    else if (rep->nmissed > shown)
        printf("  ... and %zu more\n", rep->nmissed - shown);
}

int report_warn_representative(const struct report *r, double threshold)
{
    const struct rrep *rep = &r->rep;
    struct buf b;
    size_t listed = 0;

    if (!rep->present || 100.0 * rep->overlap >= threshold)
        return 0;
    buf_init(&b);
    /* The missed functions; when the training runs every hot one, the functions where its
     * counts fall elsewhere than the workload's (other paths through them). */
    for (size_t i = 0; i < rep->nunder && listed < 5; i++) {
        if (rep->nmissed > 0 && !report_is_missed(&rep->under[i]))
            continue;
        buf_adds(&b, listed++ ? ", " : "");
        report_format_missed(&b, &rep->under[i], rep->nmissed == 0);
    }
    warn("warning: the training is not representative of the workload '%s': their profiles overlap "
         "%.1f%%, below PGO_REPRESENTATIVE_THRESHOLD (%g%%). %s: %s. Add training that runs "
         "them (pgo_add_training, PGO_TRAINING_COMMAND or PGO_TRAINING_TESTS), or lower "
         "PGO_REPRESENTATIVE_THRESHOLD",
         r->workload_command ? r->workload_command : r->workload, 100.0 * rep->overlap, threshold,
         rep->nmissed > 0 ? "The training ran these functions, hot in the workload, cold or "
                            "never"
                          : "The workload's counts fall on other paths than the training's in "
                            "these functions",
         listed ? b.data : "(none found)");
    buf_release(&b);
    return 1;
}

void report_html_representative(struct buf *b, const struct report *r)
{
    const struct rrep *rep = &r->rep;
    char work[16], train[16];
    size_t shown = 0;

    if (!rep->present)
        return;
    /* Strings reach the page through report_html_text only (report_html.c says why). */
    buf_adds(b, "<section><h2>Is the training representative?</h2>\n<p class=\"note\">The "
                "benchmark command <code>");
    report_html_text(b, r->workload_command ? r->workload_command : r->workload);
    buf_addf(b,
             "</code> ran once on the instrumented build. Its block counts and the "
             "training's overlap <b>%.1f%%</b>, each profile scaled to its total (",
             100.0 * rep->overlap);
    report_html_text(b, report_overlap_method(r));
    buf_adds(b,
             "): 100% would be the same proportions everywhere. Below are the functions the "
             "workload runs hot (at least 0.5% of its counts) that the training ran cold (a "
             "tenth of that share or less) or never: the compiler optimizes them for size.</p>\n");
    if (rep->nmissed == 0) {
        buf_adds(b, "<p>None: the training runs every function the workload runs hot.</p>"
                    "</section>\n");
        return;
    }
    buf_adds(b, "<table><tr><th>function</th><th>file</th><th>share of the workload</th>"
                "<th>share of the training</th></tr>\n");
    for (size_t i = 0; i < rep->nunder && shown < 30; i++) {
        const struct rmissed *m = &rep->under[i];

        if (!report_is_missed(m))
            continue;
        report_format_share(work, sizeof(work), m->work_share);
        report_format_share(train, sizeof(train), m->train_share);
        /* The mangled name, when it differs, as the cell's tooltip. */
        buf_adds(b, "<tr><td");
        if (m->f->shown && strcmp(m->f->shown, m->f->name) != 0) {
            buf_adds(b, " title=\"");
            report_html_text(b, m->f->name);
            buf_adds(b, "\"");
        }
        buf_adds(b, ">");
        report_html_text(b, report_fn_name(m->f, 60));
        buf_adds(b, "</td><td>");
        report_html_text(b, report_short_path(r, m->f->file));
        buf_adds(b, "</td><td>");
        report_html_text(b, work);
        buf_adds(b, "</td><td>");
        report_html_text(b, m->never ? "never ran" : train);
        buf_adds(b, "</td></tr>\n");
        shown++;
    }
    buf_adds(b, "</table>");
    if (rep->nmissed > shown)
        buf_addf(b, "<p class=\"note\">and %zu more.</p>", rep->nmissed - shown);
    buf_adds(b, "</section>\n");
}
