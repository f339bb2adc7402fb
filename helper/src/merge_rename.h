/* SPDX-License-Identifier: MIT */
/* Clang's names of static functions across checkouts (merge --input --source-dir). */
#ifndef PGO_HELPER_MERGE_RENAME_H
#define PGO_HELPER_MERGE_RENAME_H

#include "merge.h"
#include "util.h"

#include <stddef.h>

/* Appends to OUT the text TEXT (N bytes of llvm-profdata merge --text output) of a profile
 * made from sources at FROM (NULL: unknown), with its names rewritten for sources at TO: a
 * name or a value-profile target that starts with FROM/ starts with TO/ instead, and with
 * RELATIVE a static function's name ("path;name") whose path is relative gets TO/ in front
 * (profiles of the toolkit 0.1 named them relative to the source tree). Returns how many
 * names changed. */
size_t llvm_text_rename(const char *text, size_t n, const char *from, const char *to, int relative,
                        struct buf *out);

/* When the sidecar of the indexed profile INPUT says it was made from sources elsewhere than
 * SOURCE_DIR, or names its static functions relative to the source tree, writes its text with
 * the names rewritten (llvm_text_rename) to a temporary beside m->output, registered with
 * cleanup_add(), and returns its path: the caller merges it in INPUT's place, then removes and
 * forgets it. Returns NULL when INPUT needs no renaming, or after printing an error (*failed
 * set). */
char *merge_rename_input(const struct merge *m, const char *input, const char *source_dir,
                         int *failed);

#endif
