/* SPDX-License-Identifier: MIT */
/* Choosing the training (pgo-helper summary -v): the cheapest set of training tests that does
 * the job of the whole, and, against a benchmark's profile, the weights that match it. Both are
 * judged by the overlap of counts test_profiles.h measures; both print a PGO_TRAINING_SET value
 * that applies them. */
#ifndef PGO_HELPER_TRAINING_CHOICE_H
#define PGO_HELPER_TRAINING_CHOICE_H

#include "test_profiles.h"

#include <stdio.h>

/* What a set of tests is judged against: with a load (a benchmark's profile), the overlap of
 * the set's counts with the load's; without, with the whole training's hot counters (the
 * fewest counters holding 99% of its counts, Clang's hot cutoff). Either is scaled so that
 * the whole training scores 1. */
struct training_target;

/* LOAD (its first test, keys matched by name) or NULL for the hot counters of P. */
struct training_target *training_target_new(const struct test_profiles *p,
                                            const struct test_profiles *load);
void training_target_free(struct training_target *t);
/* The whole training's overlap with the load before scaling; without a load, the share of
 * its counts on its hot counters (0.99 or a little above). */
double training_target_full(const struct training_target *t);

struct training_subset {
    size_t *tests; /* indices into test_profiles.tests, ascending, owned */
    size_t n;
    double coverage; /* against the target, the whole training being 1 */
    double seconds;  /* the tests' run time; a test without one counts 1 s */
    int exact;       /* 1: every subset was checked, so none cheaper reaches the goal */
};

/* The set of least run time whose coverage reaches GOAL (0 to 1). With at most EXACT_LIMIT
 * tests every subset is checked; beyond, a greedy search adds the test of most coverage per
 * second until the goal is reached, then drops every test, dearest first, the rest does
 * without. */
void training_cheapest(const struct training_target *t, double goal, size_t exact_limit,
                       struct training_subset *out);
void training_subset_release(struct training_subset *s);

/* The coverage of the tests weighted by W (p->ntests entries, 0 leaves a test out). */
double training_coverage(const struct training_target *t, const double *w);

/* Against a load: non-negative whole weights (0 to 1000000, 0 leaving a test out) that raise
 * the overlap of the weighted training with the load, found by exponentiated gradient over
 * the tests' shares of the merged counts. OUT gets p->ntests weights. Returns the overlap they
 * give, unscaled. */
double training_weights(const struct training_target *t, unsigned long *out);

/* Each test's own overlap with the load (p->ntests entries into OUT): the table's benchmark
 * column. */
void training_load_overlaps(const struct test_profiles *p, const struct test_profiles *load,
                            double *out);

/* Prints summary -v's lines: the cheapest set reaching GOAL and the PGO_TRAINING_SET value
 * that trains with it; with LOAD (or NULL) also the weights and their value. */
void training_choice_print(const struct test_profiles *p, const struct test_profiles *load,
                           double goal, FILE *out);

#endif
