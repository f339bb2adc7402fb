/* SPDX-License-Identifier: MIT */
/* pgo-helper report: what the profile did. Functions and files that ran during training and
 * those that never did, the hottest functions, how much of the profile the compiler could
 * match to today's code, and its profile warnings by file: on the terminal in one screen and
 * as a self-contained HTML page. With --brief (the summary step of the build) it prints only
 * how well the profile matches today's code, per target, checks the profile's sidecar and
 * fails above --stale-threshold. */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include "report_bolt.h"
#include "report_data.h"
#include "report_format.h"
#include "report_html.h"
#include "report_names.h"
#include "report_representative.h"

#include "cli.h"
#include "fs.h"
#include "merge_many.h"
#include "metadata.h"
#include "profile_options.h"
#include "subprocess.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: pgo-helper report --compiler clang|gcc --profile PATH --log-dir DIR\n"
    "                         --build-dir BDIR [--tool TOOL] [--compiler-path CC]\n"
    "                         [--source-dir SRC] [--html FILE] [--meta FILE] [--bench FILE]\n"
    "                         [--flags TEXT] [--given] [--stale-threshold PCT] [--top N]\n"
    "                         [--nm NM] [--linked LIST] [--workload PROFILE]\n"
    "                         [--workload-command TEXT] [--demangler TOOL]\n"
    "                         [--notes-from DIR] [--gcov-dump TOOL] [--brief]\n"
    "                         [--weight N:TEST]... [-v|--verbose]\n"
    "\n"
    "Reports what the profile did: the functions and files that ran during training, the\n"
    "hottest functions, how much of the profile matches today's code, the compiler's\n"
    "profile warnings by file.\n"
    "\n"
    "  --compiler KIND        clang or gcc\n"
    "  --profile PATH         the merged profile (clang: .profdata file, gcc: directory)\n"
    "  --log-dir DIR          the compile logs written by pgo-helper launch\n"
    "  --build-dir BDIR       the optimized build tree\n"
    "  --tool TOOL            clang: the llvm-profdata that reads PATH (required)\n"
    "  --compiler-path CC     the compiler, compared with the one that made the profile\n"
    "  --source-dir SRC       shortens paths; its git revision is compared with the profile's\n"
    "  --html FILE            also write the report as a self-contained HTML page\n"
    "  --meta FILE            the profile's sidecar (default: PATH.meta, PATH/profile.meta)\n"
    "  --bench FILE           before/after timings written by pgo-helper bench\n"
    "  --flags TEXT           the optimization flags, compared with the profile's\n"
    "  --given                the profile was not trained by this build (PGO_PROFILE)\n"
    "  --stale-threshold PCT  fail when more than PCT percent of the functions compiled\n"
    "                         are out of date\n"
    "  --top N                hottest functions shown (default 10)\n"
    "  --nm NM                lists the symbols of LTO objects (llvm-nm, gcc-nm)\n"
    "  --linked LIST          lines \"<linked file>\\t<linker map>\": with LTO, where the\n"
    "                         profile placed each function\n"
    "  --workload PROFILE     a profile of the benchmark command on the instrumented build:\n"
    "                         how far the training resembles it, what the training missed\n"
    "  --workload-command TEXT  that command, for the reader\n"
    "  --demangler TOOL       shows C++ names demangled by TOOL (default: c++filt or\n"
    "                         llvm-cxxfilt, found on PATH)\n"
    "  --notes-from DIR       gcc: the instrumented tree; its compiles run again with\n"
    "                         -ftest-coverage name the functions nothing else names\n"
    "  --gcov-dump TOOL       gcc: the gcov-dump that reads those notes\n"
    "  --brief                only the match with today's code, per target\n"
    "  --weight N:TEST        the training test TEST counted N times in the merged profile\n"
    "                         (as pgo-helper merge was told), in the training tests' table\n"
    "  -v, --verbose          list every function that never ran and every warning\n"
    "  -h, --help             show this help\n"
    "      --version          show the version\n";

enum {
    OPT_SOURCE_DIR = 256,
    OPT_HTML,
    OPT_META,
    OPT_BENCH,
    OPT_FLAGS,
    OPT_GIVEN,
    OPT_THRESHOLD,
    OPT_TOP,
    OPT_BRIEF,
    OPT_WEIGHT
};

