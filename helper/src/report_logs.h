/* SPDX-License-Identifier: MIT */
/* The compile logs of pgo-helper launch, read for the report (report_logs.c). */
#ifndef PGO_HELPER_REPORT_LOGS_H
#define PGO_HELPER_REPORT_LOGS_H

#include "report_types.h"

/* Adds an object to r->objs for each compile log in r->log_dir (none if there is no such
 * directory), with its function symbols, and its profile warnings to r->warns. Returns 0, or
 * -1 after printing an error. */
int report_read_logs(struct report *r);

#endif
