/* SPDX-License-Identifier: MIT */
/* Running child processes (after ninja's and samurai's subprocess code): posix_spawnp, stdin
 * from /dev/null, every descriptor of ours close-on-exec, environment passed as envp. */
#define _POSIX_C_SOURCE 200809L
#include "subprocess.h"

#include "cleanup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int spawn_start(const struct spawn_options *o, pid_t *pid)
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    short flags = 0;
    int err;

    cleanup_check(); /* a signal that came: stop rather than start another child */
    err = posix_spawn_file_actions_init(&actions);
    if (err) {
        errno = err;
        error("posix_spawn_file_actions_init:");
        return -1;
    }
    err = posix_spawnattr_init(&attr);
    if (err) {
        posix_spawn_file_actions_destroy(&actions);
        errno = err;
        error("posix_spawnattr_init:");
        return -1;
    }
    err = posix_spawn_file_actions_addopen(&actions, 0, o->in_path ? o->in_path : "/dev/null",
                                           O_RDONLY, 0);
    if (!err && o->out_fd >= 0)
        err = posix_spawn_file_actions_adddup2(&actions, o->out_fd, 1);
    if (!err && o->err_fd >= 0)
        err = posix_spawn_file_actions_adddup2(&actions, o->err_fd, 2);
    if (!err && o->new_process_group) {
        flags |= POSIX_SPAWN_SETPGROUP;
        err = posix_spawnattr_setpgroup(&attr, 0);
    }
    if (!err && o->sigmask) {
        flags |= POSIX_SPAWN_SETSIGMASK;
        err = posix_spawnattr_setsigmask(&attr, o->sigmask);
    }
    if (!err)
        err = posix_spawnattr_setflags(&attr, flags);
    /* The posix_spawn family returns its error instead of setting errno. */
    if (!err)
        err = posix_spawnp(pid, o->argv[0], &actions, &attr, o->argv, o->envp ? o->envp : environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (err) {
        errno = err;
        error("run '%s':", o->argv[0]);
        return -1;
    }
    cleanup_child(*pid);
    return 0;
}

int spawn_wait(pid_t pid, int *status)
{
    for (;;) {
        if (waitpid(pid, status, 0) >= 0) {
            cleanup_reaped(pid);
            return 0;
        }
        if (errno != EINTR) {
            error("waitpid:");
            return -1;
        }
        cleanup_check();
    }
}

void describe_status(int status, char *out, size_t n)
{
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        const char *name = strsignal(sig);

        snprintf(out, n, "killed by signal %d (%s)", sig, name ? name : "unknown");
    } else if (WIFEXITED(status)) {
        snprintf(out, n, "exit code %d", WEXITSTATUS(status));
    } else {
        snprintf(out, n, "wait status %#x", (unsigned)status);
    }
}

int status_exit_code(int status)
{
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 1;
}

static int make_pipe(int fds[2])
{
    if (pipe(fds) < 0) {
        error("pipe:");
        return -1;
    }
    /* Single-threaded: nothing can spawn between pipe() and fcntl(). */
    (void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    (void)fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static int capture(char *const *argv, char *const *envp, const char *in_path, struct buf *out,
                   struct buf *err, int *status)
{
    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    struct spawn_options o = {argv, envp, -1, -1, 0, NULL, in_path};
    pid_t pid;
    int rc = -1;

    if ((out && make_pipe(out_pipe) < 0) || (err && make_pipe(err_pipe) < 0))
        goto done;
    o.out_fd = out_pipe[1];
    o.err_fd = err_pipe[1];
    if (spawn_start(&o, &pid) < 0)
        goto done;
    close_fd(&out_pipe[1]);
    close_fd(&err_pipe[1]);

    while (out_pipe[0] >= 0 || err_pipe[0] >= 0) {
        struct pollfd pfd[2];
        int *fds[2];
        struct buf *bufs[2];
        nfds_t n = 0;

        if (out_pipe[0] >= 0) {
            pfd[n] = (struct pollfd){out_pipe[0], POLLIN, 0};
            fds[n] = &out_pipe[0];
            bufs[n++] = out;
        }
        if (err_pipe[0] >= 0) {
            pfd[n] = (struct pollfd){err_pipe[0], POLLIN, 0};
            fds[n] = &err_pipe[0];
            bufs[n++] = err;
        }
        if (poll(pfd, n, -1) < 0) {
            if (errno == EINTR) {
                cleanup_check();
                continue;
            }
            error("poll:");
            break;
        }
        for (nfds_t i = 0; i < n; i++) {
            char chunk[8192];
            ssize_t r;

            if (!pfd[i].revents)
                continue;
            r = read(*fds[i], chunk, sizeof(chunk));
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                close_fd(fds[i]);
            else
                buf_add(bufs[i], chunk, (size_t)r);
        }
    }
    close_fd(&out_pipe[0]);
    close_fd(&err_pipe[0]);
    if (spawn_wait(pid, status) == 0)
        rc = 0;
done:
    close_fd(&out_pipe[0]);
    close_fd(&out_pipe[1]);
    close_fd(&err_pipe[0]);
    close_fd(&err_pipe[1]);
    return rc;
}

int run_capture(char *const *argv, char *const *envp, struct buf *out, struct buf *err, int *status)
{
    return capture(argv, envp, NULL, out, err, status);
}

int run_capture_input(char *const *argv, const char *in_path, struct buf *out, struct buf *err,
                      int *status)
{
    return capture(argv, NULL, in_path, out, err, status);
}

static void set_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD);

    if (flags >= 0 && !(flags & FD_CLOEXEC))
        (void)fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

void cloexec_inherited_fds(void)
{
    DIR *d = opendir("/proc/self/fd"); /* the open descriptors, where there is /proc */
    long max;

    if (d) {
        struct dirent *e;

        while ((e = readdir(d))) {
            char *end;
            long fd = strtol(e->d_name, &end, 10);

            if (*end == '\0' && end != e->d_name && fd > 2)
                set_cloexec((int)fd);
        }
        closedir(d);
        return;
    }
    max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (int fd = 3; fd < (int)max; fd++)
        set_cloexec(fd);
}

void env_with(struct strvec *env, char *const *overrides)
{
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        size_t n = eq ? (size_t)(eq - *e) + 1 : strlen(*e);
        int replaced = 0;

        for (char *const *o = overrides; *o && !replaced; o++)
            replaced = strncmp(*o, *e, n) == 0;
        if (!replaced)
            strvec_push(env, *e);
    }
    for (char *const *o = overrides; *o; o++)
        strvec_push(env, *o);
}

void format_command(struct buf *b, char *const *argv)
{
    for (char *const *a = argv; *a; a++) {
        const char *s = *a;

        if (a != argv)
            buf_adds(b, " ");
        if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                            "-_./=:,+%@^") == strlen(s)) {
            buf_adds(b, s);
            continue;
        }
        buf_adds(b, "'");
        for (; *s; s++) {
            if (*s == '\'')
                buf_adds(b, "'\\''");
            else
                buf_add(b, s, 1);
        }
        buf_adds(b, "'");
    }
}
