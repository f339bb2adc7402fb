/* SPDX-License-Identifier: MIT */
/* pgo-helper train: runs each CTest test labelled pgo-training on its own, in parallel, with
 * the raw profile of test i going to RAW/tNNNN/. */
#define _POSIX_C_SOURCE 200809L
#include "train.h"

#include "cli.h"
#include "ctest_list.h"
#include "fs.h"
#include "subprocess.h"
#include "training_options.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The marker of a raw directory whose training has not completed (see merge.c). */
#define INCOMPLETE "incomplete"

static const char usage[] =
    "usage: pgo-helper train --build-dir DIR --raw-dir RAW --compiler clang|gcc|none\n"
    "                        [--gcov-strip N] [--jobs N] [--timeout SEC] [--allow-failures]\n"
    "                        [--ctest PATH] [--config NAME] [--tests-regex R] [--workload]\n"
    "                        [--shard K/N] [-v|--verbose]\n"
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
    "  -v, --verbose       show each command and its environment\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n";

enum { OPT_BUILD_DIR = 256, OPT_RAW_DIR, OPT_COMPILER, OPT_GCOV_STRIP, OPT_WORKLOAD, OPT_SHARD };

static const struct cli_option options[] = {
    {"build-dir", 0, 1, OPT_BUILD_DIR},
    {"raw-dir", 0, 1, OPT_RAW_DIR},
    {"compiler", 0, 1, OPT_COMPILER},
    {"gcov-strip", 0, 1, OPT_GCOV_STRIP},
    {"workload", 0, 0, OPT_WORKLOAD},
    {"shard", 0, 1, OPT_SHARD},
    TRAINING_OPTION_ROWS,
    {"verbose", 'v', 0, 'v'},
    {"help", 'h', 0, CLI_HELP},
    {"version", 0, 0, CLI_VERSION},
    {NULL, 0, 0, 0},
};

struct job {
    size_t test; /* index into the test list */
    pid_t pid;   /* also the process group */
    double start;
};

