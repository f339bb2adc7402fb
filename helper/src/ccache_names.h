/* SPDX-License-Identifier: MIT */
/* The second names of a GCC profile's .gcda files, under which ccache (4.11 and later) looks
 * for them. */
#ifndef PGO_HELPER_CCACHE_NAMES_H
#define PGO_HELPER_CCACHE_NAMES_H

/* The name ccache looks for of the .gcda file NAME (a file name, not a path): its '#' turned
 * into '/' ("CMakeFiles#app.dir#main.c.gcda" is also "CMakeFiles/app.dir/main.c.gcda"), or
 * NULL when it has none: no '#', GCC's '^' for "..", or a name that would not stay below the
 * folder (an empty, "." or ".." component), which GCC never writes. */
char *ccache_gcda_name(const char *name);

/* Hard-links each .gcda file at the top of DIR under its ccache name. DIR must be the
 * helper's own (a merged or unpacked profile): the folders it makes are followed. */
void ccache_add_gcda_names(const char *dir);

#endif
