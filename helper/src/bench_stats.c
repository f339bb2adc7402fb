/* SPDX-License-Identifier: MIT */
/* Statistics for pgo-helper bench. Wall time on a shared machine varies from run to run as
 * much as PGO gains, so a verdict needs a test, not a threshold on the median: the rounds run
 * the builds in turn, so each round gives one paired difference, and Wilcoxon's signed-rank
 * test asks whether those differences lean one way more than chance explains. It assumes
 * nothing of their distribution but symmetry, which log-ratios of interleaved runs meet
 * better than raw times. */
#define _POSIX_C_SOURCE 200809L
#include "bench_stats.h"

#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

double stats_quantile(const double *v, size_t n, double q)
{
    double *s, pos, m;
    size_t i;

    if (n == 0)
        return 0;
    s = xcalloc(n, sizeof(*s));
    memcpy(s, v, n * sizeof(*s));
    qsort(s, n, sizeof(*s), compare_doubles);
    pos = q * (double)(n - 1);
    i = (size_t)pos;
    m = i + 1 < n ? s[i] + (pos - (double)i) * (s[i + 1] - s[i]) : s[i];
    free(s);
    return m;
}

double stats_median(const double *v, size_t n)
{
    return stats_quantile(v, n, 0.5);
}

struct ranked {
    double magnitude;
    int positive;
};

static int by_magnitude(const void *a, const void *b)
{
    double x = ((const struct ranked *)a)->magnitude, y = ((const struct ranked *)b)->magnitude;

    return x < y ? -1 : x > y;
}

/* P(W+ <= w) under the null hypothesis, for n ranks 1..n without ties: the share of the 2^n
 * sign patterns whose positive ranks sum to at most w. */
static double exact_cdf(size_t n, double w)
{
    size_t top = n * (n + 1) / 2;
    double *ways = xcalloc(top + 1, sizeof(*ways)), below = 0, all = 0;

    ways[0] = 1;
    for (size_t r = 1; r <= n; r++)
        for (size_t s = top; s >= r; s--)
            ways[s] += ways[s - r];
    for (size_t s = 0; s <= top; s++) {
        all += ways[s];
        if ((double)s <= w + 1e-9)
            below += ways[s];
    }
    free(ways);
    return below / all;
}

double stats_signed_rank_p(const double *d, size_t n)
{
    struct ranked *v = xcalloc(n ? n : 1, sizeof(*v));
    size_t m = 0, i = 0;
    double w = 0, ties = 0, p;

    for (size_t k = 0; k < n; k++)
        if (d[k] != 0 && !isnan(d[k])) {
            v[m].magnitude = fabs(d[k]);
            v[m++].positive = d[k] > 0;
        }
    if (m == 0) {
        free(v);
        return 1;
    }
    qsort(v, m, sizeof(*v), by_magnitude);
    while (i < m) {
        size_t j = i;
        double rank;

        while (j + 1 < m && v[j + 1].magnitude == v[i].magnitude)
            j++;
        rank = (double)(i + j + 2) / 2; /* the mean of ranks i+1 .. j+1 */
        for (size_t k = i; k <= j; k++)
            if (v[k].positive)
                w += rank;
        if (j > i)
            ties += (double)(j - i + 1) * (double)(j - i + 1) * (double)(j - i + 1) -
                    (double)(j - i + 1);
        i = j + 1;
    }
    if (m <= 30 && ties == 0) {
        double lower = exact_cdf(m, w), upper = 1 - exact_cdf(m, w - 1);

        p = 2 * (lower < upper ? lower : upper);
    } else {
        double mean = (double)m * (double)(m + 1) / 4;
        double var = (double)m * (double)(m + 1) * (double)(2 * m + 1) / 24 - ties / 48;
        double z = var > 0 ? (fabs(w - mean) - 0.5) / sqrt(var) : 0;

        if (z < 0)
            z = 0;
        p = erfc(z / sqrt(2));
    }
    free(v);
    return p > 1 ? 1 : p;
}

enum wall_verdict stats_wall_verdict(const double *ratio, size_t n, double *p)
{
    double *logs = xcalloc(n ? n : 1, sizeof(*logs));
    size_t m = 0;

    for (size_t i = 0; i < n; i++)
        if (ratio[i] > 0)
            logs[m++] = log(ratio[i]);
    *p = stats_signed_rank_p(logs, m);
    free(logs);
    if (*p >= 0.05)
        return WALL_UNRESOLVED;
    return stats_median(ratio, n) > 1 ? WALL_FASTER : WALL_SLOWER;
}
