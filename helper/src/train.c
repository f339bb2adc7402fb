/* SPDX-License-Identifier: MIT */
/* pgo-helper train: runs each CTest test labelled pgo-training on its own, in parallel, with
 * the raw profile of test i going to RAW/tNNNN/: the options, the list of tests, the raw
 * directory and the profiles counted. The tests are run by train_jobs.c. */
#define _POSIX_C_SOURCE 200809L
#include "train.h"
#include "train_jobs.h"

#include "cli.h"
#include "ctest_list.h"
#include "fs.h"
#include "leftovers.h"
#include "subprocess.h"
#include "train_reuse.h"
#include "train_targets.h"
#include "training_options.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The marker of a raw directory whose training has not completed (see merge.c). */
#define INCOMPLETE "incomplete"

static const char usage[] =
    "usage: pgo-helper train --build-dir DIR --raw-dir RAW --compiler clang|gcc|none\n"
    "                        [--gcov-strip N] [--jobs N] [--timeout SEC] [--allow-failures]\n"
    "                        [--ctest PATH] [--config NAME] [--tests-regex R] [--test NAME]...\n"
    "                        [--workload]\n"
    "                        [--shard K/N] [--reuse --compile-db FILE [--tool T --nm NM]\n"
    "                        [--reuse-input FILE]...] [--unbuilt-targets FILE]\n"
    "                        [-v|--verbose]\n"
    "\n"
    "Runs each CTest test of the instrumented tree DIR labelled pgo-training on its own,\n"
    "writing its raw profile, name and output to RAW/tNNNN/. RAW is emptied first.\n"
    "\n"
    "  --build-dir DIR     the instrumented build tree\n"
    "  --raw-dir RAW       where raw profiles go (emptied first)\n"
    "  --compiler KIND     clang (sets LLVM_PROFILE_FILE), gcc (sets GCOV_PREFIX) or none\n"
    "                      (the programs write their own profiles: BOLT)\n"
    "  --gcov-strip N      gcc: GCOV_PREFIX_STRIP, the number of path components of the\n"
    "                      -fprofile-generate directory (required with gcc)\n" TRAINING_OPTIONS_HELP
    "  --workload          run the test labelled pgo-workload instead (the benchmark\n"
    "                      command, profiled apart from the training)\n"
    "  --shard K/N         run the K-th of N shards of the training: its tests in ctest -N\n"
    "                      order, numbered from 1, the i-th going to shard (i - 1) mod N + 1\n"
    "  --reuse             run again only the tests that ran code of an instrumented object\n"
    "                      that changed since the last training; the others keep the raw\n"
    "                      profiles of that training (RAW/reuse.state records it)\n"
    "  --compile-db FILE   with --reuse: DIR's compile_commands.json\n"
    "  --tool T, --nm NM   with --reuse and clang: llvm-profdata and llvm-nm\n"
    "  --reuse-input FILE  with --reuse: a file the training reads; when one changes every\n"
    "                      test runs\n"
    "  --unbuilt-targets FILE\n"
    "                      the programs the instrumented build leaves out (PGO_TRAINING_TARGETS),\n"
    "                      lines '<target>\\t<file>': removed before the training, so that no\n"
    "                      test runs one an earlier build left behind\n"
    "  -v, --verbose       show each command and its environment\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n";

enum {
    OPT_BUILD_DIR = 256,
    OPT_RAW_DIR,
    OPT_COMPILER,
    OPT_GCOV_STRIP,
    OPT_WORKLOAD,
    OPT_SHARD,
    OPT_REUSE,
    OPT_COMPILE_DB,
    OPT_TOOL,
    OPT_NM,
    OPT_REUSE_INPUT,
    OPT_UNBUILT_TARGETS
};

