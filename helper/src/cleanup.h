/* SPDX-License-Identifier: MIT */
/* What a signal leaves behind: the temporary files and folders a subcommand registers are
 * removed when SIGINT, SIGTERM or SIGHUP stops pgo-helper, after the children it runs meanwhile
 * got the signal too and ended (cleanup.c). */
#ifndef PGO_HELPER_CLEANUP_H
#define PGO_HELPER_CLEANUP_H

#include <sys/types.h>

/* Registers path (a file, or a folder removed with all below it) as a temporary. The first one
 * installs the handlers of SIGINT, SIGTERM and SIGHUP; from then on a signal only marks that it
 * came and passes itself on to the running children, and the helper stops at the next wait for
 * a child, start of one or cleanup_forget(): it waits for its children to end, removes every
 * temporary still registered and dies of the signal (so that the exit status says "killed by
 * SIGINT"). Work between those points, such as the rename that publishes a profile, is never
 * cut in half. */
void cleanup_add(const char *path);
/* The caller removed or renamed path: it is no longer a temporary. After the last one the
 * handlers are put back, unless a signal came meanwhile: then the helper stops here. */
void cleanup_forget(const char *path);

/* For subprocess.c and the loops that reap children themselves: a child was started, or
 * reaped (then a signal that came stops the helper). No-ops while no temporary is registered. */
void cleanup_child(pid_t pid);
void cleanup_reaped(pid_t pid);
/* For the start of a child and a wait interrupted by a signal (EINTR): stops the helper if a
 * signal came. */
void cleanup_check(void);

#endif
