/* SPDX-License-Identifier: MIT */
/* The cheapest set of training tests and the weights that match a load (training_choice.h).
 * Every measure here is an overlap of counter shares, as test_profiles.c and the
 * "representative" line measure it, restricted to the counters the target holds: the
 * counters are numbered once (a function's counters after the previous function's), and each
 * test keeps only its counts on those. */
#define _POSIX_C_SOURCE 200809L
#include "training_choice.h"

#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Clang's -profile-summary-cutoff-hot: the counters holding 99% of the counts are hot. */
#define HOT_CUTOFF 0.99
/* The largest weight training_weights gives: the ratios of shares to 1 in 10000. */
#define MAX_WEIGHT 10000
/* Up to this many tests every subset is checked (16384 of them). */
#define EXACT_LIMIT 14
/* The part of its unweighted share every test keeps under training_weights. */
#ifndef WEIGHT_KEEP
#define WEIGHT_KEEP 0.5
#endif

struct sparse {
    size_t *at;    /* indices into the target's counters */
    double *count; /* the test's counts there */
    size_t n;
};

struct training_target {
    size_t ntests, ncounters;
    double *share;        /* per target counter: its share of the target */
    struct sparse *tests; /* each test's counts on the target's counters */
    double *total;        /* each test's counts on every counter */
    double *seconds;      /* each test's run time, 1 when unknown */
    double norm;          /* the whole training's unscaled coverage */
};

/* Counter numbering: the first number of every function key, and their count. */
struct numbering {
    size_t *first;  /* per key of p */
    size_t *length; /* per key: the most counters any test gives it */
    size_t n;
};

static void number_counters(const struct test_profiles *p, struct numbering *nb)
{
    size_t keys = p->nkeys ? p->nkeys : 1;

    nb->first = xcalloc(keys, sizeof(*nb->first));
    nb->length = xcalloc(keys, sizeof(*nb->length));
    for (size_t i = 0; i < p->ntests; i++)
        for (size_t f = 0; f < p->tests[i].nfns; f++) {
            const struct test_counts *c = &p->tests[i].fns[f];

            if (c->ncounts > nb->length[c->fn])
                nb->length[c->fn] = c->ncounts;
        }
    nb->n = 0;
    for (size_t k = 0; k < p->nkeys; k++) {
        nb->first[k] = nb->n;
        nb->n += nb->length[k];
    }
}

static const struct test_profiles *key_base;

static int by_key(const void *a, const void *b)
{
    return strcmp(key_base->keys[*(const size_t *)a], key_base->keys[*(const size_t *)b]);
}

