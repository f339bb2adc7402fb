/* SPDX-License-Identifier: MIT */
/* How far the greedy search of the cheapest training set is from the cheapest (not a test):
 * random trainings of N tests over F counters (a third of the counters run by each test, one
 * in ten of those a hundred times hotter; run times 0.1 to 10 s), the cheapest set reaching
 * 99% of the hot-counter coverage found both by checking every subset and greedily; prints
 * the worst and mean ratio of the greedy set's run time to the cheapest's, and how often they
 * are equal.
 *
 *   pgo_helper_choice_search N F ROUNDS      (N at most 16, F at most 64) */
#include "training_choice.h"

#include <stdio.h>
#include <stdlib.h>

static unsigned long state = 7;

static unsigned long below(unsigned long n)
{
    state = state * 6364136223846793005ul + 1442695040888963407ul;
    return (unsigned long)((state >> 33) % n);
}

int main(int argc, char **argv)
{
    int n = argc == 4 ? atoi(argv[1]) : 0, f = argc == 4 ? atoi(argv[2]) : 0;
    int rounds = argc == 4 ? atoi(argv[3]) : 0, equal = 0;
    double worst = 1, sum = 0;
    static char names[64][8];
    char *keys[64];

    if (n < 1 || n > 16 || f < 1 || f > 64 || rounds < 1) {
        fprintf(stderr,
                "usage: pgo_helper_choice_search N F ROUNDS (1 <= N <= 16, 1 <= F <= 64)\n");
        return 2;
    }
    for (int k = 0; k < f; k++) {
        snprintf(names[k], sizeof(names[k]), "k%d", k);
        keys[k] = names[k];
    }
    for (int r = 0; r < rounds; r++) {
        static uint64_t counts[16][64];
        static struct test_counts tc[16][64];
        struct test_profile tests[16];
        struct test_profiles p = {tests, (size_t)n, keys, (size_t)f};
        struct training_target *t;
        struct training_subset exact, greedy;
        double ratio;

        for (int i = 0; i < n; i++) {
            tests[i] =
                (struct test_profile){"r", 0.1 + (double)below(100) / 10, tc[i], 0, 0, NULL, 1};
            for (int k = 0; k < f; k++) {
                counts[i][k] = below(3) == 0 ? below(1000) * (below(10) == 0 ? 100 : 1) : 0;
                if (!counts[i][k])
                    continue;
                tc[i][tests[i].nfns++] = (struct test_counts){(size_t)k, &counts[i][k], 1};
                tests[i].total += counts[i][k];
            }
        }
        t = training_target_new(&p, NULL);
        training_cheapest(t, 0.99, 16, &exact);
        training_cheapest(t, 0.99, 0, &greedy);
        ratio = greedy.seconds / exact.seconds;
        worst = ratio > worst ? ratio : worst;
        sum += ratio;
        equal += ratio < 1 + 1e-9;
        training_subset_release(&exact);
        training_subset_release(&greedy);
        training_target_free(t);
    }
    printf("%d tests, %d counters, %d trainings: greedy / cheapest run time: worst %.3f, "
           "mean %.4f; the same set's time in %d\n",
           n, f, rounds, worst, sum / rounds, equal);
    return 0;
}
