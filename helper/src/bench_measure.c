/* SPDX-License-Identifier: MIT */
/* The measurements of pgo-helper bench. wait4() gives each run's own peak memory, which
 * getrusage(RUSAGE_CHILDREN) cannot (it keeps the largest child so far). */
#define _DEFAULT_SOURCE
#include "bench_measure.h"

#include "fs.h"
#include "subprocess.h"
#include "util.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int wait_usage(pid_t pid, int *status, struct rusage *ru)
{
    for (;;) {
        if (wait4(pid, status, 0, ru) >= 0)
            return 0;
        if (errno != EINTR) {
            error("wait4:");
            return -1;
        }
    }
}

int bench_measure_run(char *const *argv, const char *which, int devnull, struct run_result *r)
{
    struct spawn_options o = {argv, NULL, devnull, -1, 0, NULL, NULL};
    double start = now();
    struct rusage ru;
    char how[128];
    pid_t pid;
    int status;

    memset(&ru, 0, sizeof(ru));
    if (spawn_start(&o, &pid) < 0 || wait_usage(pid, &status, &ru) < 0)
        return -1;
    r->seconds = now() - start;
    r->max_rss_kb = ru.ru_maxrss;
    if (status != 0) {
        describe_status(status, how, sizeof(how));
        error("the benchmark failed on the %s build: '%s' %s", which, argv[0], how);
        return -1;
    }
    return 0;
}

/* The number after the first "LABEL:" of log (digits with commas), or -1. */
static int counted(const char *log, const char *label, unsigned long long *out)
{
    const char *p = strstr(log, label);
    unsigned long long v = 0;
    int digits = 0;

    if (!p)
        return -1;
    p += strlen(label);
    while (*p == ' ')
        p++;
    for (; (*p >= '0' && *p <= '9') || *p == ','; p++) {
        if (*p == ',')
            continue;
        if (v > (~0ULL - 9) / 10)
            return -1;
        v = v * 10 + (unsigned long long)(*p - '0');
        digits++;
    }
    if (digits == 0)
        return -1;
    *out = v;
    return 0;
}

int parse_instructions(const char *log, unsigned long long *out)
{
    return counted(log, "I   refs:", out) == 0 ? 0 : counted(log, "I refs:", out);
}

int parse_cachegrind(const char *log, struct sim_counts *c)
{
    memset(c, 0, sizeof(*c));
    if (parse_instructions(log, &c->ir) < 0)
        return -1;
    c->simulated = counted(log, "I1  misses:", &c->i1_misses) == 0 &&
                   counted(log, "LLi misses:", &c->lli_misses) == 0 &&
                   counted(log, "D   refs:", &c->d_refs) == 0 &&
                   counted(log, "D1  misses:", &c->d1_misses) == 0 &&
                   counted(log, "LLd misses:", &c->lld_misses) == 0 &&
                   counted(log, "Branches:", &c->branches) == 0 &&
                   counted(log, "Mispredicts:", &c->mispredicts) == 0;
    if (!c->simulated) {
        unsigned long long ir = c->ir;

        memset(c, 0, sizeof(*c));
        c->ir = ir;
    }
    return 0;
}

double sim_cycles(const struct sim_counts *c)
{
    return (double)c->ir + 10.0 * (double)(c->i1_misses + c->d1_misses) +
           100.0 * (double)(c->lli_misses + c->lld_misses) + 15.0 * (double)c->mispredicts;
}

