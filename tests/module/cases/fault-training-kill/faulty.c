/* A training program with a fault, for the fault-* cases (argv[1] names it):
 *   kill         dies of SIGKILL, as under the OOM killer
 *   crash        dies of SIGSEGV (a write through a null pointer)
 *   hang         never ends
 *   kill-helper  kills its nearest ancestor named pgo-helper with SIGKILL (the helper itself
 *                dies mid-training), then lingers a second and exits 0
 *   kill-helper-linger  writes its pid to ./faulty.pid, does the same, then lingers two
 *                minutes, as a long training would
 *   ok           exits 0 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The parent of pid and its command name, from /proc/PID/stat: "pid (comm) state ppid ...". */
static long parent_of(long pid, char *comm, size_t n)
{
    char path[64], line[512];
    FILE *f;
    char *open, *close;
    long ppid = -1;

    snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
    if (!(f = fopen(path, "r")))
        return -1;
    if (fgets(line, sizeof(line), f) && (open = strchr(line, '(')) &&
        (close = strrchr(line, ')'))) {
        snprintf(comm, n, "%.*s", (int)(close - open - 1), open + 1);
        if (sscanf(close + 1, " %*c %ld", &ppid) != 1)
            ppid = -1;
    }
    fclose(f);
    return ppid;
}

static int kill_helper(void)
{
    char comm[256];
    long pid = (long)getpid();

    /* Walk up at most a few levels: ctest, maybe a shell, then pgo-helper. */
    for (int level = 0; level < 6 && pid > 1; level++) {
        long parent = parent_of(pid, comm, sizeof(comm));

        if (level > 0 && strcmp(comm, "pgo-helper") == 0) {
            printf("faulty: killing pgo-helper (pid %ld)\n", pid);
            fflush(stdout);
            kill((pid_t)pid, SIGKILL);
            nanosleep(&(struct timespec){1, 0}, NULL);
            return 0;
        }
        pid = parent;
    }
    fprintf(stderr, "faulty: no pgo-helper among my ancestors\n");
    return 1;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "ok";

    if (strcmp(what, "kill") == 0)
        raise(SIGKILL);
    if (strcmp(what, "crash") == 0) {
        volatile int *null = NULL;

        *null = 1;
    }
    if (strcmp(what, "hang") == 0)
        for (;;)
            pause();
    if (strcmp(what, "kill-helper") == 0)
        return kill_helper();
    if (strcmp(what, "kill-helper-linger") == 0) {
        FILE *f;

        if ((f = fopen("faulty.pid", "w"))) {
            fprintf(f, "%ld\n", (long)getpid());
            fclose(f);
        }
        if (kill_helper() != 0)
            return 1;
        nanosleep(&(struct timespec){120, 0}, NULL);
    }
    return 0;
}
