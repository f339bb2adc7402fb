/* SPDX-License-Identifier: MIT */
/* The temporaries of pgo-helper and the signals that would leave them behind (cleanup.h).
 *
 * The handler does as little as a handler may: it notes the signal and passes it on with
 * kill() to the children we run (on Ctrl-C they got it from the terminal already; a kill -TERM
 * reaches us alone), both async-signal-safe. The removal happens at the next wait for a child,
 * start of one or cleanup_forget(), in the ordinary flow: the temporaries include folders
 * (GCC's staging), which POSIX offers no async-signal-safe way to walk, and a child still
 * writing into a temporary would make it again after an early removal. A wait for a child
 * comes soon, since the children end on the signal; between those points the helper only reads
 * and writes files, and a rename that publishes a profile is never cut in half. */
#define _POSIX_C_SOURCE 200809L
#include "cleanup.h"

#include "fs.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

static struct strvec paths;              /* the temporaries, in the order registered */
static struct sigaction saved[NSIGNALS]; /* the dispositions before cleanup_add */
static int active;                       /* temporaries are registered: the handlers are ours */
static volatile sig_atomic_t got;        /* the signal that came, or 0 */
/* The running children. Changed only with the signals blocked, so that the handler never
 * sees them half changed. */
static pid_t *volatile children;
static volatile size_t nchildren;
static size_t children_cap;

static void on_signal(int sig)
{
    int saved_errno = errno;

    got = sig;
    for (size_t i = 0; i < nchildren; i++)
        kill(children[i], sig);
    errno = saved_errno;
}

static void block(sigset_t *old)
{
    sigset_t set;

    sigemptyset(&set);
    for (size_t i = 0; i < NSIGNALS; i++)
        sigaddset(&set, signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void drop_child(size_t i)
{
    children[i] = children[--nchildren];
}

/* Waits for the children to end, 5 s at most before SIGKILL ends them. */
static void wait_children(void)
{
    for (unsigned tries = 0; nchildren > 0; tries++) {
        for (size_t i = 0; i < nchildren; i++) {
            int status;
            pid_t r = waitpid(children[i], &status, WNOHANG);

            if (r == children[i] || (r < 0 && errno == ECHILD))
                drop_child(i--);
        }
        if (nchildren == 0)
            break;
        if (tries == 250)
            for (size_t i = 0; i < nchildren; i++)
                kill(children[i], SIGKILL);
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
}

/* The signal came: waits for the children, removes the temporaries, dies of the signal. */
static PGO_NORETURN void stop(void)
{
    int sig = got;
    struct sigaction dfl;
    sigset_t only;

    block(NULL); /* another signal now would only be passed on again */
    wait_children();
    for (size_t i = paths.n; i-- > 0;)
        remove_tree(paths.v[i]);
    error("stopped by signal %d (%s); its temporary files are removed", sig, strsignal(sig));
    strvec_release(&paths);
    free(children);
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigemptyset(&only);
    sigaddset(&only, sig);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached: the default action of these signals ends the process */
}

void cleanup_add(const char *path)
{
    if (!active) {
        struct sigaction sa;

        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t i = 0; i < NSIGNALS; i++)
            sigaddset(&sa.sa_mask, signals[i]);
        /* No SA_RESTART: a wait returns EINTR and calls cleanup_check(). Installed also over
         * an ignored SIGINT (a background job of a script), as pgo-helper train does. */
        for (size_t i = 0; i < NSIGNALS; i++)
            sigaction(signals[i], &sa, &saved[i]);
        active = 1;
    }
    strvec_push(&paths, path);
}

void cleanup_forget(const char *path)
{
    sigset_t old;

    for (size_t i = paths.n; i-- > 0;) {
        if (strcmp(paths.v[i], path) == 0) {
            free(paths.v[i]);
            memmove(paths.v + i, paths.v + i + 1, (paths.n - i) * sizeof(*paths.v));
            paths.n--;
            break;
        }
    }
    if (!active || paths.n > 0)
        return;
    /* Blocked, a signal that comes now waits for the old disposition instead of being lost. */
    block(&old);
    if (got)
        stop();
    for (size_t i = 0; i < NSIGNALS; i++)
        sigaction(signals[i], &saved[i], NULL);
    active = 0;
    nchildren = 0;
    strvec_release(&paths); /* a zeroed strvec takes pushes again */
    free(children);
    children = NULL;
    children_cap = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void cleanup_child(pid_t pid)
{
    sigset_t old;

    if (!active)
        return;
    block(&old);
    if (nchildren == children_cap) {
        children_cap = children_cap ? 2 * children_cap : 8;
        children = xrealloc(children, children_cap * sizeof(*children));
    }
    children[nchildren++] = pid;
    sigprocmask(SIG_SETMASK, &old, NULL);
    /* A signal that came before the child was known is passed on now. */
    if (got)
        kill(pid, got);
}

void cleanup_reaped(pid_t pid)
{
    sigset_t old;

    if (!active)
        return;
    block(&old);
    for (size_t i = 0; i < nchildren; i++) {
        if (children[i] == pid) {
            drop_child(i);
            break;
        }
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    cleanup_check();
}

void cleanup_check(void)
{
    if (active && got)
        stop();
}
