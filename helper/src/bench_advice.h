/* SPDX-License-Identifier: MIT */
/* What a failed comparison of pgo-helper bench advises: the other cold-code policies measured
 * on the same load, with the same profile. */
#ifndef PGO_HELPER_BENCH_ADVICE_H
#define PGO_HELPER_BENCH_ADVICE_H

#include "bench_measure.h"
#include "util.h"

struct bench_advice {
    const char *cmake;         /* runs PREPARE as a script */
    const char *prepare;       /* cmake -DTREE=<dir> -P PREPARE configures and builds <dir> */
    const struct strvec *alts; /* "LABEL=DIR": a setting and the tree built with it */
    const char *valgrind;
    int simulate;
    const char *bdir;  /* the PGO build, whose program the count argv names */
    char *const *argv; /* the command counted on the PGO build */
    size_t argc;
    int devnull;
};

/* After a regression of the PGO build (PGO counts) against its twin (TWIN counts): builds each
 * alternative, counts the command there, and prints each against the twin, then which one, if
 * any, brings the build within noise (0.5%), or that none does and what to do then. */
void bench_advise(const struct bench_advice *a, const struct sim_counts *twin,
                  const struct sim_counts *pgo);

#endif
