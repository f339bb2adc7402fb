/* SPDX-License-Identifier: MIT */
/* pgo-helper bench: runs a benchmark command on the optimized build, on its twin without the
 * profile (same flags, same LTO) and, when given, on plain Release, in turn: N rounds with the
 * order rotated every round, timing each child process with clock_gettime(CLOCK_MONOTONIC)
 * and taking its peak memory from wait4(). Where valgrind is given it also counts the
 * instructions of one run of each build, the repeatable figure. It reports the medians, the
 * median of the per-round ratios with its range and quartiles, the sizes of the linked files,
 * and fails when the PGO build is slower than its twin beyond noise. With --simulate the
 * count also simulates caches and branches (bench_measure.h): instruction counts miss what
 * block layout, hot/cold splitting and BOLT change, which misses and mispredictions see. The
 * result goes to a key=value file that pgo-helper report shows. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "bench_advice.h"
#include "bench_measure.h"
#include "bench_stats.h"
#include "cli.h"
#include "fs.h"
#include "metadata.h"
#include "subprocess.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: pgo-helper bench --build-dir BDIR --plain-dir PDIR [--release-dir RDIR]\n"
    "                        [--rounds N] [--warmup N] [--valgrind PATH [--simulate]]\n"
    "                        [--count-arg ARG]... [--linked LIST] [--output FILE]\n"
    "                        [--cmake PATH --prepare SCRIPT --alternative NAME=VALUE=DIR...]\n"
    "                        -- COMMAND [ARGS...]\n"
    "\n"
    "Runs COMMAND on the optimized build, on its twin without the profile and (with\n"
    "--release-dir) on plain Release in turn, N rounds, the order rotated every round, and\n"
    "reports the median times, the median ratio twin/optimized with its range and the\n"
    "signed-rank test's verdict on it, the peak memory of each build and the sizes of the\n"
    "linked files. A COMMAND below BDIR runs from PDIR (RDIR) for the other builds. Exits 1\n"
    "when the optimized build is slower than its twin beyond noise: by more than 0.5% of the\n"
    "cycle estimate with --simulate, of the instructions with --valgrind alone; else when the\n"
    "rounds find it slower (signed-rank test, 5% level) and the median ratio is below 0.97.\n"
    "\n"
    "  --build-dir BDIR   the optimized build tree\n"
    "  --plain-dir PDIR   its twin without the profile\n"
    "  --release-dir RDIR plain Release, shown beside\n"
    "  --rounds N         rounds (default 5)\n"
    "  --warmup N         untimed runs of each build first (default 1)\n"
    "  --valgrind PATH    count instructions with this valgrind (cachegrind)\n"
    "  --simulate         also simulate the caches and the branch predictor: I1 and LL\n"
    "                     misses, mispredicted branches and a cycle estimate (slower)\n"
    "  --count-arg ARG    the command counted under valgrind, one ARG per option (default:\n"
    "                     COMMAND); for a benchmark too slow to run under valgrind\n"
    "  --linked LIST      lines \"<linked file>\\t<map>\" of the optimized build, for sizes\n"
    "  --output FILE      the results, as key=value lines, for pgo-helper report\n"
    "  --alternative NAME=VALUE=DIR  on a regression counted by valgrind, build DIR (PATH\n"
    "                     -DTREE=DIR -P SCRIPT), the build with the setting NAME=VALUE, count\n"
    "                     the command there and show what the setting would give\n"
    "  -h, --help         show this help\n"
    "      --version      show the version\n";

enum {
    OPT_BUILD_DIR = 256,
    OPT_PLAIN_DIR,
    OPT_RELEASE_DIR,
    OPT_ROUNDS,
    OPT_WARMUP,
    OPT_VALGRIND,
    OPT_COUNT_ARG,
    OPT_LINKED,
    OPT_OUTPUT,
    OPT_SIMULATE,
    OPT_CMAKE,
    OPT_PREPARE,
    OPT_ALTERNATIVE
};

static const struct cli_option options[] = {
    {"build-dir", 0, 1, OPT_BUILD_DIR},
    {"plain-dir", 0, 1, OPT_PLAIN_DIR},
    {"release-dir", 0, 1, OPT_RELEASE_DIR},
    {"rounds", 0, 1, OPT_ROUNDS},
    {"warmup", 0, 1, OPT_WARMUP},
    {"valgrind", 0, 1, OPT_VALGRIND},
    {"count-arg", 0, 1, OPT_COUNT_ARG},
    {"linked", 0, 1, OPT_LINKED},
    {"output", 0, 1, OPT_OUTPUT},
    {"simulate", 0, 0, OPT_SIMULATE},
    {"cmake", 0, 1, OPT_CMAKE},
    {"prepare", 0, 1, OPT_PREPARE},
    {"alternative", 0, 1, OPT_ALTERNATIVE},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

/* The builds compared, in the order of the first round. */
enum { B_TWIN, B_PGO, B_RELEASE, NBUILDS };
static const char *const build_names[NBUILDS] = {"no-profile", "pgo", "release"};

