/* SPDX-License-Identifier: MIT */
/* The profile's sidecar (<profile>.meta): what made the profile, as "key=value" lines, and the
 * same small format for other results (pgo-helper bench). */
#ifndef PGO_HELPER_METADATA_H
#define PGO_HELPER_METADATA_H

#include "compiler.h"
#include "profile_options.h"
#include "util.h"

#include <stddef.h>

/* Ordered key=value pairs; keys may repeat (training=...). */
struct kv {
    struct strvec keys, values;
};

void kv_init(struct kv *kv);
void kv_release(struct kv *kv);
void kv_add(struct kv *kv, const char *key, const char *value);
/* The first value of key, or NULL. */
const char *kv_get(const struct kv *kv, const char *key);
/* Adds the "key=value" lines of text; blank lines, '#' comments and lines without '=' are
 * skipped. */
void kv_parse(const char *text, size_t n, struct kv *kv);
/* Appends "key=value\n" lines (newlines in values become spaces). */
void kv_format(const struct kv *kv, struct buf *out);
/* Reads path into kv. Returns 0, 1 if the file does not exist, -1 after printing an error. */
int kv_read(const char *path, struct kv *kv);

/* Where a profile's sidecar lives: "<profile>.meta" for a file, "<profile>/profile.meta" for a
 * directory (GCC), so that it travels with the profile. Returns a new string. */
char *metadata_path(const char *profile);

/* Adds profile_format ("llvm-indexed 12", "gcda GCC 12.2") and profile_hash (of the
 * profile's bytes; a GCC profile is a directory of .gcda files) to kv. Returns 0, or -1 after
 * printing an error. */
int metadata_describe_profile(struct kv *kv, const char *profile, enum compiler compiler);

/* The first line of `compiler --version`, or NULL if it does not run. */
char *compiler_version_line(const char *compiler);
/* The same, kept in the file CACHE (may be NULL) while the compiler's file stays as it is:
 * Clang takes some 70 ms to say it, in each step of every build. */
char *compiler_version_line_cached(const char *compiler, const char *cache);

/* The cache of the compiler's version line below a build tree. */
#define COMPILER_VERSION_CACHE "_pgo/compiler-version"

/* The command line of pgo-helper metadata, checked. */
struct metadata_options {
    struct profile_options p; /* --profile, --compiler, --compiler-path; no other is taken */
    enum compiler kind;       /* --compiler, parsed */
    const char *flags;        /* the optimization flags, recorded as a hash */
    const char *training;     /* a file of the training workloads, one a line */
    const char *source_dir;   /* the sources, with their git revision */
    const char *sources;      /* a file of the source files compiled */
    const char *build_dir;    /* the build tree, for the paths of generated sources */
    const char *shard;        /* K/N */
    const char *output;       /* the sidecar's path; NULL: beside the profile */
};

/* argv[0] is "metadata". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_metadata(int argc, char **argv);

/* Writes the sidecar O describes. Returns the exit status: 0 success, 1 failure. */
int metadata_run(const struct metadata_options *o);

#endif
