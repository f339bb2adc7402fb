/* SPDX-License-Identifier: MIT */
/* Reading CMake's compile_commands.json: its entries, and the shell words of a command. */
#ifndef PGO_HELPER_COMPILE_DB_H
#define PGO_HELPER_COMPILE_DB_H

#include "util.h"

/* One entry of the database, its strings unescaped; NULL where the entry has no such key.
 * Valid during the call that hands it over. */
struct compile_entry {
    const char *directory;
    const char *file;
    const char *output; /* CMake 3.20 and later write it: the object, relative to directory */
    const char *command;
};

/* Calls visit(entry, ctx) for each entry of the NUL-terminated text db, in order, until visit
 * returns non-zero; returns that value, or 0. Only string values are read: a key with another
 * kind of value is skipped. */
int compile_db_each(const char *db, int (*visit)(const struct compile_entry *e, void *ctx),
                    void *ctx);

/* The object the entry's compile writes, as the entry names it (relative to its directory,
 * or absolute): its "output", or the word after -o in its command (CMake before 3.26 writes
 * no "output"). Returns a new string, or NULL if neither says. */
char *compile_db_output(const struct compile_entry *e);

/* Splits a compile command as CMake writes it for a POSIX shell into out: words, '...' and
 * "..." (with \ escapes), and \ escapes outside quotes. */
void compile_db_shell_words(const char *cmd, struct strvec *out);

#endif
