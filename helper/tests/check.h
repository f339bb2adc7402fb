/* SPDX-License-Identifier: MIT */
/* The assertions of the helper's unit-test programs: each counts a failure in `failures`
 * and goes on, so that one run reports every failed check. Included once per program. */
#ifndef PGO_HELPER_TESTS_CHECK_H
#define PGO_HELPER_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_UL(a, b)                                                                          \
    do {                                                                                           \
        unsigned long a_ = (unsigned long)(a), b_ = (unsigned long)(b);                            \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s (%lu != %lu, 0x%lx != 0x%lx)\n",        \
                    __FILE__, __LINE__, #a, #b, a_, b_, a_, b_);                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s\n  got:      [%s]\n  expected: [%s]\n", \
                    __FILE__, __LINE__, #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");           \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#endif
