/* pgo-helper bench: runs a benchmark command on the plain Release build and on the optimized
 * build in turn, N rounds with the order swapped every round, timing each child process with
 * clock_gettime(CLOCK_MONOTONIC), and reports the medians, the median of the per-round ratios
 * and their range. The result goes to a key=value file that pgo-helper report shows. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "fs.h"
#include "metadata.h"
#include "subprocess.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: pgo-helper bench --build-dir BDIR --plain-dir PDIR [--rounds N] [--warmup N]\n"
    "                        [--output FILE] -- COMMAND [ARGS...]\n"
    "\n"
    "Runs COMMAND on the optimized build and on its plain twin in turn, N rounds, the order\n"
    "swapped every round, and reports the median times and the median ratio plain/optimized\n"
    "with its range. A COMMAND below BDIR runs from PDIR for the plain build.\n"
    "\n"
    "  --build-dir BDIR   the optimized build tree\n"
    "  --plain-dir PDIR   the plain Release build tree\n"
    "  --rounds N         rounds (default 5)\n"
    "  --warmup N         untimed runs of each build first (default 1)\n"
    "  --output FILE      the results, as key=value lines, for pgo-helper report\n"
    "  -h, --help         show this help\n"
    "      --version      show the version\n";

enum { OPT_BUILD_DIR = 256, OPT_PLAIN_DIR, OPT_ROUNDS, OPT_WARMUP, OPT_OUTPUT };

static const struct cli_option options[] = {
    {"build-dir", 0, 1, OPT_BUILD_DIR}, {"plain-dir", 0, 1, OPT_PLAIN_DIR},
    {"rounds", 0, 1, OPT_ROUNDS},       {"warmup", 0, 1, OPT_WARMUP},
    {"output", 0, 1, OPT_OUTPUT},       {"help", 'h', 0, CLI_HELP},
    {"version", 0, 0, CLI_VERSION},     {NULL, 0, 0, 0},
};

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs argv once, its stdout to /dev/null; sets *seconds. Returns 0, or -1 after printing
 * why (a failing benchmark is an error: its times would mean nothing). */
