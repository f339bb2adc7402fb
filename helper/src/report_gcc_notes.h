/* SPDX-License-Identifier: MIT */
/* GCC's functions named from the notes of a compile run again with -ftest-coverage
 * (report_gcc_notes.c). */
#ifndef PGO_HELPER_REPORT_GCC_NOTES_H
#define PGO_HELPER_REPORT_GCC_NOTES_H

#include "report_types.h"
#include "util.h"

#include <stddef.h>
#include <stdint.h>

/* Names the unnamed functions of the hottest objects from the notes GCC
 * writes when their instrumented compile runs again with -ftest-coverage (needs notes_from
 * and gcov_dump; kept in <notes_from>/_pgo/gcc-names.txt for the next report). */
void report_gcc_notes(struct report *r);

/* A name GCC's notes gave to a pair of checksums; name NULL: the notes of the function's
 * object did not have it (an extern template's copy), so the object is not compiled again. */
struct gcc_noted {
    uint32_t lineno, cfg;
    char *name; /* owned */
};

/* The names found, with changed set when some were added since the table was kept. */
struct gcc_notes {
    struct gcc_noted *v;
    size_t n, cap;
    int changed;
};

void gcc_notes_release(struct gcc_notes *t);
/* The compile of OBJECT (an absolute path) in the LEN bytes of DB, the
 * text of a compile_commands.json: its directory in *dir (owned by the caller) and its command
 * split into words. Returns 0, or -1 if the database has no such compile. */
int gcc_notes_find_compile(const char *db, size_t len, const char *object, char **dir,
                           struct strvec *words);
/* Adds to t the functions named in the LEN bytes of TEXT, the output of gcov-dump -l, that it
 * does not hold yet; returns how many. */
size_t gcc_notes_read_dump(const char *text, size_t len, struct gcc_notes *t);

#endif
