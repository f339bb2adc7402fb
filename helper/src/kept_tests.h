/* SPDX-License-Identifier: MIT */
/* The training tests' own profiles, kept beside the merged one (kept_tests.c): the folders
 * RAW/tNNNN that pgo-helper train writes, read back by summary -v and the report to say what
 * each test adds. Their room is bounded; past the bound the largest go, named in
 * RAW/not-kept. */
#ifndef PGO_HELPER_KEPT_TESTS_H
#define PGO_HELPER_KEPT_TESTS_H

#include <stdint.h>

/* Whether NAME is a test folder's, "t" and digits. */
int kept_tests_is_test_folder(const char *name);

/* The bytes of the files below PATH (a file, or a directory followed through links), or 0. */
uint64_t kept_tests_size_of(const char *path);

/* After a merge into MERGED: keeps at most max(10 times MERGED's size, LIMIT bytes) of the
 * test folders of RAW, removing the largest first (each renamed away before it is removed,
 * so an interrupted removal leaves no half folder a later training could take for a whole
 * one), and writes the names of those removed to RAW/not-kept (removed when all are kept).
 * Prints a note when some go. Returns 0, or -1 after an error. */
int kept_tests_bound(const char *raw, const char *merged, uint64_t limit);

/* What kept_tests_bound left in RAW: the folders' total size and number, and the names not
 * kept (lines, or NULL; to free). */
struct kept_tests {
    uint64_t bytes;
    unsigned long kept, dropped;
    char *not_kept;
};
void kept_tests_read(const char *raw, struct kept_tests *out);

#endif
