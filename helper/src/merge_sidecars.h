/* SPDX-License-Identifier: MIT */
/* pgo-helper merge --check-sidecars: the inputs' sidecars agree, the output's sidecar
 * (merge_sidecars.c). */
#ifndef PGO_HELPER_MERGE_SIDECARS_H
#define PGO_HELPER_MERGE_SIDECARS_H

#include "compiler.h"
#include "metadata.h"

#include <stddef.h>

/* Checks that the sidecars of the merged profiles INPUTS name the same compiler, flags and
 * sources, and that their shards (PGO_TRAINING_SHARD) are all there, each once; prints what
 * differs. On success MERGED gets what they agree on, the number of shards and the inputs. Returns
 * 0, or -1 after printing an error. */
int merge_sidecars_check(const struct strvec *inputs, struct kv *merged);
/* The same on sidecars already read: TEXTS[i], of LENS[i] bytes, is the text of SIDECARS->v[i],
 * the sidecar of INPUTS->v[i], or NULL for an input without one (a warning says so). */
int merge_sidecars_check_texts(const struct strvec *inputs, const struct strvec *sidecars,
                               const char *const *texts, const size_t *lens, struct kv *merged);
/* Writes MERGED, with the profile's format and hash, as the sidecar of OUTPUT, unless the file
 * already says the same. Returns 0, or -1 after printing an error. */
int merge_sidecars_write(struct kv *merged, const char *output, enum compiler compiler);

#endif
