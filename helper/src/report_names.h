/* SPDX-License-Identifier: MIT */
/* C++ names for people: the report's names demangled with one run of the demangler
 * (report_names.c). */
#ifndef PGO_HELPER_REPORT_NAMES_H
#define PGO_HELPER_REPORT_NAMES_H

#include "report_types.h"

#include <stddef.h>

/* Demangles, with one run of the demangler, every C++ name the report may
 * show: its functions', the workload's, the warnings' and the BOLT lines'. */
void report_demangle(struct report *r);
/* The name of f for people: demangled, and cut to max bytes (0: whole) by leaving out
 * template arguments. Points into a static buffer, valid until the next call. */
const char *report_fn_name(const struct rfunc *f, size_t max);
/* The same for a name the report holds (a warning's function). */
const char *report_name(const struct report *r, const char *name, size_t max);

#endif
