/* SPDX-License-Identifier: MIT */
/* The advice of a failed comparison. A regression of the PGO build against its twin means the
 * profile costs speed on this load, most often because the training never ran what the load
 * runs, and the compiler optimized that code for size. The summary already names the
 * functions; the fix is more training, or a cold-code policy that trusts the training less.
 * The twin is built already, so each policy is measured here on the very load, with the very
 * profile, instead of guessed. */
#define _POSIX_C_SOURCE 200809L
#include "bench_advice.h"

#include "subprocess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double figure(const struct sim_counts *c, int simulate)
{
    return simulate ? sim_cycles(c) : (double)c->ir;
}

void bench_advise(const struct bench_advice *a, const struct sim_counts *twin,
                  const struct sim_counts *pgo)
{
    const char *unit = a->simulate ? "estimated cycles" : "instructions";
    double base = figure(twin, a->simulate), best = figure(pgo, a->simulate);
    const char *best_label = NULL;

    if (!a->alts || a->alts->n == 0)
        return;
    note("measuring the other cold-code policies on this load, with the same profile");
    for (size_t i = 0; i < a->alts->n; i++) {
        /* NAME=VALUE=DIR */
        const char *spec = a->alts->v[i], *eq = strchr(spec, '=');
        const char *eq2 = eq ? strchr(eq + 1, '=') : NULL;
        char *label = xstrndup(spec, eq2 ? (size_t)(eq2 - spec) : strlen(spec));
        const char *dir = eq2 ? eq2 + 1 : "";
        char *tree = xasprintf("-DTREE=%s", dir);
        char *argv[] = {(char *)a->cmake, tree, "-P", (char *)a->prepare, NULL};
        struct sim_counts c;
        struct buf out;
        char **count;
        int status, mapped;

        buf_init(&out);
        if (run_capture(argv, NULL, &out, &out, &status) < 0 || status != 0) {
            fwrite(out.data, 1, out.len, stderr);
            warn("%s: its build in %s failed; not measured", label, dir);
            buf_release(&out);
            free(tree);
            free(label);
            continue;
        }
        buf_release(&out);
        count = bench_argv_for(a->argv, a->argc, a->bdir, dir, &mapped);
        if (bench_count(a->valgrind, count, label, a->devnull, a->simulate, &c) == 0) {
            double f = figure(&c, a->simulate);

            note("  %s: %+.2f%% %s against the build without the profile (%.0f)", label,
                 (f - base) * 100 / base, unit, f);
            if (f < best) {
                best = f;
                best_label = label;
                label = NULL;
            }
        }
        bench_free_argv(count);
        free(tree);
        free(label);
    }
    if (best_label && best * 1000 <= base * 1005)
        note("with %s the PGO build is within noise of the build without the profile on this "
             "load: configure with -D%s, or train on what the load runs",
             best_label, best_label);
    else if (best_label)
        note("%s comes closest (%+.2f%%), and none makes the profile pay on this load: train on "
             "what it runs (the summary's 'representative' line names the functions the "
             "training left cold), or build it without PGO",
             best_label, (best - base) * 100 / base);
    else
        note("no cold-code policy does better on this load: train on what it runs (the "
             "summary's 'representative' line names the functions the training left cold), or "
             "build it without PGO");
    free((char *)best_label);
}
