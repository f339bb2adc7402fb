/* SPDX-License-Identifier: MIT */
/* Reading compiler diagnostics: dropping profile noise and counting profile warnings. */
#ifndef PGO_HELPER_DIAGNOSTICS_H
#define PGO_HELPER_DIAGNOSTICS_H

#include "util.h"

#include <stddef.h>

/* Copies compiler stderr text to out, leaving out diagnostics about functions without profile
 * data (clang "no profile data available for function", gcc [-Wmissing-profile] with its
 * context lines). Everything else is kept byte for byte. Returns the number of diagnostics
 * left out. */
unsigned long filter_profile_noise(const char *text, size_t n, struct buf *out);

struct warning_counts {
    unsigned long out_of_date; /* functions with a hash mismatch / coverage mismatch */
    unsigned long no_data;     /* no profile data for a function or file */
};

/* Counts profile warnings in compiler stderr text, one compile's (adds to c): out-of-date
 * functions once each, however many lines the compiler gives one. */
void count_profile_warnings(const char *text, size_t n, struct warning_counts *c);

#endif
