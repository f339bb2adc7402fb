/* SPDX-License-Identifier: MIT */
/* tar archives (POSIX ustar, GNU, pax headers), read from memory for the profile archives
 * handed to the helper (pgo-helper unpack). Pure: no files, no messages. */
#ifndef PGO_HELPER_TAR_H
#define PGO_HELPER_TAR_H

#include <stddef.h>

/* A member of an archive: what its headers say, nothing checked yet but the format. */
struct tar_member {
    char *name;                /* owned; prefix, GNU long name or pax path applied */
    char type;                 /* the type flag: '0' (or '\0') a file, '5' a folder, ... */
    const unsigned char *data; /* borrowed from the archive's bytes */
    size_t size;
};

/* Reads the members of the tar archive DATA (N bytes). *members is owned by the caller
 * (tar_release). Returns 0, or -1 with a static reason in *why and, when the fault is in a
 * member's header, *at set to its number from 1 (0 otherwise). */
int tar_read(const unsigned char *data, size_t n, struct tar_member **members, size_t *count,
             size_t *at, const char **why);
void tar_release(struct tar_member *members, size_t count);

/* Why MEMBER may not be unpacked into a folder of its own, or NULL: only files and folders
 * are, with relative names that stay below the folder. The reason is static and reads after
 * the member's name ("is a symbolic link (...)", "has an absolute path, ..."). */
const char *tar_member_problem(const struct tar_member *member);

/* The name of MEMBER as it is unpacked: its components joined by '/', without empty and "."
 * components or a trailing '/'. Call only when tar_member_problem() is NULL. */
char *tar_member_path(const struct tar_member *member);

#endif
