/* SPDX-License-Identifier: MIT */
/* pgo-helper train's scheduler: starts the training tests, up to --jobs at once, each in a
 * process group of its own with its profile's environment; reaps them, reports each, and stops
 * them all on SIGINT, SIGTERM and SIGHUP. */
#define _POSIX_C_SOURCE 200809L
#include "train_jobs.h"

#include "fs.h"
#include "leftovers.h"
#include "subprocess.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct job {
    size_t test; /* index into the test list */
    pid_t pid;   /* also the process group */
    double start;
};

/* The scheduler's state over one train_jobs_run. */
struct sched {
    struct train_jobs *j;
    struct job *running; /* owned, j->opt->jobs entries */
    size_t nrunning;
    size_t next;     /* next test to start */
    size_t finished; /* tests finished */
    size_t total;    /* tests to run */
    int stop;        /* start no more tests */
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

char *train_test_dir(const char *raw_dir, size_t i)
{
    return xasprintf("%s/t%04zu", raw_dir, i + 1);
}

static int start_test(struct sched *t)
{
    size_t i = t->next;
    struct ctest_entry *e = &t->j->list->tests[i];
    char *dir = train_test_dir(t->j->raw_dir, i);
    char *log = xasprintf("%s/output.log", dir);
    struct strvec argv, env, overrides;
    struct spawn_options o;
    struct job *job = &t->running[t->nrunning];
    int fd, rc = -1;

    strvec_init(&argv);
    strvec_init(&env);
    strvec_init(&overrides);
    strvec_push(&argv, t->j->opt->ctest);
    strvec_push(&argv, "--test-dir");
    strvec_push(&argv, t->j->build_dir);
    strvec_push(&argv, "-I");
    strvec_pushf(&argv, "%lu,%lu", e->number, e->number);
    strvec_push(&argv, "--output-on-failure");
    if (t->j->opt->config) {
        strvec_push(&argv, "-C");
        strvec_push(&argv, t->j->opt->config);
    }
    if (t->j->opt->timeout) {
        strvec_push(&argv, "--timeout");
        strvec_push(&argv, t->j->opt->timeout);
    }
    if (t->j->compiler == COMPILER_NONE) {
        /* the programs know where their profiles go */
    } else if (t->j->compiler == COMPILER_CLANG) {
        strvec_pushf(&overrides, "LLVM_PROFILE_FILE=%s/%%p.profraw", dir);
    } else {
        strvec_pushf(&overrides, "GCOV_PREFIX=%s", dir);
        strvec_pushf(&overrides, "GCOV_PREFIX_STRIP=%lu", t->j->gcov_strip);
    }
    env_with(&env, overrides.v);
    if (t->j->verbose) {
        struct buf cmd;

        buf_init(&cmd);
        for (size_t k = 0; k < overrides.n; k++)
            buf_addf(&cmd, "%s ", overrides.v[k]);
        format_command(&cmd, argv.v);
        note("[%zu/%zu] %s: run: %s", i + 1, t->total, e->name, cmd.data);
        buf_release(&cmd);
    }

    fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error("create '%s':", log);
        goto done;
    }
    o = (struct spawn_options){argv.v, env.v, fd, fd, 1, &t->child_mask, NULL};
    if (spawn_start(&o, &job->pid) == 0) {
        leftovers_record(t->j->lock, job->pid);
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

static void finish_test(struct sched *t, size_t slot, int status)
{
    struct job job = t->running[slot];
    const char *name = t->j->list->tests[job.test].name;
    double elapsed = now() - job.start;
    char how[160];

    t->running[slot] = t->running[--t->nrunning];
    t->finished++;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        char *dir = train_test_dir(t->j->raw_dir, job.test);
        char *file = xasprintf("%s/seconds", dir);
        char text[32];
        int n = snprintf(text, sizeof(text), "%.3f\n", elapsed);

        note("[%zu/%zu] %s: passed (%.2f s)", t->finished, t->total, name, elapsed);
        /* For summary -v's table of what each test adds; only a figure is lost without it. */
        if (write_file(file, text, (size_t)n) < 0)
            warn("the run time of test '%s' is not recorded", name);
        free(file);
        free(dir);
        return;
    }
    if (WIFSIGNALED(status)) {
        describe_status(status, how, sizeof(how));
        note("[%zu/%zu] %s: %s", t->finished, t->total, name, how);
    } else {
        describe_status(status, how, sizeof(how));
        note("[%zu/%zu] %s: failed (%s)", t->finished, t->total, name, how);
    }
    t->j->failed++;
    {
        char *dir = train_test_dir(t->j->raw_dir, job.test);
        char *log = xasprintf("%s/output.log", dir);

        /* The colon comes from an argument: a format ending in ':' would add strerror. */
        error("training test '%s' failed; its output (%s)%s", name, log, ":");
        show_log_tail(log, 200);
        free(log);
        free(dir);
    }
    if (t->j->opt->allow_failures)
        warn("going on (allowed failures): the counts test '%s' wrote stay in the profile", name);
    else
        t->stop = 1;
}

/* Reaps every finished child; returns the number reaped, or -1 on error. */
static int reap(struct sched *t)
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
static void stop_all(struct sched *t)
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

int train_jobs_run(struct train_jobs *j)
{
    struct sched sched = {.j = j}, *t = &sched;
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

    t->running = xcalloc(j->opt->jobs, sizeof(*t->running));
    for (size_t i = 0; i < j->list->n; i++)
        t->total += !j->run || j->run[i];
    for (;;) {
        while (!t->stop && !got_signal && t->nrunning < j->opt->jobs) {
            while (t->next < j->list->n && j->run && !j->run[t->next])
                t->next++; /* kept from an earlier run (--reuse) */
            if (t->next == j->list->n)
                break;
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
                  sig, strsignal(sig), stopped, stopped == 1 ? "" : "s", t->j->raw_dir);
            rc = 128 + sig;
        }
    }
    free(t->running);
    j->nrunning = t->nrunning;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    sigaction(SIGCHLD, &old_chld, NULL);
    sigprocmask(SIG_SETMASK, &t->child_mask, NULL);
    return rc;
}