struct build {
    const char *dir;
    char **argv, **count_argv;
    double *seconds;
    long *rss;
    struct sim_counts counts;
};

static double median_long(const long *v, size_t n)
{
    double *d = xcalloc(n, sizeof(*d)), m;

    for (size_t i = 0; i < n; i++)
        d[i] = (double)v[i];
    m = stats_median(d, n);
    free(d);
    return m;
}

static void add_list(struct kv *kv, const char *key, const double *v, size_t n)
{
    struct buf b;

    buf_init(&b);
    for (size_t i = 0; i < n; i++)
        buf_addf(&b, "%s%.6f", i ? "," : "", v[i]);
    kv_add(kv, key, b.data);
    buf_release(&b);
}

static void add_number(struct kv *kv, const char *key, const char *fmt, double v)
{
    char text[64];

    snprintf(text, sizeof(text), fmt, v);
    kv_add(kv, key, text);
}

/* The sizes of each linked file of LIST against its twin's (the same path below PDIR) and
 * plain Release's: printed and added to kv as size.<file>=text,file,... */
static void report_sizes(const char *list, const char *bdir, const struct build *b, size_t nbuilds,
                         struct kv *kv)
{
    struct buf text;
    char *line, *next;
    size_t blen = strlen(bdir);

    buf_init(&text);
    if (!list || read_file(list, &text) < 0) {
        buf_release(&text);
        return;
    }
    for (line = text.data; line && *line; line = next) {
        char *tab, *rel;
        struct buf value, shown;
        int any = 0;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if ((tab = strchr(line, '\t')))
            *tab = '\0';
        if (strncmp(line, bdir, blen) != 0 || line[blen] != '/')
            continue;
        rel = line + blen + 1;
        buf_init(&value);
        buf_init(&shown);
        for (size_t k = 0; k < nbuilds; k++) {
            char *path = xasprintf("%s/%s", b[k].dir, rel);
            unsigned long long t = 0, f = 0;

            if (file_sizes(path, &t, &f) == 0) {
                buf_addf(&value, "%s%s:%llu:%llu", k ? "," : "", build_names[k], t, f);
                buf_addf(&shown, "%s%s text %.1f KiB, file %.1f KiB", any ? "; " : "",
                         build_names[k], (double)t / 1024, (double)f / 1024);
                any = 1;
            }
            free(path);
        }
        if (any) {
            char *key = xasprintf("size.%s", rel);

            note("size of %s: %s", rel, shown.data);
            kv_add(kv, key, value.data);
            free(key);
        }
        buf_release(&value);
        buf_release(&shown);
    }
    buf_release(&text);
}

/* Parses argv into o (its strvecs initialized by the caller). Returns -1 when the run goes
 * on, else the exit status (-h, --version, bad usage). */
