/* SPDX-License-Identifier: MIT */
/* The statistics of pgo-helper bench: quantiles of a sample, and whether two builds timed in
 * interleaved rounds differ beyond what the rounds' spread allows. Pure. */
#ifndef PGO_HELPER_BENCH_STATS_H
#define PGO_HELPER_BENCH_STATS_H

#include <stddef.h>

/* The q-quantile of the N values V (0.5: the median), interpolated between sorted values. */
double stats_quantile(const double *v, size_t n, double q);
double stats_median(const double *v, size_t n);

/* The two-sided p-value of Wilcoxon's signed-rank test that the N paired differences D are
 * centred on zero (zeros left out, tied magnitudes given their mean rank): exact for up to
 * 30 differences without ties, else the normal approximation with the tie and continuity
 * corrections. 1 when no difference is left. */
double stats_signed_rank_p(const double *d, size_t n);

enum wall_verdict { WALL_FASTER, WALL_SLOWER, WALL_UNRESOLVED };

/* The verdict on the per-round time ratios RATIO (baseline / candidate, N rounds) at the
 * 5% level of the signed-rank test on their logarithms: faster (ratios above 1), slower, or
 * no difference these rounds can resolve. *p gets the test's p-value. */
enum wall_verdict stats_wall_verdict(const double *ratio, size_t n, double *p);

#endif
