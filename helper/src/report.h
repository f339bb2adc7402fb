/* SPDX-License-Identifier: MIT */
/* pgo-helper report, the subcommand (report.c). Its parts, in layers, each calling only those
 * below it, each with its own header; report_types.h holds the types they share:
 *   report.c       the subcommand: options, the staleness check, the terminal page
 *   report_html.c  the HTML page, made of the sections
 *   report_representative.c, report_bolt.c   sections, on the terminal and the page (and
 *                  the comparison with the workload that the first shows)
 *   report_names.c C++ names for people (demangling what report_data.c read)
 *   report_format.c  what the pages and sections share for showing it (escaping, shares)
 *   report_data.c  reading the profile, the compile logs, the objects and the BOLT report;
 *                  the report's init and release
 *   report_logs.c  the compile logs: objects, sources, the compiler's profile warnings
 *   report_elf.c, report_lto.c, report_gcc.c, report_gcc_notes.c   what report_data.c reads
 *                  with: the objects' symbols (ELF, LTO), the names of GCC's functions */
#ifndef PGO_HELPER_REPORT_H
#define PGO_HELPER_REPORT_H

#include "profile_options.h"
#include "util.h"

/* The command line of pgo-helper report, checked. */
struct report_options {
    struct profile_options p;
    const char *source_dir; /* shortens paths; its git revision is compared with the profile's */
    const char *html;       /* also write the report as an HTML page there */
    const char *meta_path;  /* the profile's sidecar; NULL: beside the profile */
    const char *bench_path; /* timings written by pgo-helper bench */
    const char *flags;      /* the optimization flags, compared with the profile's */
    double threshold;       /* --stale-threshold, when have_threshold */
    unsigned long top;      /* hottest functions shown (default 10) */
    struct strvec weights;  /* --weight N:TEST, as pgo-helper merge took them */
    int given, have_threshold, brief, verbose;
};

/* argv[0] is "report". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_report(int argc, char **argv);

/* Runs the report O describes. Returns the exit status: 0 success, 1 failure (or above
 * --stale-threshold). */
int report_run(const struct report_options *o);

#endif
