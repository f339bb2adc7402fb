/* SPDX-License-Identifier: MIT */
/* Reading llvm-bolt's output (bolt_log.c). */
#ifndef PGO_HELPER_BOLT_LOG_H
#define PGO_HELPER_BOLT_LOG_H

#include "util.h"

#include <stddef.h>

/* Finds the functions llvm-bolt names in "... in function NAME. Consider adding this function
 * to --skip-funcs" and adds to SKIP those not in it yet, up to MAX in all; returns how many
 * were added. NAME may end in "(*N)", the count of its aliases, which --skip-funcs does not
 * take: that is cut off. */
size_t bolt_log_skips(const char *log, struct strvec *skip, size_t max);
/* The first line of LOG holding "ERROR" (else its first line), for a warning; owned by the
 * caller. */
char *bolt_log_first_error(const char *log);
/* What llvm-bolt did, from its output, as one line for the report ("bolted; 98 of 133
 * functions ran, 43 reordered, ..."), naming the SKIPPED functions; owned by the caller. */
char *bolt_log_describe(const char *log, const struct strvec *skipped);

#endif
