/* SPDX-License-Identifier: MIT */
/* pgo-helper merge, the subcommand: its options, parsed once, and the choice of merge
 * (merge_clang.c, merge_gcc.c, or merge_many.c for --input and --weight), run under the raw
 * directory's lock. */
#define _POSIX_C_SOURCE 200809L
#include "merge.h"
#include "merge_clang.h"
#include "merge_gcc.h"
#include "merge_sidecars.h"
#include "metadata.h"

#include "cli.h"
#include "fs.h"
#include "kept_tests.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: pgo-helper merge --compiler clang|gcc --raw-dir RAW --output OUT --tool TOOL\n"
    "                        [--base PROFDATA] [--weight N:TEST]... [--stamp FILE] [-j N] [-v]\n"
    "                        [--summary-tolerance PERCENT] [--test-profiles-limit MB]\n"
    "       pgo-helper merge --compiler clang|gcc --input PATH... --output OUT --tool TOOL\n"
    "                        [--weight N:PATH|N:TEST]... [--skip-corrupt] [--stamp FILE]\n"
    "                        [--check-sidecars]\n"
    "\n"
    "Merges the raw profiles below RAW into the profile the compiler reads.\n"
    "\n"
    "  --compiler KIND   clang: OUT is a .profdata file made by TOOL (llvm-profdata)\n"
    "                    gcc: OUT is a link to a directory of .gcda files made by TOOL\n"
    "                    (gcov-tool), beside which it keeps OUT.<hash>\n"
    "  --raw-dir RAW     the raw profiles written by pgo-helper train\n"
    "  --output OUT      the merged profile, replaced only when its content changes\n"
    "  --tool TOOL       llvm-profdata or gcov-tool of the compiler's version\n"
    "  --stamp FILE      a file holding the profile's hash, written when it changes\n"
    "  --base PROFDATA   clang: an indexed profile merged in with the raw ones (the first\n"
    "                    pass's profile, under a context-sensitive pass's raw profiles)\n"
    "  --input PATH      instead of --raw-dir, any number of times: a raw or merged profile,\n"
    "                    or a directory of them (gcc: a directory of .gcda files, or one\n"
    "                    holding such directories)\n"
    "  --weight N:WHAT   counts of the inputs below the path WHAT, or of the training test\n"
    "                    named WHAT, count N times (default 1)\n"
    "  --skip-corrupt    leave out inputs that are not valid profiles, naming each\n"
    "  --check-sidecars  the inputs are merged profiles of one project (shards of a\n"
    "                    training): refuse them unless their sidecars name the same\n"
    "                    compiler, flags and sources and every shard once; give OUT a\n"
    "                    sidecar naming them\n"
    "  --source-dir DIR  clang, with --input: an indexed input whose sidecar says it was made\n"
    "                    from sources elsewhere has its static functions renamed for DIR\n"
    "  --summary-tolerance PERCENT\n"
    "                    with --raw-dir: when no figure of the new profile's summary (clang:\n"
    "                    its largest counts, its thresholds; gcc: each object's sum of the\n"
    "                    runs' largest counts, the runs the same) moved more than PERCENT\n"
    "                    from OUT's, OUT's summary is kept, so that the objects whose records\n"
    "                    did not change need not compile again; OUT.tolerance says what it did\n"
    "  --test-profiles-limit MB\n"
    "                    with --raw-dir: after the merge keep RAW's test folders (what\n"
    "                    summary -v reads) within 10 times OUT's size or MB megabytes,\n"
    "                    whichever is larger, removing the largest; RAW/not-kept names them\n"
    "  -j, --jobs N      gcc: run up to N gcov-tool merges at once (default: one per\n"
    "                    processor); clang: llvm-profdata chooses its own threads\n"
    "  -v, --verbose     show the commands run\n"
    "  -h, --help        show this help\n"
    "      --version     show the version\n";

enum {
    OPT_COMPILER = 256,
    OPT_RAW_DIR,
    OPT_OUTPUT,
    OPT_TOOL,
    OPT_STAMP,
    OPT_INPUT,
    OPT_WEIGHT,
    OPT_SKIP_CORRUPT,
    OPT_BASE,
    OPT_JOBS,
    OPT_CHECK_SIDECARS,
    OPT_SOURCE_DIR,
    OPT_SUMMARY_TOLERANCE,
    OPT_TEST_PROFILES_LIMIT
};

