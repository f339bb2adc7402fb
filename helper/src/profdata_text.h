/* SPDX-License-Identifier: MIT */
/* A Clang profile read as text: `llvm-profdata merge --text` run on it (profdata_text.c). */
#ifndef PGO_HELPER_PROFDATA_TEXT_H
#define PGO_HELPER_PROFDATA_TEXT_H

#include "util.h"

/* Runs `TOOL merge --text --output=- PROFILE` and appends what it writes to OUT (initialized
 * by the caller), for llvm_text_records and llvm_text_profile_count (profile_formats.h).
 * CACHE (may be NULL) names the file that keeps the text for the next step of the build
 * (output_cache.h). Returns 0, or -1 after printing the tool's errors and "'TOOL merge --text
 * PROFILE' failed". */
int profdata_text(const char *tool, const char *profile, const char *cache, struct buf *out);

/* The cache of the merged profile's text below a build tree, shared by its steps. */
#define PROFILE_TEXT_CACHE "_pgo/profile.text"

/* The same for the raw profiles (*.profraw) below DIR merged: one training test's counts.
 * Appends nothing when DIR holds none. Returns 0, or -1 after printing an error. */
int profdata_text_dir(const char *tool, const char *dir, struct buf *out);

/* profdata_text_dir for each of the N folders DIRS, up to one run per online processor at
 * once (many small tests cost llvm-profdata's start more than its work): OUT[i]
 * (initialized by the caller) gets folder i's text. CACHE_DIR (may be NULL) keeps each
 * folder's text as <CACHE_DIR>/<folder's name>.text, for the next read of a folder whose
 * raw profiles did not change (the tests that PGO_TRAINING_REUSE did not run again).
 * Returns 0, or -1 after printing an error. */
int profdata_text_dirs(const char *tool, char *const *dirs, size_t n, const char *cache_dir,
                       struct buf *out);

#endif