/* The index of KEY among p's keys (SORTED, their indices in key order), or (size_t)-1. */
static size_t find_key(const struct test_profiles *p, const size_t *sorted, const char *key)
{
    size_t lo = 0, hi = p->nkeys;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(p->keys[sorted[mid]], key);

        if (c == 0)
            return sorted[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

static const double *order_base;

static int by_value_desc(const void *a, const void *b)
{
    double x = order_base[*(const size_t *)a], y = order_base[*(const size_t *)b];

    return x < y ? 1 : x > y ? -1 : 0;
}

/* The shares of the target's counters, dense over every counter (nb->n): the load's on the
 * counters the training numbers, or the whole training's on its hot counters. */
static double *target_shares(const struct test_profiles *p, const struct test_profiles *load,
                             const struct numbering *nb)
{
    double *share = xcalloc(nb->n ? nb->n : 1, sizeof(*share));
    double total = 0;

    if (load && load->ntests > 0) {
        const struct test_profile *l = &load->tests[0];
        size_t *sorted = xmalloc((p->nkeys ? p->nkeys : 1) * sizeof(*sorted));

        for (size_t k = 0; k < p->nkeys; k++)
            sorted[k] = k;
        key_base = p;
        qsort(sorted, p->nkeys, sizeof(*sorted), by_key);
        for (size_t f = 0; f < l->nfns; f++) {
            const struct test_counts *c = &l->fns[f];
            size_t k = find_key(p, sorted, load->keys[c->fn]);

            for (size_t q = 0; k != (size_t)-1 && q < c->ncounts && q < nb->length[k]; q++)
                share[nb->first[k] + q] = (double)c->counts[q];
        }
        free(sorted);
        /* Shares of all the load's counts: those the training never numbered count too. */
        total = l->total ? (double)l->total : 1;
        for (size_t c = 0; c < nb->n; c++)
            share[c] /= total;
        return share;
    }
    for (size_t i = 0; i < p->ntests; i++)
        for (size_t f = 0; f < p->tests[i].nfns; f++) {
            const struct test_counts *c = &p->tests[i].fns[f];

            for (size_t q = 0; q < c->ncounts; q++)
                share[nb->first[c->fn] + q] += (double)c->counts[q];
        }
    for (size_t c = 0; c < nb->n; c++)
        total += share[c];
    if (total > 0) {
        size_t *order = xmalloc((nb->n ? nb->n : 1) * sizeof(*order));
        double held = 0;
        size_t c = 0;

        for (size_t i = 0; i < nb->n; i++)
            order[i] = i;
        order_base = share;
        qsort(order, nb->n, sizeof(*order), by_value_desc);
        for (; c < nb->n && held < HOT_CUTOFF * total; c++)
            held += share[order[c]];
        for (; c < nb->n; c++)
            share[order[c]] = 0; /* not hot */
        for (size_t i = 0; i < nb->n; i++)
            share[i] /= total;
        free(order);
    }
    return share;
}

/* The unscaled coverage of counts M (per target counter) of total TOTAL. */
static double overlap_of(const struct training_target *t, const double *m, double total)
{
    double sum = 0;

    if (total <= 0)
        return 0;
    for (size_t c = 0; c < t->ncounters; c++) {
        double a = m[c] / total;

        sum += a < t->share[c] ? a : t->share[c];
    }
    return sum;
}

struct training_target *training_target_new(const struct test_profiles *p,
                                            const struct test_profiles *load)
{
    struct training_target *t = xcalloc(1, sizeof(*t));
    struct numbering nb;
    double *dense, *m;
    size_t *index;
    double all = 0;

    number_counters(p, &nb);
    dense = target_shares(p, load, &nb);
    /* Only the counters the target holds matter: renumber those. */
    index = xmalloc((nb.n ? nb.n : 1) * sizeof(*index));
    for (size_t c = 0; c < nb.n; c++)
        index[c] = dense[c] > 0 ? t->ncounters++ : (size_t)-1;
    t->share = xmalloc((t->ncounters ? t->ncounters : 1) * sizeof(*t->share));
    for (size_t c = 0; c < nb.n; c++)
        if (index[c] != (size_t)-1)
            t->share[index[c]] = dense[c];
    t->ntests = p->ntests;
    t->tests = xcalloc(p->ntests ? p->ntests : 1, sizeof(*t->tests));
    t->total = xcalloc(p->ntests ? p->ntests : 1, sizeof(*t->total));
    t->seconds = xcalloc(p->ntests ? p->ntests : 1, sizeof(*t->seconds));
    m = xcalloc(t->ncounters ? t->ncounters : 1, sizeof(*m));
    for (size_t i = 0; i < p->ntests; i++) {
        const struct test_profile *tp = &p->tests[i];
        struct sparse *s = &t->tests[i];

        t->total[i] = (double)tp->total;
        t->seconds[i] = tp->seconds > 0 ? tp->seconds : tp->seconds == 0 ? 0.001 : 1;
        for (size_t f = 0; f < tp->nfns; f++) {
            const struct test_counts *c = &tp->fns[f];

            for (size_t q = 0; q < c->ncounts; q++) {
                size_t at = index[nb.first[c->fn] + q];

                if (at == (size_t)-1 || c->counts[q] == 0)
                    continue;
                s->at = xrealloc(s->at, (s->n + 1) * sizeof(*s->at));
                s->count = xrealloc(s->count, (s->n + 1) * sizeof(*s->count));
                s->at[s->n] = at;
                s->count[s->n++] = (double)c->counts[q];
                m[at] += (double)c->counts[q];
            }
        }
        all += t->total[i];
    }
    t->norm = overlap_of(t, m, all);
    free(m);
    free(index);
    free(dense);
    free(nb.first);
    free(nb.length);
    return t;
}

void training_target_free(struct training_target *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ntests; i++) {
        free(t->tests[i].at);
        free(t->tests[i].count);
    }
    free(t->tests);
    free(t->total);
    free(t->seconds);
    free(t->share);
    free(t);
}

double training_target_full(const struct training_target *t)
{
    return t->norm;
}

static double scaled(const struct training_target *t, double overlap)
{
    return t->norm > 0 ? overlap / t->norm : 0;
}

/* Adds W times test i's counts to M. */
static void add_test(const struct training_target *t, double *m, size_t i, double w)
{
    const struct sparse *s = &t->tests[i];

    for (size_t k = 0; k < s->n; k++)
        m[s->at[k]] += w * s->count[k];
}

double training_coverage(const struct training_target *t, const double *w)
{
    double *m = xcalloc(t->ncounters ? t->ncounters : 1, sizeof(*m));
    double total = 0, v;

    for (size_t i = 0; i < t->ntests; i++) {
        if (w[i] > 0) {
            add_test(t, m, i, w[i]);
            total += w[i] * t->total[i];
        }
    }
    v = scaled(t, overlap_of(t, m, total));
    free(m);
    return v;
}

static void set_result(struct training_subset *out, const unsigned char *in, size_t n,
                       double coverage, const struct training_target *t)
{
    out->n = 0;
    out->seconds = 0;
    out->tests = xmalloc((n ? n : 1) * sizeof(*out->tests));
    for (size_t i = 0; i < n; i++)
        if (in[i]) {
            out->tests[out->n++] = i;
            out->seconds += t->seconds[i];
        }
    out->coverage = coverage;
}

/* Every subset, in Gray code order so that each differs from the last by one test. */
static void cheapest_exact(const struct training_target *t, double goal,
                           struct training_subset *out)
{
    size_t n = t->ntests;
    double *m = xcalloc(t->ncounters ? t->ncounters : 1, sizeof(*m));
    unsigned char *in = xcalloc(n ? n : 1, 1), *best = xcalloc(n ? n : 1, 1);
    double total = 0, seconds = 0, best_seconds = -1, best_cov = 0;

    for (size_t i = 0; i < n; i++)
        best[i] = 1; /* the whole training reaches the goal by definition */
    best_cov = 1;
    for (size_t i = 0; i < n; i++)
        best_seconds = (best_seconds < 0 ? 0 : best_seconds) + t->seconds[i];
    for (unsigned long g = 1; g < (1ul << n); g++) {
        size_t flip = 0;
        double cov;

        while (!((g >> flip) & 1))
            flip++;
        in[flip] = !in[flip];
        add_test(t, m, flip, in[flip] ? 1 : -1);
        total += in[flip] ? t->total[flip] : -t->total[flip];
        seconds += in[flip] ? t->seconds[flip] : -t->seconds[flip];
        if (seconds > best_seconds)
            continue;
        cov = scaled(t, overlap_of(t, m, total));
        if (cov >= goal && (seconds < best_seconds || cov > best_cov)) {
            memcpy(best, in, n);
            best_seconds = seconds;
            best_cov = cov;
        }
    }
    set_result(out, best, n, best_cov, t);
    out->exact = 1;
    free(best);
    free(in);
    free(m);
}

/* Greedy: the test of most coverage gained per second, until the goal; then each chosen
 * test, dearest first, dropped if the rest still reach it. */
static void cheapest_greedy(const struct training_target *t, double goal,
                            struct training_subset *out)
{
    size_t n = t->ntests;
    double *m = xcalloc(t->ncounters ? t->ncounters : 1, sizeof(*m));
    unsigned char *in = xcalloc(n ? n : 1, 1);
    double total = 0, cov = 0;
    size_t *order;
    size_t chosen = 0;

    while (cov < goal && chosen < n) {
        size_t pick = (size_t)-1;
        double pick_rate = 0, pick_cov = 0, any_cov = -1;
        size_t any = (size_t)-1;

        for (size_t i = 0; i < n; i++) {
            double c, rate;

            if (in[i])
                continue;
            add_test(t, m, i, 1);
            c = scaled(t, overlap_of(t, m, total + t->total[i]));
            add_test(t, m, i, -1);
            rate = (c - cov) / t->seconds[i];
            if (c > cov && (pick == (size_t)-1 || rate > pick_rate)) {
                pick = i;
                pick_rate = rate;
                pick_cov = c;
            }
            if (c > any_cov) {
                any = i;
                any_cov = c;
            }
        }
        /* No test adds coverage: take the one that loses least, as the whole reaches it. */
        if (pick == (size_t)-1) {
            pick = any;
            pick_cov = any_cov;
        }
        in[pick] = 1;
        add_test(t, m, pick, 1);
        total += t->total[pick];
        cov = pick_cov;
        chosen++;
    }
    order = xmalloc((n ? n : 1) * sizeof(*order));
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    order_base = t->seconds;
    qsort(order, n, sizeof(*order), by_value_desc);
    for (size_t k = 0; k < n && chosen > 1; k++) {
        size_t i = order[k];
        double c;

        if (!in[i])
            continue;
        add_test(t, m, i, -1);
        c = scaled(t, overlap_of(t, m, total - t->total[i]));
        if (c >= goal) {
            in[i] = 0;
            total -= t->total[i];
            cov = c;
            chosen--;
        } else {
            add_test(t, m, i, 1);
        }
    }
    set_result(out, in, n, cov, t);
    out->exact = 0;
    free(order);
    free(in);
    free(m);
}

void training_cheapest(const struct training_target *t, double goal, size_t exact_limit,
                       struct training_subset *out)
{
    memset(out, 0, sizeof(*out));
    if (t->ntests <= exact_limit && t->ntests < 8 * sizeof(unsigned long) - 1)
        cheapest_exact(t, goal, out);
    else
        cheapest_greedy(t, goal, out);
}

void training_subset_release(struct training_subset *s)
{
    free(s->tests);
    memset(s, 0, sizeof(*s));
}

/* The unscaled overlap of the mixture of the tests' shares by LAMBDA, and into GRAD each
 * test's gradient: its share on the counters the mixture holds less of than the target. */
static double mixture(const struct training_target *t, const double *lambda, double *m,
                      double *grad)
{
    double sum = 0;

    memset(m, 0, (t->ncounters ? t->ncounters : 1) * sizeof(*m));
    for (size_t i = 0; i < t->ntests; i++)
        if (lambda[i] > 0 && t->total[i] > 0)
            add_test(t, m, i, lambda[i] / t->total[i]);
    for (size_t c = 0; c < t->ncounters; c++)
        sum += m[c] < t->share[c] ? m[c] : t->share[c];
    for (size_t i = 0; grad && i < t->ntests; i++) {
        const struct sparse *s = &t->tests[i];

        grad[i] = 0;
        for (size_t k = 0; k < s->n && t->total[i] > 0; k++)
            if (m[s->at[k]] < t->share[s->at[k]])
                grad[i] += s->count[k] / t->total[i];
    }
    return sum;
}

double training_weights(const struct training_target *t, unsigned long *out)
{
    size_t n = t->ntests;
    double *floor_ = xcalloc(n ? n : 1, sizeof(*floor_)), *mu = xcalloc(n ? n : 1, sizeof(*mu));
    double *lambda = xcalloc(n ? n : 1, sizeof(*lambda)), *best = xcalloc(n ? n : 1, sizeof(*best));
    double *grad = xcalloc(n ? n : 1, sizeof(*grad));
    double *m = xcalloc(t->ncounters ? t->ncounters : 1, sizeof(*m));
    double all = 0, best_value, top = 0, *w = xcalloc(n ? n : 1, sizeof(*w));
    size_t work = 1, rounds;

    for (size_t i = 0; i < n; i++) {
        all += t->total[i];
        work += t->tests[i].n;
    }
    /* The shares are lambda = floor + (1 - KEEP) mu, mu on the simplex, from the unweighted
     * training's (the tests' totals): every test keeps KEEP of its share, so that the code
     * the load does not run stays as warm as half the training made it. */
    for (size_t i = 0; i < n; i++) {
        double share = all > 0 ? t->total[i] / all : 1.0 / (double)n;

        floor_[i] = WEIGHT_KEEP * share;
        mu[i] = share;
        lambda[i] = share;
    }
    memcpy(best, lambda, n * sizeof(*lambda));
    best_value = mixture(t, lambda, m, grad);
    /* About 2e8 counter visits at most: a second or two. */
    rounds = 200000000 / (work + t->ncounters);
    rounds = rounds > 2000 ? 2000 : rounds < 50 ? 50 : rounds;
    for (size_t r = 0; r < rounds; r++) {
        double eta = 4.0 / sqrt((double)r + 1), gmax = 0, z = 0, v;

        for (size_t i = 0; i < n; i++)
            gmax = grad[i] > gmax ? grad[i] : gmax;
        for (size_t i = 0; i < n; i++) {
            mu[i] *= exp(eta * (grad[i] - gmax));
            z += mu[i];
        }
        for (size_t i = 0; i < n; i++) {
            mu[i] = z > 0 ? mu[i] / z : 1.0 / (double)n;
            lambda[i] = floor_[i] + (1 - WEIGHT_KEEP) * mu[i];
        }
        v = mixture(t, lambda, m, grad);
        if (v > best_value) {
            best_value = v;
            memcpy(best, lambda, n * sizeof(*lambda));
        }
    }
    /* Shares back to weights: a test's weight times its total is its share. */
    for (size_t i = 0; i < n; i++) {
        w[i] = t->total[i] > 0 ? best[i] / t->total[i] : 0;
        top = w[i] > top ? w[i] : top;
    }
    for (size_t i = 0; i < n; i++) {
        double x = top > 0 ? w[i] / top * MAX_WEIGHT : 0;

        out[i] = w[i] > 0 ? (x < 1 ? 1 : (unsigned long)(x + 0.5)) : 0;
        w[i] = (double)out[i];
    }
    best_value = training_coverage(t, w) * t->norm;
    free(w);
    free(m);
    free(grad);
    free(best);
    free(lambda);
    free(mu);
    free(floor_);
    return best_value;
}

void training_load_overlaps(const struct test_profiles *p, const struct test_profiles *load,
                            double *out)
{
    struct training_target *t = training_target_new(p, load);
    double *w = xcalloc(p->ntests ? p->ntests : 1, sizeof(*w));

    for (size_t i = 0; i < p->ntests; i++) {
        w[i] = 1;
        out[i] = training_coverage(t, w) * t->norm;
        w[i] = 0;
    }
    free(w);
    training_target_free(t);
}

/* A name for the shell, in single quotes: the value is pasted into a cmake command. */
static void print_quoted_entry(const char *name, unsigned long weight, int last, FILE *out)
{
    for (const char *s = name; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", out);
        else
            fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
    }
    if (weight != 1)
        fprintf(out, "=%lu", weight);
    if (!last)
        fputc(';', out);
}

static void print_set(const struct test_profiles *p, const unsigned long *weights, FILE *out)
{
    size_t last = 0;

    for (size_t i = 0; i < p->ntests; i++)
        if (weights[i])
            last = i;
    fputs("                 -DPGO_TRAINING_SET='", out);
    for (size_t i = 0; i < p->ntests; i++)
        if (weights[i])
            print_quoted_entry(p->tests[i].name, weights[i], i == last, out);
    fputs("'\n", out);
}

/* The line of a cheapest set against T, and its value; NOTE ends the parenthesis, or NULL. */
static void print_cheapest(const struct test_profiles *p, const struct training_target *t,
                           const char *label, const char *against, const char *note, double goal,
                           FILE *out)
{
    struct training_subset s;
    unsigned long *chosen = xcalloc(p->ntests ? p->ntests : 1, sizeof(*chosen));
    double full = 0;

    for (size_t i = 0; i < p->ntests; i++)
        full += t->seconds[i];
    training_cheapest(t, goal, EXACT_LIMIT, &s);
    if (s.n == p->ntests) {
        fprintf(out,
                "  %-14s all %zu tests: no smaller set reaches %g%% of the whole training's %s "
                "(%s%s%s)\n",
                label, p->ntests, 100.0 * goal, against,
                s.exact ? "every subset checked" : "greedy search", note ? "; " : "",
                note ? note : "");
        goto done;
    }
    fprintf(out,
            "  %-14s %zu of %zu tests, %.2f s of %.2f s (saves %.2f s, %.0f%%), reach %.1f%% of "
            "the whole training's %s (goal %g%%; %s%s%s)\n",
            label, s.n, p->ntests, s.seconds, full, full - s.seconds,
            full > 0 ? 100.0 * (full - s.seconds) / full : 0, 100.0 * s.coverage, against,
            100.0 * goal,
            s.exact ? "every subset checked: none cheaper reaches it"
                    : "greedy search: a cheaper set may exist",
            note ? "; " : "", note ? note : "");
    for (size_t k = 0; k < s.n; k++)
        chosen[s.tests[k]] = 1;
    print_set(p, chosen, out);
done:
    training_subset_release(&s);
    free(chosen);
}

void training_choice_print(const struct test_profiles *p, const struct test_profiles *load,
                           double goal, FILE *out)
{
    struct training_target *hot = training_target_new(p, NULL), *fit;
    unsigned long *weights;
    double after;

    if (hot->norm <= 0) {
        fprintf(out, "  cheapest set   unknown (the training has no counts)\n");
        training_target_free(hot);
        return;
    }
    print_cheapest(p, hot, "cheapest set", "hot counters (those holding 99% of its counts)", NULL,
                   goal, out);
    training_target_free(hot);
    if (!load || load->ntests == 0)
        return;
    fit = training_target_new(p, load);
    if (fit->norm <= 0) {
        fprintf(out, "  for the load   unknown (the training shares no counts with the "
                     "benchmark's)\n");
        training_target_free(fit);
        return;
    }
    print_cheapest(p, fit, "for the load", "overlap with the benchmark",
                   "fit to this load: judge it on another", goal, out);
    weights = xcalloc(p->ntests ? p->ntests : 1, sizeof(*weights));
    after = training_weights(fit, weights);
    fprintf(out,
            "  weights        overlap with the benchmark %.1f%% unweighted, %.1f%% with these "
            "weights (each test keeps half its share; fit to this load: judge them on another)\n",
            100.0 * fit->norm, 100.0 * after);
    print_set(p, weights, out);
    free(weights);
    training_target_free(fit);
}
