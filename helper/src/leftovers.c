/* SPDX-License-Identifier: MIT */
/* The training's record of its tests' process groups in its lock file, and the stopping of
 * the groups a killed pgo-helper left running. */
#define _POSIX_C_SOURCE 200809L
#include "leftovers.h"

#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

void leftovers_record(int lock, pid_t pgid)
{
    char line[64];
    int n = snprintf(line, sizeof(line), "%ld %llu\n", (long)pgid, start_time(pgid));

    if (lseek(lock, 0, SEEK_END) >= 0 && write(lock, line, (size_t)n) != n)
        warn("could not record training process %ld in the lock file:", (long)pgid);
}

void leftovers_clear(int lock)
{
    if (ftruncate(lock, 0) < 0)
        warn("could not empty the lock file:");
}

void leftovers_stop(int lock)
{
    struct buf b;

    buf_init(&b);
    for (;;) {
        char chunk[4096];
        ssize_t r = pread(lock, chunk, sizeof(chunk), (off_t)b.len);

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
    leftovers_clear(lock);
}