static const struct cli_option options[] = {
    {"compiler", 0, 1, OPT_COMPILER},
    {"raw-dir", 0, 1, OPT_RAW_DIR},
    {"output", 0, 1, OPT_OUTPUT},
    {"tool", 0, 1, OPT_TOOL},
    {"stamp", 0, 1, OPT_STAMP},
    {"input", 0, 1, OPT_INPUT},
    {"weight", 0, 1, OPT_WEIGHT},
    {"skip-corrupt", 0, 0, OPT_SKIP_CORRUPT},
    {"verbose", 'v', 0, 'v'},
    CLI_HELP_ROWS,
    {"base", 0, 1, OPT_BASE},
    {"jobs", 'j', 1, OPT_JOBS},
    {"check-sidecars", 0, 0, OPT_CHECK_SIDECARS},
    {"source-dir", 0, 1, OPT_SOURCE_DIR},
    {"summary-tolerance", 0, 1, OPT_SUMMARY_TOLERANCE},
    {"test-profiles-limit", 0, 1, OPT_TEST_PROFILES_LIMIT},
    {NULL, 0, 0, 0},
};

/* Whether path ends in a file name (not "", "dir/", "." or ".."). */
static int names_file(const char *path)
{
    const char *base = base_name(path);

    return *base && strcmp(base, ".") != 0 && strcmp(base, "..") != 0;
}

/* Runs the merge holding the lock that pgo-helper train holds on RAW.lock, so that a merge
 * never reads the raw profiles of a training still running (two builds of one tree at once),
 * after removing what an interrupted merge left beside the output. */
static int merge_locked(const struct merge_options *o)
{
    const struct merge *m = &o->m;
    char *raw = absolute_path(m->raw_dir);
    char *lock_file, *marker;
    int lock, rc = 1;

    if (!raw) {
        error("getcwd:");
        return 1;
    }
    lock_file = xasprintf("%s.lock", raw);
    marker = xasprintf("%s/incomplete", raw);
    lock = lock_path(lock_file, "to finish with these raw profiles");
    if (lock >= 0) {
        if (access(marker, F_OK) == 0) {
            error("the training that wrote %s did not complete (it failed or was interrupted): "
                  "run the training again",
                  raw);
        } else {
            remove_temporaries_of(m->output);
            if (m->stamp)
                remove_temporaries_of(m->stamp);
            /* Weights go through the merge of many inputs, which knows them. */
            rc = o->in.weights.n > 0 ? merge_raw_weighted(m, o->compiler, &o->in.weights)
                 : o->compiler == COMPILER_CLANG ? merge_clang(m)
                                                 : merge_gcc(m);
            if (rc == 0 && o->test_profiles_limit_set &&
                kept_tests_bound(raw, m->output, o->test_profiles_limit * 1000000ull) < 0)
                rc = 1;
        }
        unlock_path(lock);
    }
    free(marker);
    free(lock_file);
    free(raw);
    return rc;
}

static int make_parent(const char *path)
{
    char *dir = dir_name(path);
    int rc = mkdir_p(dir);

    free(dir);
    return rc;
}

/* --check-sidecars: the inputs' sidecars agree before the merge, and the output gets one. */
static int merge_checked(const struct merge_options *o)
{
    struct kv merged;
    int rc;

    kv_init(&merged);
    rc = merge_sidecars_check(&o->in.paths, &merged) < 0 ? 1 : 0;
    if (rc == 0)
        rc = merge_many(&o->m, o->compiler, &o->in);
    if (rc == 0 && o->m.source_dir && o->compiler == COMPILER_CLANG) {
        /* Every input's names are now those of these sources. */
        kv_add(&merged, "source_dir", o->m.source_dir);
        kv_add(&merged, "static_names", "absolute");
    }
    if (rc == 0 && merge_sidecars_write(&merged, o->m.output, o->compiler) < 0)
        rc = 1;
    kv_release(&merged);
    return rc;
}

int merge_run(const struct merge_options *o)
{
    if (make_parent(o->m.output) < 0 || (o->m.stamp && make_parent(o->m.stamp) < 0))
        return 1;
    if (o->in.paths.n == 0)
        return merge_locked(o);
    if (!o->check_sidecars)
        return merge_many(&o->m, o->compiler, &o->in);
    return merge_checked(o);
}

