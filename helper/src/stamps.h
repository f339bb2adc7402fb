/* SPDX-License-Identifier: MIT */
/* pgo-helper stamps: after a merge, the stamp of each optimized source whose objects read
 * other profile data than before is rewritten; the others keep their time stamps, so the build
 * tool compiles again only the objects whose profile data changed. */
#ifndef PGO_HELPER_STAMPS_H
#define PGO_HELPER_STAMPS_H

struct stamps_options {
    int clang;
    const char *profile;    /* Clang: the .profdata; GCC: the folder of .gcda files */
    const char *manifest;   /* "<key>\t<source>" lines: <stamp dir>/<key>.h stands for <source> */
    const char *compile_db; /* the instrumented tree's compile_commands.json */
    const char *stamp_dir;
    const char *tool;       /* Clang: llvm-profdata */
    const char *nm;         /* Clang: llvm-nm, which reads the instrumented objects */
    const char *text_cache; /* Clang, may be NULL: profdata_text's cache of the profile's text */
    int verbose;
};

/* Writes each stamp whose objects' profile data changed (what profile_reads.h hashes), and
 * <stamp dir>/result ("objects=", "recompiled=", "kept=" lines) for the summary; prints how
 * many objects compile again. A source no compile of the database names, or whose objects
 * cannot be read, gets the whole profile's hash: it compiles again whenever the profile
 * changes. Returns 0, or 1 after printing an error. */
int stamps_run(const struct stamps_options *o);

/* argv[0] is "stamps". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_stamps(int argc, char **argv);

#endif
