/* SPDX-License-Identifier: MIT */
/* What the compile of one optimized object reads of a merged profile, as one hash: equal
 * hashes mean the compile is given the same profile data, so its object would come out the
 * same (profile_reads.c). */
#ifndef PGO_HELPER_PROFILE_READS_H
#define PGO_HELPER_PROFILE_READS_H

#include "util.h"

#include <stdint.h>

/* A Clang profile indexed for lookups by function name. */
struct clang_reads;

/* Reads the Clang profile PROFILE with llvm-profdata TOOL: its summary and the hash of each
 * function record. CACHE (may be NULL): profdata_text's. Returns NULL after printing an
 * error. */
struct clang_reads *clang_reads_load(const char *tool, const char *profile, const char *cache);
void clang_reads_free(struct clang_reads *r);

/* The hash of what the compile of SOURCE reads, given the functions it defines, GLOBALS and
 * LOCALS (its symbols: a local one's record is "<file>;<name>", or "<file>:<name>" before
 * LLVM 18, where <file> has SOURCE's base name), and the counters of its instrumented object,
 * COUNTERS (may be NULL): the whole summary and each function's record, or its absence. */
uint64_t clang_reads_hash(const struct clang_reads *r, const char *source,
                          const struct strvec *globals, const struct strvec *locals,
                          const struct strvec *counters);

/* The functions an instrumented object defines, read with llvm-nm NM (through the cache file
 * CACHE, or NULL: nm_cache.h): the global ones and the local (static) ones, for each of the N
 * objects in OBJECTS; globals[i] and locals[i] are initialized here. COUNTERS (may be NULL):
 * counters[i] gets the names of object i's counter variables without their "__profc_", those
 * of the functions inlined away after the counters were placed too (a machine-code object has
 * them; an LTO object lists none). Returns 0, or -1 if nm failed (the vectors are then
 * empty). */
int clang_object_functions(const char *nm, const char *cache, char *const *objects, size_t n,
                           struct strvec *globals, struct strvec *locals, struct strvec *counters);

/* The hash of what a GCC compile writing OBJECT (relative to the build tree, as in the
 * compile database) reads from the profile folder DIR: its .gcda file, named after the object
 * as -fprofile-prefix-path names it, or its absence. */
uint64_t gcc_reads_hash(const char *dir, const char *object);

#endif
