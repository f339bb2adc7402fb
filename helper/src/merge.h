/* SPDX-License-Identifier: MIT */
/* Shared by the parts of pgo-helper merge, in layers, each calling only those below it:
 *   merge.c        the subcommand: options, the raw directory's lock, the choice of merge
 *   merge_many.c   --input and --weight: many inputs, weighted (merge_many.h)
 *   merge_clang.c, merge_gcc.c   each compiler's merge of a raw directory
 *   merge_gcc_tree.c  GCC's merge tree of gcov-tool runs, below merge_gcc.c
 *   merge_common.c running the merge tool, and the --stamp file
 *   merge_sidecars.c  --check-sidecars: the inputs' sidecars agree, the output's sidecar
 *   merge_rename.c    --source-dir: Clang's static functions renamed for this checkout */
#ifndef PGO_HELPER_MERGE_H
#define PGO_HELPER_MERGE_H

#include "util.h"

struct merge {
    const char *raw_dir;
    const char *output;
    const char *tool;
    const char *stamp; /* NULL if not given */
    int verbose;
    /* An indexed profile merged in with the raw ones (a context-sensitive pass adds its
     * counts to the first pass's profile); NULL if not given. */
    const char *base;
    /* gcc: how many gcov-tool merges run at once (at least 1). */
    unsigned long jobs;
    /* clang, --input: the sources this build compiles; inputs made from sources elsewhere get
     * their static functions renamed for them (merge_rename.c). NULL if not given. */
    const char *source_dir;
};

/* merge_clang.c, merge_gcc.c: merge the raw profiles below m->raw_dir into m->output.
 * Return the exit status. */
int merge_clang(const struct merge *m);
int merge_gcc(const struct merge *m);

/* merge_gcc_tree.c: merges the .gcda directories dirs into one directory below staging;
 * returns its path, or NULL after printing an error. */
char *merge_gcc_fold(const struct merge *m, const struct strvec *dirs, const char *staging);

/* merge_common.c: runs a tool, collecting its stdout and stderr into err. Returns 0 if it exited
 * with 0; otherwise prints its output and "'what' failed (...)" and returns -1. */
int merge_run_tool(const struct merge *m, char *const *argv, const char *what, struct buf *err);

/* With --verbose, prints "run: <argv as one line>". */
void merge_show_command(const struct merge *m, char *const *argv);

/* The LLVM major version of the merge tool, from `TOOL merge --version`; -1 if it does not say. */
int merge_tool_major(const struct merge *m);

/* Clang: checks that DATA, what the merge tool of LLVM major release `major` (-1: unknown)
 * wrote to PATH, is an indexed profile of a version that release's compiler reads, before it
 * replaces m->output; llvm-profdata may exit 0 having written nothing. Returns 0, or -1 after
 * an error naming the tool and the file. */
int merge_check_profdata(const struct merge *m, int major, const char *path,
                         const struct buf *data);

/* Writes "HASH\n" to the --stamp file if one was given and its content differs. */
int merge_write_stamp(const struct merge *m, uint64_t hash);

/* merge_sidecars.c: checks that the sidecars of the merged profiles INPUTS name the same
 * compiler, flags and sources, and that their shards (PGO_TRAINING_SHARD) are all there, each
 * once; prints what differs. On success MERGED gets what they agree on, the number of shards
 * and the inputs. Returns 0, or -1 after printing an error. */
struct kv;
int merge_sidecars_check(const struct strvec *inputs, struct kv *merged);
/* The same on sidecars already read: TEXTS[i], of LENS[i] bytes, is the text of SIDECARS->v[i],
 * the sidecar of INPUTS->v[i], or NULL for an input without one (a warning says so). */
int merge_sidecars_check_texts(const struct strvec *inputs, const struct strvec *sidecars,
                               const char *const *texts, const size_t *lens, struct kv *merged);
/* Writes MERGED, with the profile's format and hash, as the sidecar of OUTPUT, unless the file
 * already says the same. Returns 0, or -1 after printing an error. */
int merge_sidecars_write(struct kv *merged, const char *output, int clang);

#endif