static const struct cli_option options[] = {
    PROFILE_OPTION_ROWS,
    {"source-dir", 0, 1, OPT_SOURCE_DIR},
    {"html", 0, 1, OPT_HTML},
    {"meta", 0, 1, OPT_META},
    {"bench", 0, 1, OPT_BENCH},
    {"flags", 0, 1, OPT_FLAGS},
    {"given", 0, 0, OPT_GIVEN},
    {"stale-threshold", 0, 1, OPT_THRESHOLD},
    {"top", 0, 1, OPT_TOP},
    {"brief", 0, 0, OPT_BRIEF},
    {"weight", 0, 1, OPT_WEIGHT},
    {"verbose", 'v', 0, 'v'},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

static double percent(unsigned long part, unsigned long whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* "97%" but never "100%" for a part that is not the whole, nor "0%" for one that is not 0. */
static void format_percent(char *out, size_t n, unsigned long part, unsigned long whole)
{
    double p = percent(part, whole);

    if (part > 0 && p < 1)
        snprintf(out, n, "<1%%");
    else if (part < whole && p > 99)
        snprintf(out, n, ">99%%");
    else
        snprintf(out, n, "%.0f%%", p);
}

/* Compares the sidecar with this build: compiler, flags. Warnings only. */
static void check_sidecar(const struct report *r, const char *flags)
{
    const char *made_by = kv_get(&r->meta, "compiler_version");
    const char *flags_hash = kv_get(&r->meta, "flags_hash");

    if (!r->meta_present)
        return;
    if (made_by && r->compiler_version && strcmp(made_by, r->compiler_version) != 0)
        warn("the profile was made by another compiler: '%s', but this build uses '%s' (%s); "
             "retrain with this compiler, or expect most of the profile to be discarded",
             made_by, r->compiler_version, r->compiler_path);
    if (flags && flags_hash) {
        char text[32];

        snprintf(text, sizeof(text), "%016" PRIx64, fnv1a64(FNV1A64_INIT, flags, strlen(flags)));
        if (strcmp(text, flags_hash) != 0)
            warn("the profile was made with other optimization flags than this build's: "
                 "functions compiled differently may not match it; retrain");
    }
}

static void print_made(const struct report *r)
{
    const char *date = kv_get(&r->meta, "date"), *rev = kv_get(&r->meta, "source_revision");
    const char *modified = kv_get(&r->meta, "source_modified");

    if (!r->meta_present) {
        printf("  made           unknown (no sidecar %s)\n", r->meta_path);
        return;
    }
    printf("  made           %s", date ? date : "(no date)");
    if (rev)
        printf(", from revision %.12s%s", rev,
               modified && strcmp(modified, "yes") == 0 ? " with local changes" : "");
    printf(" by %s\n", kv_get(&r->meta, "compiler_version") ? kv_get(&r->meta, "compiler_version")
                                                            : "an unknown compiler");
}

static void print_match_line(const struct report *r, const char *prefix)
{
    char pct[16];

    format_percent(pct, sizeof(pct), r->compiled - r->out_of_date - r->no_data, r->compiled);
    printf("%s%lu of %lu functions compiled match the profile (%s): %lu out of date, %lu "
           "without profile data\n",
           prefix, r->compiled - r->out_of_date - r->no_data, r->compiled, pct, r->out_of_date,
           r->no_data);
}

static void print_targets(const struct report *r)
{
    struct strvec names;

    strvec_init(&names);
    for (size_t i = 0; i < r->nobjs; i++) {
        const char *t = r->objs[i].target ? r->objs[i].target : "(other)";
        int seen = 0;

        for (size_t k = 0; k < names.n && !seen; k++)
            seen = strcmp(names.v[k], t) == 0;
        if (!seen)
            strvec_push(&names, t);
    }
    strvec_sort(&names);
    for (size_t k = 0; k < names.n; k++) {
        unsigned long compiled = 0, ood = 0, none = 0;
        char pct[16];

        for (size_t i = 0; i < r->nobjs; i++) {
            const char *t = r->objs[i].target ? r->objs[i].target : "(other)";

            if (strcmp(t, names.v[k]) == 0) {
                compiled += r->objs[i].compiled;
                ood += r->objs[i].out_of_date;
                none += r->objs[i].no_data;
            }
        }
        format_percent(pct, sizeof(pct), ood, compiled);
        printf("  target %-20s %4lu function%s, %3lu out of date (%s), %3lu without profile "
               "data\n",
               names.v[k], compiled, compiled == 1 ? " " : "s", ood, pct, none);
    }
    strvec_release(&names);
}

static void bar(int width, double fraction)
{
    int n = (int)(fraction * width + 0.5);

    if (n == 0 && fraction > 0)
        n = 1;
    for (int i = 0; i < width; i++)
        putchar(i < n ? '#' : ' ');
}

static const char *placement_name(int placement)
{
    return placement == PLACE_HOT       ? "hot"
           : placement == PLACE_COLD    ? "cold"
           : placement == PLACE_OTHER   ? "-"
           : placement == PLACE_INLINED ? "inlined"
                                        : "?";
}

static void print_bench(const struct report *r)
{
    const struct kv *b = &r->bench.kv;
    const char *plain = kv_get(b, "plain_median"), *pgo = kv_get(b, "pgo_median");
    const char *ratio = kv_get(b, "ratio_median"), *lo = kv_get(b, "ratio_min");
    const char *hi = kv_get(b, "ratio_max"), *rounds = kv_get(b, "rounds");

    if (!r->bench.present || !plain || !pgo || !ratio)
        return;
    const char *ir_plain = kv_get(b, "plain_instructions"), *ir_pgo = kv_get(b, "pgo_instructions");
    const char *release = kv_get(b, "release_median"), *regression = kv_get(b, "regression");

    printf("  benchmark      no profile %.3f s, pgo %.3f s (medians of %s rounds): "
           "no-profile/pgo %sx, range %s-%s\n",
           strtod(plain, NULL), strtod(pgo, NULL), rounds ? rounds : "?", ratio, lo ? lo : "?",
           hi ? hi : "?");
    if (ir_plain && ir_pgo && strtod(ir_pgo, NULL) > 0)
        printf("                 instructions: no-profile/pgo %.4fx (%s against %s)\n",
               strtod(ir_plain, NULL) / strtod(ir_pgo, NULL), ir_plain, ir_pgo);
    if (release)
        printf("                 plain Release %.3f s: release/pgo %sx\n", strtod(release, NULL),
               kv_get(b, "release_ratio_median") ? kv_get(b, "release_ratio_median") : "?");
    if (regression && strcmp(regression, "no") != 0)
        printf("                 REGRESSION: %s\n", regression);
}

static void print_full(const struct report *r)
{
    size_t *hot, nhot, shown;
    unsigned long never = 0, never_files = 0;
    char share[16], pct[16];

    printf("pgo-helper: report\n");
    if (r->compiler_version)
        printf("  compiler       %s (%s)\n", r->compiler_version, r->compiler_path);
    printf("  profile        %s\n", r->profile);
    print_made(r);
    format_percent(pct, sizeof(pct), r->ran, r->functions);
    printf("  functions      %lu in the profile, %lu ran during training (%s), %lu never ran\n",
           r->functions, r->ran, pct, r->functions - r->ran);
    if (r->cs_records)
        printf("  context        %lu context-sensitive records (PGO_CSPGO)\n", r->cs_records);
    print_match_line(r, "  today's code   ");
    if (r->variants)
        printf("                 (%lu hash mismatches of functions that another object of the "
               "build defines and matched are counted without profile data)\n",
               r->variants);
    if (r->total > 0) {
        report_format_share(share, sizeof(share), (double)r->total_matched / (double)r->total);
        printf("                 %s of the profile's counts apply to today's code", share);
        if (r->not_in_build)
            printf(" (%lu functions are in no object of this build)", r->not_in_build);
        printf("\n");
    }
    if (r->lto && !r->linked_read && r->hot + r->cold + r->other == 0)
        printf("  placement      not readable: the objects are LTO bitcode or GIMPLE\n");
    else if (r->linked_read)
        printf("  placement      %lu hot, %lu cold, %lu other, %lu inlined or dropped at link "
               "(LTO: read from the link maps)\n",
               r->hot, r->cold, r->other, r->inlined);
    else
        printf("  placement      %lu hot, %lu cold, %lu other\n", r->hot, r->cold, r->other);
    print_bench(r);
    report_print_representative(r);
    report_print_bolt(r);

    nhot = report_hottest(r, &hot);
    printf("hottest functions (share of all counts; where the training spent its time)\n");
    shown = nhot < r->top ? nhot : r->top;
    for (size_t i = 0; i < shown; i++) {
        const struct rfunc *f = &r->fns[hot[i]];
        double s = r->total ? (double)f->total / (double)r->total : 0;

        report_format_share(share, sizeof(share), s);
        printf("  %6s ", share);
        bar(20, s);
        printf(" %-24s %-4s %s%s\n", report_fn_name(f, 60), placement_name(f->placement),
               report_short_path(r, f->file), f->out_of_date ? "  OUT OF DATE" : "");
        if (r->verbose && f->shown && f->shown != f->name)
            printf("  %6s %20s  %s\n", "", "mangled", f->name);
    }
    if (nhot == 0)
        printf("  (no function ran)\n");
    free(hot);
    report_print_missed(r);

    printf("files (functions that ran of those in the profile, share of all counts)\n");
    for (size_t i = 0; i < r->nfiles; i++) {
        const struct rfile *f = &r->files[i];

        if (f->functions > f->ran) {
            never += f->functions - f->ran;
            never_files++;
        }
        if (i >= 8 && !r->verbose)
            continue;
        report_format_share(share, sizeof(share),
                            r->total ? (double)f->total / (double)r->total : 0);
        printf("  %4lu/%-4lu ", f->ran, f->functions);
        bar(10, f->functions ? (double)f->ran / (double)f->functions : 0);
        printf(" %6s  %s", share, report_short_path(r, f->path));
        if (f->out_of_date)
            printf(", %lu out of date", f->out_of_date);
        if (f->no_data)
            printf(", %lu without profile data", f->no_data);
        printf("\n");
    }
    if (r->nfiles > 8 && !r->verbose)
        printf("  ... and %zu more files (-v lists them all)\n", r->nfiles - 8);
    printf("  never ran: %lu function%s in %lu file%s", never, never == 1 ? "" : "s", never_files,
           never_files == 1 ? "" : "s");
    if (!r->clang && r->gcc_unnamed)
        printf(" (GCC: %d functions named only by number, declared outside their source)",
               r->gcc_unnamed);
    printf("\n");

    /* Warnings by file, one line each. */
    printf("profile warnings: %lu out of date, %lu without profile data", r->out_of_date,
           r->no_data);
    printf("%s\n", r->nwarns ? " (by file:)" : "");
    for (size_t i = 0, lines = 0; i < r->nfiles; i++) {
        const struct rfile *f = &r->files[i];
        size_t listed = 0;

        if (!f->out_of_date && !f->no_data && !f->other_warnings)
            continue;
        if (lines++ >= 6 && !r->verbose) {
            printf("  ... (-v or the HTML page lists them all)\n");
            break;
        }
        printf("  %s:", report_short_path(r, f->path));
        for (size_t k = 0; k < r->nfns && listed < 4; k++) {
            const struct rfunc *fn = &r->fns[k];

            if (fn->file && strcmp(fn->file, f->path) == 0 &&
                (fn->out_of_date || !fn->in_profile)) {
                printf("%s %s (%s)", listed ? "," : "", report_fn_name(fn, 60),
                       fn->out_of_date ? "out of date" : "no data");
                listed++;
            }
        }
        if (f->out_of_date + f->no_data > listed)
            printf(" and %lu more", f->out_of_date + f->no_data - (unsigned long)listed);
        if (f->other_warnings)
            printf("%s %lu other profile warnings", listed ? ";" : "", f->other_warnings);
        printf("\n");
    }
    if (r->clang == 0)
        printf("note: GCC's .gcda files name no function; names come from checksums of the "
               "source and the objects' symbols\n");
}

static int check_threshold(const struct report *r)
{
    double p = percent(r->out_of_date, r->compiled);

    if (!r->have_threshold || p <= r->threshold)
        return 0;
    error("%.1f%% of the functions compiled are out of date (%lu of %lu), above "
          "PGO_STALE_THRESHOLD %g: retrain the profile (clear PGO_PROFILE), or raise the "
          "threshold",
          p, r->out_of_date, r->compiled, r->threshold);
    return 1;
}

int report_run(const struct report_options *o)
{
    struct report r;
    char *meta_path = NULL;
    int rc = 1;

    report_init(&r);
    r.clang = o->p.clang;
    r.profile = o->p.profile;
    r.log_dir = o->p.log_dir;
    r.build_dir = o->p.build_dir;
    r.tool = o->p.tool;
    r.compiler_path = o->p.compiler_path;
    r.nm = o->p.nm;
    r.linked = o->p.linked;
    r.workload = o->p.workload;
    r.workload_command = o->p.workload_command;
    r.demangler = o->p.demangler;
    r.notes_from = o->p.notes_from;
    r.gcov_dump = o->p.gcov_dump;
    r.source_dir = o->source_dir;
    r.html = o->html;
    r.meta_path = o->meta_path;
    r.bench_path = o->bench_path;
    r.threshold = o->threshold;
    r.have_threshold = o->have_threshold;
    r.top = o->top;
    r.brief = o->brief;
    r.verbose = o->verbose;

    if (!r.meta_path)
        r.meta_path = meta_path = metadata_path(r.profile);
    r.meta_present = kv_read(r.meta_path, &r.meta) == 0;
    if (r.bench_path)
        r.bench.present = kv_read(r.bench_path, &r.bench.kv) == 0;
    if (r.compiler_path) {
        char *cache = r.build_dir ? xasprintf("%s/" COMPILER_VERSION_CACHE, r.build_dir) : NULL;

        r.compiler_version = compiler_version_line_cached(r.compiler_path, cache);
        free(cache);
    }

    if (report_read(&r) < 0)
        goto done;
    report_tally(&r);
    check_sidecar(&r, o->flags);
    /* The summary prints the comparison in the build; the page and the full report show it. */
    if (r.workload && (!r.brief || r.html) && report_representative(&r) < 0)
        goto done;
    report_demangle(&r);
    /* The tests' own profiles: one read per test, so not at every build unless -v. */
    if (!r.brief || r.verbose) {
        test_profiles_load(r.build_dir, "raw", r.clang, r.tool, &r.tests);
        test_profiles_weigh(&r.tests, &o->weights);
    }
    if (r.brief) {
        print_match_line(&r, "pgo-helper: report: ");
        if (o->given || r.out_of_date > 0 || r.have_threshold) {
            if (o->given)
                print_made(&r);
            print_targets(&r);
        }
    } else {
        print_full(&r);
    }
    if (r.html) {
        if (report_write_html(&r, r.html) < 0)
            goto done;
        printf("%s%s\n", r.brief ? "pgo-helper: report: written " : "  html           ", r.html);
    }
    fflush(stdout);
    rc = check_threshold(&r);
done:
    free(meta_path);
    report_release(&r);
    return rc;
}

/* Parses argv into o. Returns -1 when the report goes on, else the exit status (-h,
 * --version, bad usage). */
static int parse_options(struct report_options *o, int argc, char **argv)
{
    struct cli c;
    int id, finished;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_SOURCE_DIR:
            o->source_dir = c.arg;
            break;
        case OPT_HTML:
            o->html = c.arg;
            break;
        case OPT_META:
            o->meta_path = c.arg;
            break;
        case OPT_BENCH:
            o->bench_path = c.arg;
            break;
        case OPT_FLAGS:
            o->flags = c.arg;
            break;
        case OPT_GIVEN:
            o->given = 1;
            break;
        case OPT_WEIGHT:
            if (merge_check_weight(c.arg) < 0)
                return cli_usage_error(usage, NULL);
            strvec_push(&o->weights, c.arg);
            break;
        case OPT_THRESHOLD:
            if (cli_percent("--stale-threshold", c.arg, &o->threshold) < 0)
                return cli_usage_error(usage, NULL);
            o->have_threshold = 1;
            break;
        case OPT_TOP:
            if (cli_number("--top", c.arg, 1, 1000, &o->top) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_BRIEF:
            o->brief = 1;
            break;
        case 'v':
            o->verbose = 1;
            break;
        default:
            profile_option(&o->p, id, c.arg);
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    if (profile_options_check(&o->p) < 0)
        return cli_usage_error(usage, NULL);
    return -1;
}

int cmd_report(int argc, char **argv)
{
    struct report_options o = {.top = 10};
    int rc;

    strvec_init(&o.weights);
    rc = parse_options(&o, argc, argv);
    if (rc < 0)
        rc = report_run(&o);
    strvec_release(&o.weights);
    return rc;
}