static int parse_options(struct bench_options *o, int argc, char **argv)
{
    struct cli c;
    int id, finished;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_BUILD_DIR:
            o->build_dir = c.arg;
            break;
        case OPT_PLAIN_DIR:
            o->plain_dir = c.arg;
            break;
        case OPT_RELEASE_DIR:
            o->release_dir = c.arg;
            break;
        case OPT_ROUNDS:
            if (cli_number("--rounds", c.arg, 1, 1000, &o->rounds) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_WARMUP:
            if (cli_number("--warmup", c.arg, 0, 100, &o->warmup) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_VALGRIND:
            o->valgrind = c.arg;
            break;
        case OPT_COUNT_ARG:
            strvec_push(&o->count_args, c.arg);
            break;
        case OPT_LINKED:
            o->linked = c.arg;
            break;
        case OPT_OUTPUT:
            o->output = c.arg;
            break;
        case OPT_SIMULATE:
            o->simulate = 1;
            break;
        case OPT_CMAKE:
            o->cmake = c.arg;
            break;
        case OPT_PREPARE:
            o->prepare = c.arg;
            break;
        case OPT_ALTERNATIVE:
            if (!strchr(c.arg, '=') || !strchr(strchr(c.arg, '=') + 1, '=') || c.arg[0] == '=')
                return cli_usage_error(usage, "--alternative takes NAME=VALUE=DIR");
            strvec_push(&o->alternatives, c.arg);
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 1)) >= 0)
        return finished;
    if (o->simulate && !o->valgrind)
        return cli_usage_error(usage, "--simulate needs --valgrind");
    if (o->alternatives.n && (!o->cmake || !o->prepare))
        return cli_usage_error(usage, "--alternative needs --cmake and --prepare");
    if (!o->build_dir || !o->plain_dir) {
        error("missing %s", !o->build_dir ? "--build-dir" : "--plain-dir");
        return cli_usage_error(usage, NULL);
    }
    if (c.index >= argc)
        return cli_usage_error(usage, "missing the benchmark command after '--'");
    o->command = argv + c.index;
    o->ncommand = (size_t)(argc - c.index);
    return -1;
}

int cmd_bench(int argc, char **argv)
{
    struct bench_options o = {.rounds = 5, .warmup = 1};
    int rc;

    strvec_init(&o.count_args);
    strvec_init(&o.alternatives);
    rc = parse_options(&o, argc, argv);
    if (rc < 0)
        rc = bench_run(&o);
    strvec_release(&o.count_args);
    strvec_release(&o.alternatives);
    return rc;
}

