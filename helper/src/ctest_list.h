/* SPDX-License-Identifier: MIT */
/* Parsing the test list printed by `ctest -N`. */
#ifndef PGO_HELPER_CTEST_LIST_H
#define PGO_HELPER_CTEST_LIST_H

#include <stddef.h>

struct ctest_entry {
    unsigned long number; /* the number `ctest -I N,N` selects */
    char *name;           /* owned */
};

struct ctest_list {
    struct ctest_entry *tests;
    size_t n;
};

/* Collects the lines "  Test  #7: name" of `ctest -N` output, in order. Names may hold any
 * byte but a newline. */
void ctest_list_parse(const char *text, size_t n, struct ctest_list *out);
void ctest_list_release(struct ctest_list *list);

#endif