struct train {
    const char *build_dir;
    char *raw_dir; /* absolute, owned */
    struct training_options opt;
    int clang;
    int none; /* --compiler none: no environment set, no profile counted (pgo-helper bolt) */
    unsigned long gcov_strip;
    int verbose;
    int workload;
    unsigned long shard, shards;
    struct ctest_list list;
    struct job *running; /* owned, jobs entries */
    size_t nrunning;
    size_t next;     /* next test to start */
    size_t finished; /* tests finished */
    size_t failed;   /* tests that failed */
    int stop;        /* start no more tests */
    int lock;        /* the locked RAW.lock, which records the running tests (see below) */
    sigset_t child_mask;
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

static void on_child(int sig)
{
    (void)sig; /* only interrupts sigsuspend() */
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *test_dir(const struct train *t, size_t i)
{
    return xasprintf("%s/t%04zu", t->raw_dir, i + 1);
}

/* Runs `ctest -N FILTER VALUE` and appends the tests it lists to t->list, skipping those
 * already there. Returns 0, or -1 after printing an error. */
static int list_with(struct train *t, const char *filter, const char *value)
{
    char *argv[] = {(char *)t->opt.ctest,
                    "--test-dir",
                    (char *)t->build_dir,
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

    if (t->opt.config) {
        argv[extra++] = "-C";
        argv[extra++] = (char *)t->opt.config;
    }
    /* The benchmark command's test is never training, whatever PGO_TRAINING_TESTS matches. */
    if (strcmp(filter, "-R") == 0) {
        argv[extra++] = "-LE";
        argv[extra++] = "^pgo-workload$";
    }
    buf_init(&out);
    buf_init(&err);
    if (t->verbose) {
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
        error("'%s --test-dir %s -N' failed (%s)", t->opt.ctest, t->build_dir, how);
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

/* Lists the training tests: those labelled pgo-training, and those whose name matches
 * --tests-regex. Returns 0, or -1 after printing an error. */
static int list_tests(struct train *t)
{
    if (t->workload) {
        if (list_with(t, "-L", "^pgo-workload$") < 0)
            return -1;
        if (t->list.n == 0) {
            error("no test labelled pgo-workload in %s: the module registers it when "
                  "PGO_BENCHMARK_COMMAND is set and PGO_REPRESENTATIVE is on",
                  t->build_dir);
            return -1;
        }
        return 0;
    }
    if (list_with(t, "-L", "^pgo-training$") < 0)
        return -1;
    if (t->opt.tests_regex && list_with(t, "-R", t->opt.tests_regex) < 0)
        return -1;
    if (t->list.n == 0) {
        error("no training registered in %s: add one with pgo_add_training() or give a CTest "
              "test the label pgo-training%s",
              t->build_dir, t->opt.tests_regex ? ", or widen PGO_TRAINING_TESTS" : "");
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

    if (t->shards == 0)
        return 0;
    if (total > 1)
        qsort(t->list.tests, total, sizeof(*t->list.tests), compare_numbers);
    if (t->shards > total) {
        error("--shard %lu/%lu: the training has %zu test%s, fewer than %lu shards, and a shard "
              "must train with at least one: make at most %zu shards (PGO_TRAINING_SHARD)",
              t->shard, t->shards, total, total == 1 ? "" : "s", t->shards, total);
        return -1;
    }
    for (size_t i = 0; i < total; i++) {
        if (i % t->shards == t->shard - 1)
            t->list.tests[kept++] = t->list.tests[i];
        else
            free(t->list.tests[i].name);
    }
    t->list.n = kept;
    note("shard %lu/%lu: %zu of the training's %zu tests", t->shard, t->shards, kept, total);
    if (t->verbose)
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

/* Whether name is what train writes directly in RAW: "tNNNN" or the marker. */
static int is_own_entry(const char *name)
{
    size_t digits = strspn(name + 1, "0123456789");

    if (strcmp(name, INCOMPLETE) == 0)
        return 1;
    return name[0] == 't' && digits >= 4 && name[1 + digits] == '\0';
}

/* Empties RAW, marks it incomplete and creates RAW/tNNNN/name for each test. RAW must hold
 * nothing but what an earlier train wrote: a mistaken --raw-dir empties no one's files. */
static int prepare_raw_dir(struct train *t)
{
    char *build = absolute_path(t->build_dir);
    size_t n = strlen(t->raw_dir);
    int inside;
    struct stat st;

    if (!build) {
        error("getcwd:");
        return -1;
    }
    inside = strncmp(build, t->raw_dir, n) == 0 && (build[n] == '/' || build[n] == '\0');
    free(build);
    if (strcmp(t->raw_dir, "/") == 0 || inside) {
        error("refusing to empty '%s': it holds the build tree %s", t->raw_dir, t->build_dir);
        return -1;
    }
    if (lstat(t->raw_dir, &st) == 0) {
        struct strvec names;
        int rc = 0;

        strvec_init(&names);
        if (!S_ISDIR(st.st_mode)) {
            error("refusing to empty '%s': it is not a directory; give --raw-dir a directory of "
                  "its own",
                  t->raw_dir);
            rc = -1;
        } else if (list_dir(t->raw_dir, NULL, &names) < 0) {
            rc = -1;
        }
        for (size_t i = 0; i < names.n && rc == 0; i++) {
            if (!is_own_entry(names.v[i])) {
                error("refusing to empty '%s': it holds '%s', which pgo-helper train did not "
                      "write; give --raw-dir a directory of its own",
                      t->raw_dir, names.v[i]);
                rc = -1;
            }
        }
        strvec_release(&names);
        if (rc < 0)
            return -1;
    }
    if (remove_tree(t->raw_dir) < 0 || mkdir_p(t->raw_dir) < 0)
        return -1;
    {
        /* Removed when the training succeeds: merge refuses a raw directory that has it. */
        char *marker = xasprintf("%s/%s", t->raw_dir, INCOMPLETE);
        int rc = write_file_atomic(marker, "", 0);

        free(marker);
        if (rc < 0)
            return -1;
    }
    for (size_t i = 0; i < t->list.n; i++) {
        char *dir = test_dir(t, i);
        char *file = xasprintf("%s/name", dir);
        char *text = xasprintf("%s\n", t->list.tests[i].name);
        int rc = mkdir_p(dir);

        if (rc == 0)
            rc = write_file_atomic(file, text, strlen(text));
        free(text);
        free(file);
        free(dir);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* The running tests are recorded in the lock file, one "PGID STARTTIME" line per process
 * group, and the record is emptied when they are done. A pgo-helper killed outright (SIGKILL,
 * the OOM killer) cannot stop its tests, which run in process groups of their own: the next
 * training, holding the lock, stops the groups its record names. The start time (from
 * /proc/PID/stat, Linux) tells a leftover group from a new process that reused the number;
 * where it cannot be read, nothing is stopped. */
static unsigned long long start_time(pid_t pid)
{
    char path[64], line[1024];
    unsigned long long start = 0;
    const char *paren;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
    if (!(f = fopen(path, "r")))
        return 0;
    /* "pid (comm) state ppid ... starttime": the 22nd field; comm may hold anything. */
    if (fgets(line, sizeof(line), f) && (paren = strrchr(line, ')')) &&
        sscanf(paren + 1,
               " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d "
               "%llu",
               &start) != 1)
        start = 0;
    fclose(f);
    return start;
}

static void record_group(const struct train *t, pid_t pgid)
{
    char line[64];
    int n = snprintf(line, sizeof(line), "%ld %llu\n", (long)pgid, start_time(pgid));

    /* Best effort: a record that cannot be written only loses the clean-up. */
    if (lseek(t->lock, 0, SEEK_END) >= 0 && write(t->lock, line, (size_t)n) != n)
        warn("could not record training process %ld in the lock file:", (long)pgid);
}

static void clear_record(const struct train *t)
{
    if (ftruncate(t->lock, 0) < 0)
        warn("could not empty the lock file:");
}

/* Stops the process groups a killed pgo-helper left running (see record_group). */
static void stop_leftovers(const struct train *t)
{
    struct buf b;

    buf_init(&b);
    for (;;) {
        char chunk[4096];
        ssize_t r = pread(t->lock, chunk, sizeof(chunk), (off_t)b.len);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        buf_add(&b, chunk, (size_t)r);
    }
    for (char *line = b.data; *line;) {
        char *nl = strchr(line, '\n');
        long pgid;
        unsigned long long start;

        if (nl)
            *nl = '\0';
        if (sscanf(line, "%ld %llu", &pgid, &start) == 2 && pgid > 1 && start != 0 &&
            start_time((pid_t)pgid) == start && kill(-(pid_t)pgid, SIGKILL) == 0)
            note("stopped training processes (group %ld) left running by a pgo-helper that was "
                 "killed",
                 pgid);
        line = nl ? nl + 1 : line + strlen(line);
    }
    buf_release(&b);
    clear_record(t);
}

static int start_test(struct train *t)
{
    size_t i = t->next;
    struct ctest_entry *e = &t->list.tests[i];
    char *dir = test_dir(t, i);
    char *log = xasprintf("%s/output.log", dir);
    struct strvec argv, env, overrides;
    struct spawn_options o;
    struct job *job = &t->running[t->nrunning];
    int fd, rc = -1;

    strvec_init(&argv);
    strvec_init(&env);
    strvec_init(&overrides);
    strvec_push(&argv, t->opt.ctest);
    strvec_push(&argv, "--test-dir");
    strvec_push(&argv, t->build_dir);
    strvec_push(&argv, "-I");
    strvec_pushf(&argv, "%lu,%lu", e->number, e->number);
    strvec_push(&argv, "--output-on-failure");
    if (t->opt.config) {
        strvec_push(&argv, "-C");
        strvec_push(&argv, t->opt.config);
    }
    if (t->opt.timeout) {
        strvec_push(&argv, "--timeout");
        strvec_push(&argv, t->opt.timeout);
    }
    if (t->none) {
        /* the programs know where their profiles go */
    } else if (t->clang) {
        strvec_pushf(&overrides, "LLVM_PROFILE_FILE=%s/%%p.profraw", dir);
    } else {
        strvec_pushf(&overrides, "GCOV_PREFIX=%s", dir);
        strvec_pushf(&overrides, "GCOV_PREFIX_STRIP=%lu", t->gcov_strip);
    }
    env_with(&env, overrides.v);
    if (t->verbose) {
        struct buf cmd;

        buf_init(&cmd);
        for (size_t k = 0; k < overrides.n; k++)
            buf_addf(&cmd, "%s ", overrides.v[k]);
        format_command(&cmd, argv.v);
        note("[%zu/%zu] %s: run: %s", i + 1, t->list.n, e->name, cmd.data);
        buf_release(&cmd);
    }

    fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error("create '%s':", log);
        goto done;
    }
    o = (struct spawn_options){argv.v, env.v, fd, fd, 1, &t->child_mask, NULL};
    if (spawn_start(&o, &job->pid) == 0) {
        record_group(t, job->pid);
        job->test = i;
        job->start = now();
        t->nrunning++;
        t->next++;
        rc = 0;
    }
    close(fd);
done:
    strvec_release(&overrides);
    strvec_release(&env);
    strvec_release(&argv);
    free(log);
    free(dir);
    return rc;
}

/* Prints the last lines of a test's output log to stderr. */
static void show_log_tail(const char *path, unsigned lines)
{
    struct buf b;
    const char *start;

    buf_init(&b);
    if (read_file(path, &b) == 0) {
        start = b.data + b.len;
        if (start > b.data && start[-1] == '\n')
            start--;
        while (start > b.data && lines > 0) {
            start--;
            if (*start == '\n' && --lines == 0) {
                start++;
                break;
            }
        }
        if (start > b.data)
            fputs("[...]\n", stderr);
        fwrite(start, 1, b.len - (size_t)(start - b.data), stderr);
        if (b.len > 0 && b.data[b.len - 1] != '\n')
            fputc('\n', stderr);
        fflush(stderr);
    }
    buf_release(&b);
}

static void finish_test(struct train *t, size_t slot, int status)
{
    struct job job = t->running[slot];
    const char *name = t->list.tests[job.test].name;
    double elapsed = now() - job.start;
    char how[160];

    t->running[slot] = t->running[--t->nrunning];
    t->finished++;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        note("[%zu/%zu] %s: passed (%.2f s)", t->finished, t->list.n, name, elapsed);
        return;
    }
    if (WIFSIGNALED(status)) {
        describe_status(status, how, sizeof(how));
        note("[%zu/%zu] %s: %s", t->finished, t->list.n, name, how);
    } else {
        describe_status(status, how, sizeof(how));
        note("[%zu/%zu] %s: failed (%s)", t->finished, t->list.n, name, how);
    }
    t->failed++;
    {
        char *dir = test_dir(t, job.test);
        char *log = xasprintf("%s/output.log", dir);

        /* The colon comes from an argument: a format ending in ':' would add strerror. */
        error("training test '%s' failed; its output (%s)%s", name, log, ":");
        show_log_tail(log, 200);
        free(log);
        free(dir);
    }
    if (t->opt.allow_failures)
        warn("going on (allowed failures): the counts test '%s' wrote stay in the profile", name);
    else
        t->stop = 1;
}

/* Reaps every finished child; returns the number reaped, or -1 on error. */
static int reap(struct train *t)
{
    int reaped = 0;

    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);

        if (pid < 0 && errno == EINTR)
            continue;
        if (pid < 0) {
            if (errno == ECHILD && t->nrunning == 0)
                return reaped;
            error("waitpid:");
            return -1;
        }
        if (pid == 0)
            return reaped;
        for (size_t s = 0; s < t->nrunning; s++) {
            if (t->running[s].pid == pid) {
                finish_test(t, s, status);
                reaped++;
                break;
            }
        }
    }
}

/* On SIGINT/SIGTERM: stops every running test's process group and waits for them. */
static void stop_all(struct train *t)
{
    double deadline = now() + 5.0;
    int killed = 0;

    for (size_t s = 0; s < t->nrunning; s++)
        kill(-t->running[s].pid, SIGTERM);
    while (t->nrunning > 0) {
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);

        if (pid > 0) {
            for (size_t s = 0; s < t->nrunning; s++)
                if (t->running[s].pid == pid)
                    t->running[s] = t->running[--t->nrunning];
            continue;
        }
        if (pid < 0 && errno != EINTR)
            break;
        if (!killed && now() > deadline) {
            for (size_t s = 0; s < t->nrunning; s++)
                kill(-t->running[s].pid, SIGKILL);
            killed = 1;
        }
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
}

/* Runs all tests; returns 0, 1, or 128+signal. */
static int run_tests(struct train *t)
{
    struct sigaction sa, old_int, old_term, old_hup, old_chld;
    sigset_t block, suspend_mask;
    int rc = 0;

    /* Signals stay blocked except inside sigsuspend(), so none is lost between checks. */
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &t->child_mask);
    suspend_mask = t->child_mask;
    sigdelset(&suspend_mask, SIGINT);
    sigdelset(&suspend_mask, SIGTERM);
    sigdelset(&suspend_mask, SIGHUP);
    sigdelset(&suspend_mask, SIGCHLD);
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup); /* a closed terminal: stop the tests as for SIGTERM */
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, &old_chld);

    t->running = xcalloc(t->opt.jobs, sizeof(*t->running));
    for (;;) {
        while (!t->stop && !got_signal && t->next < t->list.n && t->nrunning < t->opt.jobs) {
            if (start_test(t) < 0) {
                t->stop = 1;
                rc = 1;
            }
        }
        if (got_signal || t->nrunning == 0)
            break;
        int reaped = reap(t);
        if (reaped < 0) {
            rc = 1;
            got_signal = SIGTERM;
            break;
        }
        if (reaped == 0 && !got_signal)
            sigsuspend(&suspend_mask);
    }
    if (got_signal) {
        size_t stopped = t->nrunning;
        int sig = got_signal;

        stop_all(t);
        if (rc == 0) {
            error("interrupted by signal %d (%s): stopped %zu running training test%s; %s may "
                  "hold partial profiles",
                  sig, strsignal(sig), stopped, stopped == 1 ? "" : "s", t->raw_dir);
            rc = 128 + sig;
        }
    }
    free(t->running);
    t->running = NULL;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    sigaction(SIGCHLD, &old_chld, NULL);
    sigprocmask(SIG_SETMASK, &t->child_mask, NULL);
    return rc;
}

/* Counts profile files per test and in all; returns the total. GCC's files must lie directly in
 * the test's directory, where pgo-helper merge looks for them. */
static size_t check_profiles(struct train *t)
{
    const char *suffix = t->clang ? ".profraw" : ".gcda";
    size_t total = 0;

    for (size_t i = 0; i < t->list.n; i++) {
        char *dir = test_dir(t, i);
        struct strvec all, direct;
        size_t found;

        strvec_init(&all);
        strvec_init(&direct);
        if (find_files(dir, suffix, &all) == 0 && !t->clang)
            list_dir(dir, suffix, &direct);
        found = t->clang ? all.n : direct.n;
        if (!t->clang && all.n > direct.n)
            warn("training test '%s' wrote .gcda files below %s/ instead of in it (such as "
                 "'%s'): --gcov-strip %lu is too small",
                 t->list.tests[i].name, dir, all.v[0], t->gcov_strip);
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
        error("missing %s", !o->build_dir ? "--build-dir" : !o->raw_dir ? "--raw-dir" : "--compiler");
        goto bad;
    }
    if (compiler_parse(compiler, 1, &o->compiler) < 0)
        goto bad;
    if (o->shards && o->workload) {
        error("--shard splits the training; the benchmark command (--workload) runs whole");
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
    return rc >= 0 ? rc : train_run(&o);
}

int train_run(const struct train_options *o)
{
    struct train t;
    int rc = 1, lock = -1;
    size_t profiles;
    char *lock_file = NULL, *marker = NULL;

    memset(&t, 0, sizeof(t));
    t.build_dir = o->build_dir;
    t.opt = o->training;
    t.clang = o->compiler == COMPILER_CLANG;
    t.none = o->compiler == COMPILER_NONE;
    t.gcov_strip = o->gcov_strip;
    t.verbose = o->verbose;
    t.workload = o->workload;
    t.shard = o->shard;
    t.shards = o->shards;
    t.raw_dir = absolute_path(o->raw_dir);
    if (!t.raw_dir) {
        error("getcwd:");
        return 1;
    }
    cloexec_inherited_fds(); /* a test that outlives us must not hold the build's pipes */
    /* One training or merge at a time per raw directory (two builds of one tree at once). */
    lock_file = xasprintf("%s.lock", t.raw_dir);
    lock = lock_path(lock_file, "to finish with this build tree's raw profiles");
    t.lock = lock;
    if (lock >= 0)
        stop_leftovers(&t);
    if (lock < 0 || list_tests(&t) < 0 || select_shard(&t) < 0 || prepare_raw_dir(&t) < 0)
        goto done;
    rc = run_tests(&t);
    if (t.nrunning == 0)
        clear_record(&t);
    if (rc != 0)
        goto done;
    if (t.failed > 0 && t.workload) {
        error("the benchmark command (PGO_BENCHMARK_COMMAND) failed on the instrumented build "
              "(its output is above): fix it, or turn PGO_REPRESENTATIVE off");
        rc = 1;
        goto done;
    }
    if (t.failed > 0 && !t.opt.allow_failures) {
        error("fix the test, or set PGO_TRAINING_ALLOW_FAILURES=ON to train with the tests that "
              "pass");
        rc = 1;
        goto done;
    }
    profiles = t.none ? 0 : check_profiles(&t);
    if (profiles == 0 && t.workload) {
        error("the benchmark command (PGO_BENCHMARK_COMMAND) wrote no profile in %s: its first "
              "word must name a program target of the project, so that it runs the "
              "instrumented program; or turn PGO_REPRESENTATIVE off",
              t.raw_dir);
        rc = 1;
        goto done;
    }
    if (profiles == 0 && !t.none) {
        error("training wrote no profile in %s: the training tests must run programs built in "
              "the instrumented tree (use target names in pgo_add_training COMMAND)",
              t.raw_dir);
        rc = 1;
        goto done;
    }
    if (t.none)
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
done:
    unlock_path(lock);
    free(marker);
    free(lock_file);
    ctest_list_release(&t.list);
    free(t.raw_dir);
    return rc;
}