int bench_run(const struct bench_options *o)
{
    struct build b[NBUILDS];
    double *ratio = NULL, *release_ratio = NULL, lo, hi, q1, q3, med;
    struct run_result res;
    struct buf cmdline;
    size_t nbuilds;
    int devnull = -1, rc = 1, mapped, regression = 0;
    enum wall_verdict wall;
    double wall_p;
    char verdict[512];

    memset(b, 0, sizeof(b));
    nbuilds = o->release_dir ? 3 : 2;
    b[B_TWIN].dir = o->plain_dir;
    b[B_PGO].dir = o->build_dir;
    b[B_RELEASE].dir = o->release_dir;
    for (size_t k = 0; k < nbuilds; k++) {
        b[k].argv = bench_argv_for(o->command, o->ncommand, o->build_dir, b[k].dir, &mapped);
        if (o->count_args.n > 0)
            b[k].count_argv =
                bench_argv_for(o->count_args.v, o->count_args.n, o->build_dir, b[k].dir, &mapped);
        b[k].seconds = xcalloc(o->rounds, sizeof(double));
        b[k].rss = xcalloc(o->rounds, sizeof(long));
    }
    bench_free_argv(bench_argv_for(o->command, o->ncommand, o->build_dir, o->build_dir, &mapped));
    if (!mapped)
        warn("'%s' is not a program of %s: every build runs the same program, so the "
             "comparison measures nothing; name a target of the project as the first word",
             o->command[0], o->build_dir);

    buf_init(&cmdline);
    format_command(&cmdline, o->command);
    ratio = xcalloc(o->rounds, sizeof(double));
    release_ratio = xcalloc(o->rounds, sizeof(double));
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull < 0) {
        error("open '/dev/null':");
        goto done;
    }
    note("%lu rounds of '%s' on the PGO build%s the same build without the profile%s, in turn",
         o->rounds, cmdline.data, o->release_dir ? "," : " and",
         o->release_dir ? " and plain Release" : "");
    for (unsigned long i = 0; i < o->warmup; i++)
        for (size_t k = 0; k < nbuilds; k++)
            if (bench_measure_run(b[k].argv, build_names[k], devnull, &res) < 0)
                goto done;
    for (unsigned long i = 0; i < o->rounds; i++) {
        struct buf line;

        /* Rotating the order every round spreads drifts (caches, frequency, neighbours)
         * over every build. */
        for (size_t j = 0; j < nbuilds; j++) {
            size_t k = (j + i) % nbuilds;

            if (bench_measure_run(b[k].argv, build_names[k], devnull, &res) < 0)
                goto done;
            b[k].seconds[i] = res.seconds;
            b[k].rss[i] = res.max_rss_kb;
        }
        ratio[i] = b[B_PGO].seconds[i] > 0 ? b[B_TWIN].seconds[i] / b[B_PGO].seconds[i] : 0;
        if (o->release_dir)
            release_ratio[i] =
                b[B_PGO].seconds[i] > 0 ? b[B_RELEASE].seconds[i] / b[B_PGO].seconds[i] : 0;
        buf_init(&line);
        for (size_t k = 0; k < nbuilds; k++)
            buf_addf(&line, "%s%s %.3f s", k ? ", " : "", build_names[k], b[k].seconds[i]);
        note("round %lu/%lu: %s", i + 1, o->rounds, line.data);
        buf_release(&line);
    }
    lo = hi = ratio[0];
    for (unsigned long i = 1; i < o->rounds; i++) {
        lo = ratio[i] < lo ? ratio[i] : lo;
        hi = ratio[i] > hi ? ratio[i] : hi;
    }
    med = stats_median(ratio, o->rounds);
    q1 = stats_quantile(ratio, o->rounds, 0.25);
    q3 = stats_quantile(ratio, o->rounds, 0.75);
    note("no-profile %.3f s, pgo %.3f s (medians of %lu rounds): no-profile/pgo %.3fx, range "
         "%.3f-%.3f, quartiles %.3f-%.3f",
         stats_median(b[B_TWIN].seconds, o->rounds), stats_median(b[B_PGO].seconds, o->rounds),
         o->rounds, med, lo, hi, q1, q3);
    wall = stats_wall_verdict(ratio, o->rounds, &wall_p);
    note("wall time: %s (signed-rank test over %lu rounds, p = %.3f; no-profile/pgo quartiles "
         "%.3f-%.3f)%s",
         wall == WALL_FASTER   ? "the PGO build is faster"
         : wall == WALL_SLOWER ? "the PGO build is slower"
                               : "no difference this machine can resolve",
         o->rounds, wall_p, q1, q3,
         o->rounds < 6 ? "; fewer than 6 rounds can never resolve one" : "");
    if (o->release_dir)
        note("plain Release %.3f s (median): release/pgo %.3fx",
             stats_median(b[B_RELEASE].seconds, o->rounds), stats_median(release_ratio, o->rounds));
    {
        struct buf line;

        buf_init(&line);
        for (size_t k = 0; k < nbuilds; k++)
            buf_addf(&line, "%s%s %.0f KiB", k ? ", " : "", build_names[k],
                     median_long(b[k].rss, o->rounds));
        note("peak memory (maximum resident set, median): %s", line.data);
        buf_release(&line);
    }
    if (o->valgrind) {
        const struct sim_counts *twin = &b[B_TWIN].counts, *pgo = &b[B_PGO].counts;

        for (size_t k = 0; k < nbuilds; k++)
            if (bench_count(o->valgrind, b[k].count_argv ? b[k].count_argv : b[k].argv,
                            build_names[k], devnull, o->simulate, &b[k].counts) < 0)
                goto done;
        note("instructions (valgrind --tool=cachegrind %s%s): no-profile %llu, pgo %llu: "
             "no-profile/pgo %.4fx",
             o->simulate ? "--cache-sim=yes --branch-sim=yes" : "--cache-sim=no",
             o->count_args.n ? ", the --count-arg command" : "", twin->ir, pgo->ir,
             (double)twin->ir / (double)pgo->ir);
        if (o->release_dir)
            note("instructions of plain Release %llu: release/pgo %.4fx", b[B_RELEASE].counts.ir,
                 (double)b[B_RELEASE].counts.ir / (double)pgo->ir);
        if (o->simulate) {
            for (size_t k = 0; k < nbuilds; k++) {
                const struct sim_counts *sc = &b[k].counts;

                note("simulated, %s: I1 misses %llu, LL misses %llu, mispredicted branches %llu "
                     "of %llu; cycle estimate %.0f",
                     build_names[k], sc->i1_misses, sc->lli_misses + sc->lld_misses,
                     sc->mispredicts, sc->branches, sim_cycles(sc));
            }
            note("cycle estimate (Ir + 10 L1 misses + 100 LL misses + 15 mispredicts): "
                 "no-profile/pgo %.4fx",
                 sim_cycles(twin) / sim_cycles(pgo));
            if (o->release_dir)
                note("cycle estimate of plain Release: release/pgo %.4fx",
                     sim_cycles(&b[B_RELEASE].counts) / sim_cycles(pgo));
        }
        /* The simulated and counted figures repeat exactly: 0.5% is room for a training
         * whose counts vary. The cycle estimate when simulated (it sees layout and branches),
         * else the instructions. */
        {
            double t = o->simulate ? sim_cycles(twin) : (double)twin->ir;
            double g = o->simulate ? sim_cycles(pgo) : (double)pgo->ir;

            /* g > t * 1.005 in integers (counts below 2^53 / 1005 are exact as doubles) */
            if (g * 1000 > t * 1005) {
                regression = 1;
                snprintf(verdict, sizeof(verdict),
                         "the PGO build runs %.2f%% more %s than the same build without the "
                         "profile (%.0f against %.0f; more than 0.5%% is beyond noise)",
                         (g - t) * 100 / t, o->simulate ? "estimated cycles" : "instructions", g,
                         t);
            }
        }
    } else if (wall == WALL_SLOWER && med < 0.97) {
        regression = 1;
        snprintf(verdict, sizeof(verdict),
                 "the PGO build is slower than the same build without the profile: median "
                 "wall-time ratio %.3f (below 0.97), slower by the signed-rank test over %lu "
                 "rounds (p = %.3f; no valgrind: wall time only)",
                 med, o->rounds, wall_p);
    }
    if (!regression)
        snprintf(verdict, sizeof(verdict), "%s", "");

    {
        struct kv kv;
        struct buf text;
        char count[32];
        int wrc = 0;

        kv_init(&kv);
        buf_init(&text);
        report_sizes(o->linked, o->build_dir, b, nbuilds, &kv);
        kv_add(&kv, "command", cmdline.data);
        snprintf(count, sizeof(count), "%lu", o->rounds);
        kv_add(&kv, "rounds", count);
        add_number(&kv, "plain_median", "%.6f", stats_median(b[B_TWIN].seconds, o->rounds));
        add_number(&kv, "pgo_median", "%.6f", stats_median(b[B_PGO].seconds, o->rounds));
        add_number(&kv, "ratio_median", "%.3f", med);
        add_number(&kv, "ratio_min", "%.3f", lo);
        add_number(&kv, "ratio_max", "%.3f", hi);
        add_number(&kv, "ratio_q1", "%.3f", q1);
        add_number(&kv, "ratio_q3", "%.3f", q3);
        add_list(&kv, "plain_times", b[B_TWIN].seconds, o->rounds);
        add_list(&kv, "pgo_times", b[B_PGO].seconds, o->rounds);
        add_number(&kv, "plain_rss_kb", "%.0f", median_long(b[B_TWIN].rss, o->rounds));
        add_number(&kv, "pgo_rss_kb", "%.0f", median_long(b[B_PGO].rss, o->rounds));
        if (o->release_dir) {
            add_number(&kv, "release_median", "%.6f",
                       stats_median(b[B_RELEASE].seconds, o->rounds));
            add_number(&kv, "release_ratio_median", "%.3f", stats_median(release_ratio, o->rounds));
            add_number(&kv, "release_rss_kb", "%.0f", median_long(b[B_RELEASE].rss, o->rounds));
        }
        kv_add(&kv, "wall_verdict",
               wall == WALL_FASTER   ? "faster"
               : wall == WALL_SLOWER ? "slower"
                                     : "no difference this machine can resolve");
        add_number(&kv, "wall_p", "%.4f", wall_p);
        for (size_t k = 0; o->valgrind && k < nbuilds; k++) {
            static const char *const prefix[NBUILDS] = {"plain", "pgo", "release"};
            const struct sim_counts *sc = &b[k].counts;
            char key[64];

            snprintf(key, sizeof(key), "%s_instructions", prefix[k]);
            add_number(&kv, key, "%.0f", (double)sc->ir);
            if (!o->simulate)
                continue;
            snprintf(key, sizeof(key), "%s_i1_misses", prefix[k]);
            add_number(&kv, key, "%.0f", (double)sc->i1_misses);
            snprintf(key, sizeof(key), "%s_ll_misses", prefix[k]);
            add_number(&kv, key, "%.0f", (double)(sc->lli_misses + sc->lld_misses));
            snprintf(key, sizeof(key), "%s_mispredicts", prefix[k]);
            add_number(&kv, key, "%.0f", (double)sc->mispredicts);
            snprintf(key, sizeof(key), "%s_cycles", prefix[k]);
            add_number(&kv, key, "%.0f", sim_cycles(sc));
        }
        kv_add(&kv, "regression", regression ? verdict : "no");
        buf_adds(&text, "# pgo-helper bench: wall times in seconds; plain_* is the build "
                        "without the profile\n");
        kv_format(&kv, &text);
        if (o->output)
            wrc = write_file_atomic(o->output, text.data, text.len);
        buf_release(&text);
        kv_release(&kv);
        if (wrc < 0)
            goto done;
    }
    if (regression) {
        error("REGRESSION: %s", verdict);
        if (o->valgrind) {
            struct bench_advice a = {o->cmake,
                                     o->prepare,
                                     &o->alternatives,
                                     o->valgrind,
                                     o->simulate,
                                     o->build_dir,
                                     o->count_args.n ? o->count_args.v : o->command,
                                     o->count_args.n ? o->count_args.n : o->ncommand,
                                     devnull};

            bench_advise(&a, &b[B_TWIN].counts, &b[B_PGO].counts);
        }
        goto done;
    }
    note("no regression: the PGO build is not slower than the same build without the profile "
         "beyond noise (%s)",
         o->simulate   ? "by the cycle estimate, at most 0.5% more"
         : o->valgrind ? "by instructions, at most 0.5% more"
                       : "by wall time");
    rc = 0;
done:
    if (devnull >= 0)
        close(devnull);
    for (size_t k = 0; k < NBUILDS; k++) {
        bench_free_argv(b[k].argv);
        bench_free_argv(b[k].count_argv);
        free(b[k].seconds);
        free(b[k].rss);
    }
    free(ratio);
    free(release_ratio);
    buf_release(&cmdline);
    return rc;
}
