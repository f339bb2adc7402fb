/* SPDX-License-Identifier: MIT */
/* Running child processes: posix_spawnp with argv vectors, never a shell. */
#ifndef PGO_HELPER_SUBPROCESS_H
#define PGO_HELPER_SUBPROCESS_H

#include "util.h"

#include <signal.h>
#include <sys/types.h>

struct spawn_options {
    char *const *argv;
    char *const *envp;       /* NULL: inherit our environment */
    int out_fd;              /* the child's stdout; -1: inherit */
    int err_fd;              /* the child's stderr; -1: inherit */
    int new_process_group;   /* the child leads its own process group */
    const sigset_t *sigmask; /* the child's signal mask; NULL: inherit */
    const char *in_path;     /* the file the child reads as stdin; NULL: /dev/null */
};

/* Starts a child with stdin from o->in_path or /dev/null. While temporaries are registered
 * (cleanup.h), a signal that stops us reaches it too, and spawn_wait() and run_capture() stop
 * us on such a signal. Returns 0, or -1 after printing an error. */
int spawn_start(const struct spawn_options *o, pid_t *pid);
/* waitpid() retried on EINTR; returns 0, or -1 after printing an error. */
int spawn_wait(pid_t pid, int *status);
/* "exit code 8" or "killed by signal 11 (Segmentation fault)". */
void describe_status(int status, char *out, size_t n);
/* The exit code a launcher should pass on: the child's, or 128+signal. */
int status_exit_code(int status);

/* Runs argv to completion, collecting its stdout into out and stderr into err (either may be
 * NULL: then the stream is inherited). Returns 0 when it ran (see *status), -1 on failure to
 * run it. */
int run_capture(char *const *argv, char *const *envp, struct buf *out, struct buf *err,
                int *status);
/* The same with stdin read from the file in_path. */
int run_capture_input(char *const *argv, const char *in_path, struct buf *out, struct buf *err,
                      int *status);

/* Marks every descriptor above stderr close-on-exec, also those inherited from our parent
 * (CMake and Ninja leave pipes open across exec): a child that outlives us, or a daemon it
 * starts, then holds none of the build's pipes open, which would keep the build waiting. */
void cloexec_inherited_fds(void);

/* Builds a copy of our environment with the "NAME=value" strings of overrides set. */
void env_with(struct strvec *env, char *const *overrides);

/* Formats argv as one line, quoting arguments that need it, for verbose output. */
void format_command(struct buf *b, char *const *argv);

#endif