/* Parses argv into o (its strvecs initialized by the caller). Returns -1 when the merge goes
 * on, else the exit status (-h, --version, bad usage). */
static int parse_options(struct merge_options *o, int argc, char **argv)
{
    struct merge *m = &o->m;
    const char *compiler = NULL;
    struct cli c;
    int id, finished, inputs;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_COMPILER:
            compiler = c.arg;
            break;
        case OPT_RAW_DIR:
            m->raw_dir = c.arg;
            break;
        case OPT_OUTPUT:
            m->output = c.arg;
            break;
        case OPT_TOOL:
            m->tool = c.arg;
            break;
        case OPT_STAMP:
            m->stamp = c.arg;
            break;
        case OPT_BASE:
            m->base = c.arg;
            break;
        case OPT_JOBS:
            if (cli_number("--jobs", c.arg, 1, 4096, &m->jobs) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_INPUT:
            strvec_push(&o->in.paths, c.arg);
            break;
        case OPT_CHECK_SIDECARS:
            o->check_sidecars = 1;
            break;
        case OPT_SOURCE_DIR:
            m->source_dir = c.arg;
            break;
        case OPT_WEIGHT:
            if (merge_check_weight(c.arg) < 0)
                return cli_usage_error(usage, NULL);
            strvec_push(&o->in.weights, c.arg);
            break;
        case OPT_SKIP_CORRUPT:
            o->in.skip_corrupt = 1;
            break;
        case OPT_SUMMARY_TOLERANCE: {
            char *end = NULL;
            double v = strtod(c.arg, &end);

            if (!*c.arg || !end || *end || !(v >= 0 && v <= 100)) {
                error("--summary-tolerance '%s': give a percentage from 0 to 100", c.arg);
                return cli_usage_error(usage, NULL);
            }
            m->summary_tolerance = v / 100;
            break;
        }
        case OPT_TEST_PROFILES_LIMIT:
            /* up to a petabyte */
            if (cli_number("--test-profiles-limit", c.arg, 0, 1000000000ul,
                           &o->test_profiles_limit) < 0)
                return cli_usage_error(usage, NULL);
            o->test_profiles_limit_set = 1;
            break;
        case 'v':
            m->verbose = 1;
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    inputs = o->in.paths.n > 0;
    if (!compiler || (!m->raw_dir && !inputs) || !m->output || !m->tool) {
        error("missing %s", !compiler                ? "--compiler"
                            : !m->raw_dir && !inputs ? "--raw-dir or --input"
                            : !m->output             ? "--output"
                                                     : "--tool");
        return cli_usage_error(usage, NULL);
    }
    if (compiler_parse(compiler, 0, &o->compiler) < 0)
        return cli_usage_error(usage, NULL);
    if (m->base && (o->compiler != COMPILER_CLANG || inputs)) {
        error(
            "--base goes with --compiler clang and --raw-dir (with --input, give it as an input)");
        return cli_usage_error(usage, NULL);
    }
    if (!names_file(m->output) || (m->stamp && !names_file(m->stamp))) {
        error("%s '%s' names no file", names_file(m->output) ? "--stamp" : "--output",
              names_file(m->output) ? m->stamp : m->output);
        return cli_usage_error(usage, NULL);
    }
    if (m->source_dir && (!inputs || m->source_dir[0] != '/')) {
        error("--source-dir goes with --input, and is an absolute path ('%s')", m->source_dir);
        return cli_usage_error(usage, NULL);
    }
    if (m->summary_tolerance > 0 && (inputs || m->base)) {
        error("--summary-tolerance goes with --raw-dir, without --base");
        return cli_usage_error(usage, NULL);
    }
    if (o->check_sidecars && !inputs) {
        error("--check-sidecars goes with --input (the merged profiles to check)");
        return cli_usage_error(usage, NULL);
    }
    return -1;
}

int cmd_merge(int argc, char **argv)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    struct merge_options o = {.m.jobs = cpus > 0 ? (unsigned long)cpus : 1};
    int rc;

    strvec_init(&o.in.paths);
    strvec_init(&o.in.weights);
    rc = parse_options(&o, argc, argv);
    if (rc < 0)
        rc = merge_run(&o);
    strvec_release(&o.in.paths);
    strvec_release(&o.in.weights);
    return rc;
}
