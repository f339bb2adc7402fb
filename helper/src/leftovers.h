/* SPDX-License-Identifier: MIT */
/* The process groups of the running training tests, recorded in the training's lock file, so
 * that the next training stops those a killed pgo-helper left running (leftovers.c). */
#ifndef PGO_HELPER_LEFTOVERS_H
#define PGO_HELPER_LEFTOVERS_H

#include <sys/types.h>

/* Appends the process group PGID, with its start time, to the record in LOCK, the open
 * lock file. Best effort: a record that cannot be written only loses the clean-up. */
void leftovers_record(int lock, pid_t pgid);
/* Empties the record: the tests it names are done. */
void leftovers_clear(int lock);
/* Stops the process groups the record names that still run (a killed pgo-helper left them),
 * then empties it. */
void leftovers_stop(int lock);

#endif
