/* SPDX-License-Identifier: MIT */
/* pgo-helper unpack: a profile archive (pgo-archive's .tar.gz), possibly made on another
 * machine, unpacked into a folder of the build tree and nowhere else. */
#ifndef PGO_HELPER_UNPACK_H
#define PGO_HELPER_UNPACK_H

#include <stddef.h>

struct unpack_options {
    const char *archive; /* the .tar.gz */
    const char *output;  /* the folder it becomes; replaced whole, or left as it was */
    int clang;           /* the profile looked for: a .profdata file, else .gcda files */
    const char *key;     /* written to OUTPUT/.extracted (the archive's SHA-256), or NULL */
    size_t max_size;     /* the most bytes the archive may unpack to */
};

/* Checks every member of the archive before anything is written (only files and folders,
 * with relative names that stay below the folder, each once), unpacks it into a new folder
 * beside OUTPUT, gives GCC's .gcda files their ccache names, writes OUTPUT/.extracted
 * ("key=KEY" and "profile=<the profile's path below OUTPUT>") and renames the folder to
 * OUTPUT. Returns 0, or 1 after printing an error that names the archive and, when one is at
 * fault, its first bad member. */
int unpack_run(const struct unpack_options *o);

/* argv[0] is "unpack". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_unpack(int argc, char **argv);

#endif