int bench_count(const char *valgrind, char *const *argv, const char *which, int devnull,
                int simulate, struct sim_counts *out)
{
    static const char *const caches[] = {BENCH_CACHES};
    char dir[] = "/tmp/pgo-bench-XXXXXX";
    struct strvec args, logs;
    char *log_arg;
    int status, rc = -1;
    char how[128];
    pid_t pid;

    if (!mkdtemp(dir)) {
        error("mkdtemp '%s':", dir);
        return -1;
    }
    strvec_init(&args);
    strvec_init(&logs);
    log_arg = xasprintf("--log-file=%s/cg.%%p", dir);
    strvec_push(&args, valgrind);
    strvec_push(&args, "--tool=cachegrind");
    if (simulate) {
        strvec_push(&args, "--cache-sim=yes");
        strvec_push(&args, "--branch-sim=yes");
        for (size_t i = 0; i < sizeof(caches) / sizeof(caches[0]); i++)
            strvec_push(&args, caches[i]);
    } else {
        strvec_push(&args, "--cache-sim=no");
    }
    strvec_push(&args, "--cachegrind-out-file=/dev/null");
    strvec_push(&args, "--trace-children=yes");
    strvec_push(&args, log_arg);
    for (size_t i = 0; argv[i]; i++)
        strvec_push(&args, argv[i]);
    {
        struct spawn_options o = {args.v, NULL, devnull, devnull, 0, NULL, NULL};

        if (spawn_start(&o, &pid) < 0 || spawn_wait(pid, &status) < 0)
            goto done;
    }
    if (status != 0) {
        describe_status(status, how, sizeof(how));
        error("the benchmark failed under valgrind on the %s build: '%s' %s", which, argv[0], how);
        goto done;
    }
    memset(out, 0, sizeof(*out));
    out->simulated = simulate;
    if (list_dir(dir, NULL, &logs) < 0)
        goto done;
    for (size_t i = 0; i < logs.n; i++) {
        char *path = xasprintf("%s/%s", dir, logs.v[i]);
        struct sim_counts one;
        struct buf b;

        buf_init(&b);
        /* A process that exec'd another writes no summary of its own. */
        if (read_file(path, &b) == 0 && parse_cachegrind(b.data, &one) == 0) {
            out->ir += one.ir;
            out->i1_misses += one.i1_misses;
            out->lli_misses += one.lli_misses;
            out->d_refs += one.d_refs;
            out->d1_misses += one.d1_misses;
            out->lld_misses += one.lld_misses;
            out->branches += one.branches;
            out->mispredicts += one.mispredicts;
            out->simulated &= one.simulated;
        }
        buf_release(&b);
        free(path);
    }
    if (out->ir == 0) {
        error("valgrind counted no instructions of the %s build's '%s' (logs in %s)", which,
              argv[0], dir);
        goto done;
    }
    rc = 0;
done:
    if (rc == 0)
        remove_tree(dir);
    free(log_arg);
    strvec_release(&args);
    strvec_release(&logs);
    return rc;
}

int file_sizes(const char *path, unsigned long long *text, unsigned long long *file)
{
    struct buf b;
    Elf64_Ehdr eh;
    int rc = -1;

    buf_init(&b);
    if (access(path, F_OK) < 0 || read_file(path, &b) < 0)
        goto done;
    if (b.len < sizeof(eh) || memcmp(b.data, ELFMAG, SELFMAG) != 0 ||
        b.data[EI_CLASS] != ELFCLASS64)
        goto done;
    memcpy(&eh, b.data, sizeof(eh));
    if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff > b.len ||
        eh.e_shnum > (b.len - eh.e_shoff) / sizeof(Elf64_Shdr))
        goto done;
    *text = 0;
    for (size_t i = 0; i < eh.e_shnum; i++) {
        Elf64_Shdr sh;

        memcpy(&sh, b.data + eh.e_shoff + i * sizeof(sh), sizeof(sh));
        if ((sh.sh_flags & SHF_ALLOC) && (sh.sh_flags & SHF_EXECINSTR))
            *text += sh.sh_size;
    }
    *file = b.len;
    rc = 0;
done:
    buf_release(&b);
    return rc;
}

/* A copy of argv (n words) for the build in DIR: a program below BDIR is taken from DIR.
 * Sets *mapped when it was. */
char **bench_argv_for(char *const *argv, size_t n, const char *bdir, const char *dir, int *mapped)
{
    char **out = xcalloc(n + 1, sizeof(*out));
    size_t blen = strlen(bdir);

    while (blen > 1 && bdir[blen - 1] == '/')
        blen--;
    for (size_t i = 0; i < n; i++)
        out[i] = xstrdup(argv[i]);
    *mapped = strncmp(argv[0], bdir, blen) == 0 && argv[0][blen] == '/';
    if (*mapped && strcmp(dir, bdir) != 0) {
        free(out[0]);
        out[0] = xasprintf("%s%s", dir, argv[0] + blen);
    }
    return out;
}

void bench_free_argv(char **argv)
{
    if (!argv)
        return;
    for (size_t i = 0; argv[i]; i++)
        free(argv[i]);
    free(argv);
}