static const struct cli_option options[] = {
    {"build-dir", 0, 1, OPT_BUILD_DIR},
    {"raw-dir", 0, 1, OPT_RAW_DIR},
    {"compiler", 0, 1, OPT_COMPILER},
    {"gcov-strip", 0, 1, OPT_GCOV_STRIP},
    {"workload", 0, 0, OPT_WORKLOAD},
    {"shard", 0, 1, OPT_SHARD},
    {"reuse", 0, 0, OPT_REUSE},
    {"compile-db", 0, 1, OPT_COMPILE_DB},
    {"tool", 0, 1, OPT_TOOL},
    {"nm", 0, 1, OPT_NM},
    {"reuse-input", 0, 1, OPT_REUSE_INPUT},
    {"unbuilt-targets", 0, 1, OPT_UNBUILT_TARGETS},
    TRAINING_OPTION_ROWS,
    {"verbose", 'v', 0, 'v'},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

struct train {
    const struct train_options *o;
    char *raw_dir; /* absolute, owned */
    struct ctest_list list;
    size_t failed; /* tests that failed */
};

/* Runs `ctest -N FILTER VALUE` and appends the tests it lists to t->list, skipping those
 * already there. Returns 0, or -1 after printing an error. */
static int list_with(struct train *t, const char *filter, const char *value)
{
    char *argv[] = {(char *)t->o->training.ctest,
                    "--test-dir",
                    (char *)t->o->build_dir,
                    "-N",
                    (char *)filter,
                    (char *)value,
                    NULL,
                    NULL,
                    NULL,
                    NULL,
                    NULL};
    size_t extra = 6;
    struct ctest_list found;
    struct buf out, err;
    int status, rc = -1;
    char how[128];

    if (t->o->training.config) {
        argv[extra++] = "-C";
        argv[extra++] = (char *)t->o->training.config;
    }
    /* The benchmark command's test is never training, whatever PGO_TRAINING_TESTS matches. */
    if (strcmp(filter, "-R") == 0) {
        argv[extra++] = "-LE";
        argv[extra++] = "^pgo-workload$";
    }
    buf_init(&out);
    buf_init(&err);
    if (t->o->verbose) {
        struct buf cmd;

        buf_init(&cmd);
        format_command(&cmd, argv);
        note("run: %s", cmd.data);
        buf_release(&cmd);
    }
    if (run_capture(argv, NULL, &out, &err, &status) < 0)
        goto done;
    if (status != 0) {
        describe_status(status, how, sizeof(how));
        fputs(err.data, stderr);
        error("'%s --test-dir %s -N' failed (%s)", t->o->training.ctest, t->o->build_dir, how);
        goto done;
    }
    {
        /* ctest reports a bad -R or -L expression on stdout and exits 0, listing nothing. */
        const char *bad = strstr(out.data, "RegularExpression::compile(): ");

        if (bad) {
            if (strcmp(filter, "-R") == 0)
                error("--tests-regex '%s' (PGO_TRAINING_TESTS) is not a valid regular expression "
                      "(%.*s)",
                      value, (int)strcspn(bad, "\n"), bad);
            else
                error("ctest %s '%s': not a valid regular expression (%.*s)", filter, value,
                      (int)strcspn(bad, "\n"), bad);
            goto done;
        }
    }
    ctest_list_parse(out.data, out.len, &found);
    if (strcmp(filter, "-R") == 0 && found.n == 0)
        warn("no CTest test matches --tests-regex '%s' (PGO_TRAINING_TESTS)", value);
    for (size_t i = 0; i < found.n; i++) {
        int seen = 0;

        for (size_t k = 0; k < t->list.n && !seen; k++)
            seen = t->list.tests[k].number == found.tests[i].number;
        if (seen)
            continue;
        /* ownership of the name passes to t->list */
        t->list.tests = xrealloc(t->list.tests, (t->list.n + 1) * sizeof(*t->list.tests));
        t->list.tests[t->list.n++] = found.tests[i];
        found.tests[i].name = NULL;
    }
    ctest_list_release(&found);
    rc = 0;
done:
    buf_release(&out);
    buf_release(&err);
    return rc;
}

/* --test NAME...: the training is the tests named, in ctest -N order, whatever their labels.
 * Returns 0, or -1 after naming the first that is no test of the tree. */
static int list_named(struct train *t)
{
    const struct training_options *o = &t->o->training;
    struct ctest_list *all = &t->list;
    size_t kept = 0;

    /* Every test but the benchmark command's, which is never training. */
    if (list_with(t, "-LE", "^pgo-workload$") < 0)
        return -1;
    for (size_t i = 0; i < o->ntests; i++) {
        int found = 0;

        for (size_t k = 0; k < all->n && !found; k++)
            found = strcmp(all->tests[k].name, o->tests[i]) == 0;
        if (!found) {
            error("PGO_TRAINING_SET names '%s', which is no CTest test of %s (ctest -N lists "
                  "them; the benchmark command's pgo-workload never trains): correct the name or "
                  "drop it from PGO_TRAINING_SET",
                  o->tests[i], t->o->build_dir);
            return -1;
        }
    }
    for (size_t k = 0; k < all->n; k++) {
        int named = 0;

        for (size_t i = 0; i < o->ntests && !named; i++)
            named = strcmp(all->tests[k].name, o->tests[i]) == 0;
        if (named)
            all->tests[kept++] = all->tests[k];
        else
            free(all->tests[k].name);
    }
    all->n = kept;
    return 0;
}

/* Lists the training tests: those labelled pgo-training, and those whose name matches
 * --tests-regex; or those --test names. Returns 0, or -1 after printing an error. */
static int list_tests(struct train *t)
{
    if (t->o->workload) {
        if (list_with(t, "-L", "^pgo-workload$") < 0)
            return -1;
        if (t->list.n == 0) {
            error("no test labelled pgo-workload in %s: the module registers it when "
                  "PGO_BENCHMARK_COMMAND is set and PGO_REPRESENTATIVE is on",
                  t->o->build_dir);
            return -1;
        }
        return 0;
    }
    if (t->o->training.ntests > 0)
        return list_named(t);
    if (list_with(t, "-L", "^pgo-training$") < 0)
        return -1;
    if (t->o->training.tests_regex && list_with(t, "-R", t->o->training.tests_regex) < 0)
        return -1;
    if (t->list.n == 0) {
        error("no training registered in %s: add one with pgo_add_training() or give a CTest "
              "test the label pgo-training%s",
              t->o->build_dir, t->o->training.tests_regex ? ", or widen PGO_TRAINING_TESTS" : "");
        return -1;
    }
    return 0;
}

static int compare_numbers(const void *a, const void *b)
{
    unsigned long x = ((const struct ctest_entry *)a)->number;
    unsigned long y = ((const struct ctest_entry *)b)->number;

    return x < y ? -1 : x > y;
}

/* --shard K/N: keeps the tests of shard K. The rule is the contract between the CI jobs of
 * one training: the training tests in ctest -N order (by test number, the labelled ones and
 * those --tests-regex adds alike), the i-th (from 1) going to shard (i - 1) mod N + 1, so
 * that neighbours, often the runs of one program, spread over the shards. */
static int select_shard(struct train *t)
{
    size_t kept = 0, total = t->list.n;

    if (t->o->shards == 0)
        return 0;
    if (total > 1)
        qsort(t->list.tests, total, sizeof(*t->list.tests), compare_numbers);
    if (t->o->shards > total) {
        error("--shard %lu/%lu: the training has %zu test%s, fewer than %lu shards, and a shard "
              "must train with at least one: make at most %zu shards (PGO_TRAINING_SHARD)",
              t->o->shard, t->o->shards, total, total == 1 ? "" : "s", t->o->shards, total);
        return -1;
    }
    for (size_t i = 0; i < total; i++) {
        if (i % t->o->shards == t->o->shard - 1)
            t->list.tests[kept++] = t->list.tests[i];
        else
            free(t->list.tests[i].name);
    }
    t->list.n = kept;
    note("shard %lu/%lu: %zu of the training's %zu tests", t->o->shard, t->o->shards, kept, total);
    if (t->o->verbose)
        for (size_t i = 0; i < kept; i++)
            note("  #%lu %s", t->list.tests[i].number, t->list.tests[i].name);
    return 0;
}

/* "K/N" with 1 <= K <= N. */
static int parse_shard(struct train_options *t, const char *arg)
{
    const char *slash = strchr(arg, '/');
    char *k = slash ? xstrndup(arg, (size_t)(slash - arg)) : NULL;
    int ok = slash && parse_uint(k, &t->shard) == 0 && parse_uint(slash + 1, &t->shards) == 0 &&
             t->shard >= 1 && t->shard <= t->shards && t->shards <= 100000;

    free(k);
    if (!ok) {
        error("--shard '%s': give K/N, two whole numbers with 1 <= K <= N (shard K of N)", arg);
        t->shard = t->shards = 0;
        return -1;
    }
    return 0;
}

/* Whether name is what train writes directly in RAW: "tNNNN", the marker, or --reuse's
 * record and result. */
static int is_own_entry(const char *name)
{
    size_t digits = strspn(name + 1, "0123456789");

    if (strcmp(name, INCOMPLETE) == 0 || strcmp(name, "reuse.state") == 0 ||
        strcmp(name, "reuse.result") == 0)
        return 1;
    return name[0] == 't' && digits >= 4 && name[1 + digits] == '\0';
}

/* Moves the folder of each test whose earlier run is kept (kept_from[i]) to KEPT/tNNNN, the
 * place of its new number, before RAW is emptied. */
static int set_kept_aside(struct train *t, const char *kept, char **kept_from)
{
    if (remove_tree(kept) < 0 || mkdir_p(kept) < 0)
        return -1;
    for (size_t i = 0; i < t->list.n; i++) {
        char *to;
        int rc;

        if (!kept_from[i])
            continue;
        to = train_test_dir(kept, i);
        rc = rename(kept_from[i], to);
        if (rc < 0)
            error("rename '%s' to '%s':", kept_from[i], to);
        free(to);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Empties RAW, marks it incomplete and creates RAW/tNNNN/name for each test; a test whose
 * earlier run is kept (kept_from[i], with --reuse) gets its folder back instead. RAW must
 * hold nothing but what an earlier train wrote: a mistaken --raw-dir empties no one's files. */
static int prepare_raw_dir(struct train *t, char **kept_from)
{
    char *build = absolute_path(t->o->build_dir);
    char *kept = xasprintf("%s.kept", t->raw_dir);
    size_t n = strlen(t->raw_dir);
    int inside, rc = -1;
    struct stat st;

    if (!build) {
        error("getcwd:");
        goto done;
    }
    inside = strncmp(build, t->raw_dir, n) == 0 && (build[n] == '/' || build[n] == '\0');
    free(build);
    if (strcmp(t->raw_dir, "/") == 0 || inside) {
        error("refusing to empty '%s': it holds the build tree %s", t->raw_dir, t->o->build_dir);
        goto done;
    }
    if (lstat(t->raw_dir, &st) == 0) {
        struct strvec names;
        int bad = 0;

        strvec_init(&names);
        if (!S_ISDIR(st.st_mode)) {
            error("refusing to empty '%s': it is not a directory; give --raw-dir a directory of "
                  "its own",
                  t->raw_dir);
            bad = 1;
        } else if (list_dir(t->raw_dir, NULL, &names) < 0) {
            bad = 1;
        }
        for (size_t i = 0; i < names.n && !bad; i++) {
            if (!is_own_entry(names.v[i])) {
                error("refusing to empty '%s': it holds '%s', which pgo-helper train did not "
                      "write; give --raw-dir a directory of its own",
                      t->raw_dir, names.v[i]);
                bad = 1;
            }
        }
        strvec_release(&names);
        if (bad)
            goto done;
    }
    /* A folder left by an interrupted run: its tests' runs are not kept. */
    if (lstat(kept, &st) == 0 && remove_tree(kept) < 0)
        goto done;
    if (kept_from && set_kept_aside(t, kept, kept_from) < 0)
        goto done;
    if (remove_tree(t->raw_dir) < 0 || mkdir_p(t->raw_dir) < 0)
        goto done;
    {
        /* Removed when the training succeeds: merge refuses a raw directory that has it. */
        char *marker = xasprintf("%s/%s", t->raw_dir, INCOMPLETE);
        int w = write_file_atomic(marker, "", 0);

        free(marker);
        if (w < 0)
            goto done;
    }
    for (size_t i = 0; i < t->list.n; i++) {
        char *dir = train_test_dir(t->raw_dir, i);
        char *file = xasprintf("%s/name", dir);
        char *text = xasprintf("%s\n", t->list.tests[i].name);
        int r;

        if (kept_from && kept_from[i]) {
            char *from = train_test_dir(kept, i);

            r = rename(from, dir);
            if (r < 0)
                error("rename '%s' to '%s':", from, dir);
            free(from);
        } else {
            r = mkdir_p(dir);
            if (r == 0)
                r = write_file_atomic(file, text, strlen(text));
        }
        free(text);
        free(file);
        free(dir);
        if (r < 0)
            goto done;
    }
    rc = kept_from ? remove_tree(kept) : 0;
done:
    free(kept);
    return rc;
}

/* --reuse's key: what defines the training besides the objects its tests run. The tests'
 * definitions come from ctest --show-only=json-v1 (commands, environment, folders). NULL
 * when ctest or an input cannot be read: then every test runs. */
static char *reuse_key(const struct train *t)
{
    const struct train_options *o = t->o;
    char *argv[] = {(char *)o->training.ctest,
                    "--test-dir",
                    (char *)o->build_dir,
                    "--show-only=json-v1",
                    NULL,
                    NULL,
                    NULL};
    struct buf key, out;
    int status;

    if (o->training.config) {
        argv[4] = "-C";
        argv[5] = (char *)o->training.config;
    }
    buf_init(&key);
    buf_init(&out);
    buf_addf(&key, "compiler %d\nregex %s\nshard %lu/%lu\n", (int)o->compiler,
             o->training.tests_regex ? o->training.tests_regex : "", o->shard, o->shards);
    for (size_t i = 0; i < t->list.n; i++)
        buf_addf(&key, "test %lu %s\n", t->list.tests[i].number, t->list.tests[i].name);
    if (run_capture(argv, NULL, &out, NULL, &status) < 0 || status != 0 || !out.data) {
        warn("'%s --show-only=json-v1' failed: every training test runs", o->training.ctest);
        goto fail;
    }
    buf_add(&key, out.data, out.len);
    for (size_t i = 0; i < o->n_reuse_inputs; i++) {
        uint64_t h = 0;

        if (hash_file(o->reuse_inputs[i], &h) < 0) {
            warn("every training test runs: its input '%s' cannot be read", o->reuse_inputs[i]);
            goto fail;
        }
        buf_addf(&key, "input %s %016llx\n", o->reuse_inputs[i], (unsigned long long)h);
    }
    buf_release(&out);
    return key.data;
fail:
    buf_release(&out);
    buf_release(&key);
    return NULL;
}

/* Counts profile files per test and in all; returns the total. GCC's files must lie directly in
 * the test's directory, where pgo-helper merge looks for them. */
static size_t check_profiles(struct train *t)
{
    const char *suffix = t->o->compiler == COMPILER_CLANG ? ".profraw" : ".gcda";
    size_t total = 0;

    for (size_t i = 0; i < t->list.n; i++) {
        char *dir = train_test_dir(t->raw_dir, i);
        struct strvec all, direct;
        size_t found;

        strvec_init(&all);
        strvec_init(&direct);
        if (find_files(dir, suffix, &all) == 0 && t->o->compiler != COMPILER_CLANG)
            list_dir(dir, suffix, &direct);
        found = t->o->compiler == COMPILER_CLANG ? all.n : direct.n;
        if (t->o->compiler != COMPILER_CLANG && all.n > direct.n)
            warn("training test '%s' wrote .gcda files below %s/ instead of in it (such as "
                 "'%s'): --gcov-strip %lu is too small",
                 t->list.tests[i].name, dir, all.v[0], t->o->gcov_strip);
        else if (found == 0)
            warn("training test '%s' wrote no profile: it runs no program built in this tree",
                 t->list.tests[i].name);
        total += found;
        strvec_release(&direct);
        strvec_release(&all);
        free(dir);
    }
    return total;
}

/* Parses argv into o. Returns -1 when the training goes on, else the exit status (-h,
 * --version, bad usage). */
static int parse_options(struct train_options *o, int argc, char **argv)
{
    struct cli c;
    const char *compiler = NULL;
    int id, finished, have_gcov_strip = 0;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_BUILD_DIR:
            o->build_dir = c.arg;
            break;
        case OPT_RAW_DIR:
            o->raw_dir = c.arg;
            break;
        case OPT_COMPILER:
            compiler = c.arg;
            break;
        case OPT_GCOV_STRIP:
            if (cli_number("--gcov-strip", c.arg, 0, 1000, &o->gcov_strip) < 0)
                goto bad;
            have_gcov_strip = 1;
            break;
        case OPT_WORKLOAD:
            o->workload = 1;
            break;
        case OPT_SHARD:
            if (parse_shard(o, c.arg) < 0)
                goto bad;
            break;
        case OPT_REUSE:
            o->reuse = 1;
            break;
        case OPT_COMPILE_DB:
            o->compile_db = c.arg;
            break;
        case OPT_TOOL:
            o->tool = c.arg;
            break;
        case OPT_NM:
            o->nm = c.arg;
            break;
        case OPT_REUSE_INPUT:
            o->reuse_inputs =
                xrealloc(o->reuse_inputs, (o->n_reuse_inputs + 1) * sizeof(*o->reuse_inputs));
            o->reuse_inputs[o->n_reuse_inputs++] = c.arg;
            break;
        case OPT_UNBUILT_TARGETS:
            o->unbuilt_targets = c.arg;
            break;
        case 'v':
            o->verbose = 1;
            break;
        default:
            if (training_option(&o->training, id, c.arg) < 0)
                goto bad;
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    if (!o->build_dir || !o->raw_dir || !compiler) {
        error("missing %s", !o->build_dir ? "--build-dir"
                            : !o->raw_dir ? "--raw-dir"
                                          : "--compiler");
        goto bad;
    }
    if (compiler_parse(compiler, 1, &o->compiler) < 0)
        goto bad;
    if (o->shards && o->workload) {
        error("--shard splits the training; the benchmark command (--workload) runs whole");
        goto bad;
    }
    if (o->reuse && (o->workload || o->compiler == COMPILER_NONE)) {
        error("--reuse keeps the profiles of a training's tests: not with --workload or "
              "--compiler none");
        goto bad;
    }
    if (o->reuse && (!o->compile_db || (o->compiler == COMPILER_CLANG && (!o->tool || !o->nm)))) {
        error("--reuse needs --compile-db%s",
              o->compiler == COMPILER_CLANG ? ", --tool and --nm" : "");
        goto bad;
    }
    if (o->compiler == COMPILER_GCC && !have_gcov_strip) {
        error("--compiler gcc needs --gcov-strip N (the number of path components of the "
              "-fprofile-generate directory)");
        goto bad;
    }
    return -1;
bad:
    fputs(usage, stderr);
    return 2;
}

int cmd_train(int argc, char **argv)
{
    struct train_options o;
    int rc;

    memset(&o, 0, sizeof(o));
    training_options_init(&o.training);
    rc = parse_options(&o, argc, argv);
    if (rc < 0)
        rc = train_run(&o);
    free(o.reuse_inputs);
    training_options_release(&o.training);
    return rc;
}

int train_run(const struct train_options *o)
{
    struct train t;
    int rc = 1, lock = -1;
    size_t profiles;
    char *lock_file = NULL, *marker = NULL, *key = NULL, *result = NULL, *build = NULL;
    struct train_reuse reuse;
    unsigned char *run = NULL;
    struct train_targets targets;

    memset(&t, 0, sizeof(t));
    memset(&reuse, 0, sizeof(reuse));
    t.o = o;
    t.raw_dir = absolute_path(o->raw_dir);
    if (!t.raw_dir) {
        error("getcwd:");
        return 1;
    }
    targets = (struct train_targets){
        .list = o->unbuilt_targets, .raw_dir = t.raw_dir, .verbose = o->verbose};
    cloexec_inherited_fds(); /* a test that outlives us must not hold the build's pipes */
    /* One training or merge at a time per raw directory (two builds of one tree at once). */
    lock_file = xasprintf("%s.lock", t.raw_dir);
    lock = lock_path(lock_file, "to finish with this build tree's raw profiles");
    if (lock >= 0)
        leftovers_stop(lock);
    if (lock < 0 || list_tests(&t) < 0 || select_shard(&t) < 0)
        goto done;
    run = xmalloc(t.list.n ? t.list.n : 1);
    memset(run, 1, t.list.n ? t.list.n : 1);
    if (o->reuse) {
        build = absolute_path(o->build_dir);
        key = reuse_key(&t);
        reuse = (struct train_reuse){.build_dir = build,
                                     .raw_dir = t.raw_dir,
                                     .compile_db = o->compile_db,
                                     .compiler = o->compiler,
                                     .tool = o->tool,
                                     .nm = o->nm,
                                     .key = key ? key : "",
                                     .verbose = o->verbose};
        if (!build || train_reuse_plan(&reuse, &t.list) < 0)
            goto done;
        if (!key) { /* the record cannot speak for this training */
            for (size_t i = 0; i < t.list.n; i++) {
                free(reuse.kept_from[i]);
                reuse.kept_from[i] = NULL;
            }
            reuse.why = "the training's definition could not be read";
        }
        for (size_t i = 0; i < t.list.n; i++)
            run[i] = reuse.kept_from[i] == NULL;
        reuse.kept = 0;
        for (size_t i = 0; i < t.list.n; i++)
            reuse.kept += !run[i];
        if (reuse.kept > 0)
            note("%zu of %zu tests run again; %zu keep the profiles of their last run (they "
                 "ran no code of the %zu instrumented object%s changed since)",
                 t.list.n - reuse.kept, t.list.n, reuse.kept, reuse.changed,
                 reuse.changed == 1 ? "" : "s");
    }
    if (prepare_raw_dir(&t, o->reuse ? reuse.kept_from : NULL) < 0)
        goto done;
    if (o->unbuilt_targets) {
        targets.build_dir = build ? build : (build = absolute_path(o->build_dir));
        if (!targets.build_dir || train_targets_remove(&targets) < 0)
            goto done;
    }
    {
        struct train_jobs jobs = {.build_dir = o->build_dir,
                                  .raw_dir = t.raw_dir,
                                  .opt = &o->training,
                                  .compiler = o->compiler,
                                  .gcov_strip = o->gcov_strip,
                                  .verbose = o->verbose,
                                  .list = &t.list,
                                  .run = run,
                                  .lock = lock};

        rc = train_jobs_run(&jobs);
        t.failed = jobs.failed;
        if (jobs.nrunning == 0)
            leftovers_clear(lock);
    }
    if (rc != 0)
        goto done;
    if (t.failed > 0 && o->unbuilt_targets)
        train_targets_explain(&targets, &t.list, run);
    if (t.failed > 0 && o->workload) {
        error("the benchmark command (PGO_BENCHMARK_COMMAND) failed on the instrumented build "
              "(its output is above): fix it, or turn PGO_REPRESENTATIVE off");
        rc = 1;
        goto done;
    }
    if (t.failed > 0 && !o->training.allow_failures) {
        error("fix the test, or set PGO_TRAINING_ALLOW_FAILURES=ON to train with the tests that "
              "pass");
        rc = 1;
        goto done;
    }
    profiles = o->compiler == COMPILER_NONE ? 0 : check_profiles(&t);
    if (profiles == 0 && o->workload) {
        error("the benchmark command (PGO_BENCHMARK_COMMAND) wrote no profile in %s: its first "
              "word must name a program target of the project, so that it runs the "
              "instrumented program; or turn PGO_REPRESENTATIVE off",
              t.raw_dir);
        rc = 1;
        goto done;
    }
    if (profiles == 0 && o->compiler != COMPILER_NONE) {
        error("training wrote no profile in %s: the training tests must run programs built in "
              "the instrumented tree (use target names in pgo_add_training COMMAND)",
              t.raw_dir);
        rc = 1;
        goto done;
    }
    if (o->compiler == COMPILER_NONE)
        note("%zu tests (%zu failed)", t.list.n, t.failed);
    else if (t.failed > 0)
        note("%zu tests (%zu failed), %zu profiles in %s", t.list.n, t.failed, profiles, t.raw_dir);
    else
        note("%zu tests, %zu profiles in %s", t.list.n, profiles, t.raw_dir);
    marker = xasprintf("%s/%s", t.raw_dir, INCOMPLETE);
    if (unlink(marker) < 0) {
        error("remove '%s':", marker);
        goto done;
    }
    fsync_dir_of(marker);
    rc = 0;
    if (o->reuse && t.failed == 0 && key) {
        result = xasprintf("%s/reuse.result", t.raw_dir);
        if (train_reuse_record(&reuse, &t.list, run, result) < 0)
            warn("the record of this training for --reuse could not be written: the next "
                 "training runs every test");
    }
done:
    unlock_path(lock);
    free(marker);
    free(lock_file);
    train_reuse_release(&reuse, t.list.n);
    free(run);
    free(result);
    free(key);
    free(build);
    ctest_list_release(&t.list);
    free(t.raw_dir);
    return rc;
}