static int run_once(char *const *argv, const char *which, int devnull, double *seconds)
{
    struct spawn_options o = {argv, NULL, devnull, -1, 0, NULL};
    double start = now();
    char how[128];
    pid_t pid;
    int status;

    if (spawn_start(&o, &pid) < 0 || spawn_wait(pid, &status) < 0)
        return -1;
    *seconds = now() - start;
    if (status != 0) {
        describe_status(status, how, sizeof(how));
        error("the benchmark failed on the %s build: '%s' %s", which, argv[0], how);
        return -1;
    }
    return 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double median(const double *v, size_t n)
{
    double *s = xcalloc(n, sizeof(*s)), m;

    memcpy(s, v, n * sizeof(*s));
    qsort(s, n, sizeof(*s), compare_doubles);
    m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    free(s);
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

int cmd_bench(int argc, char **argv)
{
    const char *build = NULL, *plain_dir = NULL, *output = NULL;
    unsigned long rounds = 5, warmup = 1;
    char **opt_argv, **plain_argv = NULL;
    double *t_plain = NULL, *t_pgo = NULL, *ratio = NULL, lo, hi, dummy;
    struct buf cmdline;
    struct cli c;
    size_t n, blen;
    int id, finished, devnull = -1, rc = 1;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_BUILD_DIR:
            build = c.arg;
            break;
        case OPT_PLAIN_DIR:
            plain_dir = c.arg;
            break;
        case OPT_ROUNDS:
            if (cli_number("--rounds", c.arg, 1, 1000, &rounds) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_WARMUP:
            if (cli_number("--warmup", c.arg, 0, 100, &warmup) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_OUTPUT:
            output = c.arg;
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 1)) >= 0)
        return finished;
    if (!build || !plain_dir) {
        error("missing %s", !build ? "--build-dir" : "--plain-dir");
        return cli_usage_error(usage, NULL);
    }
    if (c.index >= argc)
        return cli_usage_error(usage, "missing the benchmark command after '--'");
    opt_argv = argv + c.index;
    n = (size_t)(argc - c.index);

    /* The plain build's command: the same, but a program of the optimized tree is taken
     * from the plain tree. */
    plain_argv = xcalloc(n + 1, sizeof(*plain_argv));
    memcpy(plain_argv, opt_argv, n * sizeof(*plain_argv));
    blen = strlen(build);
    while (blen > 1 && build[blen - 1] == '/')
        blen--;
    if (strncmp(opt_argv[0], build, blen) == 0 && opt_argv[0][blen] == '/') {
        plain_argv[0] = xasprintf("%s%s", plain_dir, opt_argv[0] + blen);
    } else {
        warn("'%s' is not a program of %s: both builds run the same program, so the "
             "comparison measures nothing; name a target of the project as the first word",
             opt_argv[0], build);
        plain_argv[0] = xstrdup(opt_argv[0]);
    }

    buf_init(&cmdline);
    format_command(&cmdline, opt_argv);
    t_plain = xcalloc(rounds, sizeof(double));
    t_pgo = xcalloc(rounds, sizeof(double));
    ratio = xcalloc(rounds, sizeof(double));
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull < 0) {
        error("open '/dev/null':");
        goto done;
    }
    note("%lu rounds of '%s' on the plain and the PGO build in turn", rounds, cmdline.data);
    for (unsigned long i = 0; i < warmup; i++)
        if (run_once(plain_argv, "plain", devnull, &dummy) < 0 ||
            run_once(opt_argv, "PGO", devnull, &dummy) < 0)
            goto done;
    for (unsigned long i = 0; i < rounds; i++) {
        /* Swapping the order every round spreads drifts (caches, frequency, neighbours)
         * over both builds. */
        if (i % 2 == 0 ? run_once(plain_argv, "plain", devnull, &t_plain[i]) < 0 ||
                             run_once(opt_argv, "PGO", devnull, &t_pgo[i]) < 0
                       : run_once(opt_argv, "PGO", devnull, &t_pgo[i]) < 0 ||
                             run_once(plain_argv, "plain", devnull, &t_plain[i]) < 0)
            goto done;
        ratio[i] = t_pgo[i] > 0 ? t_plain[i] / t_pgo[i] : 0;
        note("round %lu/%lu: plain %.3f s, pgo %.3f s", i + 1, rounds, t_plain[i], t_pgo[i]);
    }
    lo = hi = ratio[0];
    for (unsigned long i = 1; i < rounds; i++) {
        lo = ratio[i] < lo ? ratio[i] : lo;
        hi = ratio[i] > hi ? ratio[i] : hi;
    }
    note("plain %.3f s, pgo %.3f s (medians of %lu rounds): plain/pgo %.3fx, range %.3f-%.3f",
         median(t_plain, rounds), median(t_pgo, rounds), rounds, median(ratio, rounds), lo, hi);
    if (output) {
        struct kv kv;
        struct buf text;
        char count[32];
        int wrc;

        kv_init(&kv);
        buf_init(&text);
        kv_add(&kv, "command", cmdline.data);
        snprintf(count, sizeof(count), "%lu", rounds);
        kv_add(&kv, "rounds", count);
        add_number(&kv, "plain_median", "%.6f", median(t_plain, rounds));
        add_number(&kv, "pgo_median", "%.6f", median(t_pgo, rounds));
        add_number(&kv, "ratio_median", "%.3f", median(ratio, rounds));
        add_number(&kv, "ratio_min", "%.3f", lo);
        add_number(&kv, "ratio_max", "%.3f", hi);
        add_list(&kv, "plain_times", t_plain, rounds);
        add_list(&kv, "pgo_times", t_pgo, rounds);
        buf_adds(&text, "# pgo-helper bench: wall times in seconds\n");
        kv_format(&kv, &text);
        wrc = write_file_atomic(output, text.data, text.len);
        buf_release(&text);
        kv_release(&kv);
        if (wrc < 0)
            goto done;
    }
    rc = 0;
done:
    if (devnull >= 0)
        close(devnull);
    free(t_plain);
    free(t_pgo);
    free(ratio);
    free(plain_argv[0]);
    free(plain_argv);
    buf_release(&cmdline);
    return rc;
}
