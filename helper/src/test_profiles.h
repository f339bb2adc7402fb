/* SPDX-License-Identifier: MIT */
/* What each training test adds (pgo-helper summary -v). The training keeps each test's raw
 * profiles in a folder of its own (RAW/tNNNN), so after the merge the counts of every test
 * can still be told apart: read back as counter vectors, they give per test its time, the
 * functions it reached, its share of the merged counts, the functions hot in it alone, and
 * how far its counts resemble those of all the other tests (leave-one-out). */
#ifndef PGO_HELPER_TEST_PROFILES_H
#define PGO_HELPER_TEST_PROFILES_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The counters of one function in one test's profile. */
struct test_counts {
    size_t fn;        /* index into test_profiles.keys */
    uint64_t *counts; /* owned */
    size_t ncounts;
};

struct test_profile {
    char *name;              /* the test's name (RAW/tNNNN/name), owned */
    double seconds;          /* its run time (RAW/tNNNN/seconds), or -1 when not recorded */
    struct test_counts *fns; /* the functions it has records of, owned */
    size_t nfns;
    uint64_t total; /* the sum of its counters */
    char *label;    /* its first CTest label but the toolkit's, or NULL; owned */
    double weight;  /* the times its counts count in the merged profile: 1 unless
                       test_profiles_weigh said otherwise */
};

struct test_profiles {
    struct test_profile *tests;
    size_t ntests;
    char **keys; /* every function seen: Clang "name\thash", GCC "file\tident\tcfg" */
    size_t nkeys;
};

/* The measures of test i against the others. */
struct test_contribution {
    unsigned long reached;  /* functions with a nonzero counter */
    double share;           /* its counts over all tests' counts, 0 to 1 */
    unsigned long hot_only; /* functions hot in it and in no other test */
    double overlap;         /* with the sum of the other tests' counts, 0 to 1; -1 alone */
};

/* Reads the test folders of RAW. Clang: TOOL (llvm-profdata) reads each folder's raw
 * profiles as text, kept in CACHE_DIR (may be NULL; profdata_text_dirs); GCC: its .gcda
 * files. Returns 0, or -1 after an error. */
int test_profiles_read(const char *raw, int clang, const char *tool, const char *cache_dir,
                       struct test_profiles *out);
void test_profiles_release(struct test_profiles *p);

/* The same for the instrumented tree of the optimized tree BUILD_DIR: WHICH is "raw" for the
 * training (BUILD_DIR/_pgo/instrumented/_pgo/raw), "workload-raw" for the benchmark command's
 * run; the texts are kept in BUILD_DIR/_pgo/texts-of-WHICH. None there (a given profile,
 * PGO_PROFILE) leaves out empty; one that cannot be read too, after a warning: the build is sound
 * without them. */
void test_profiles_load(const char *build_dir, const char *which, int clang, const char *tool,
                        struct test_profiles *out);

/* Gives each test the weight the last of SPECS ("N:TEST", as pgo-helper merge --weight
 * takes them) that names it gives, 1 when none does. */
void test_profiles_weigh(struct test_profiles *p, const struct strvec *specs);

/* The measures of every test (out has p->ntests entries). A function is hot in a test when it
 * is among the fewest functions that together hold 90% of the test's counts. The overlap of
 * two profiles A and B is the sum over every counter c of min(A_c / sum A, B_c / sum B): 1
 * for the same distribution of counts, 0 for none in common. */
void test_profiles_measure(const struct test_profiles *p, struct test_contribution *out);

/* The groups of the tests: by label when the tests carry at least two labels (a test without
 * one in a group of its own kind), else dealt round-robin into k (test i to group i mod k, in
 * the order of the test folders, as shards are; k lowered to the number of tests). Writes
 * each test's group to group_of (p->ntests entries) and returns the number of groups. */
size_t test_profiles_groups(const struct test_profiles *p, size_t k, size_t *group_of,
                            int *by_label);

/* Whether the training generalizes: the overlap of each group's counts (test_profiles_groups)
 * with the other groups' summed, in group[] (at least p->ntests entries, -1 for a group
 * without counts). Returns their mean over the groups with counts, or -1 with fewer than two
 * groups. *used gets the number of groups, *by_label whether they are labels. */
double test_profiles_folds(const struct test_profiles *p, size_t k, double *group, size_t *used,
                           int *by_label);

/* A share (0 to 1) as the table shows it: "<0.01%" for a small one that is not 0, ">99.9%"
 * for a large one that is not all, else one decimal. */
void test_profiles_format_share(char *out, size_t n, double share);

/* Prints the "generalizes" line of test_profiles_folds (K groups) and the groups below
 * THRESHOLD percent with their tests. */
void test_profiles_print_folds(const struct test_profiles *p, size_t k, double threshold,
                               FILE *out);

/* Prints the table of summary -v, with a column of each test's overlap with the benchmark
 * command's profile when BENCHMARK (p->ntests entries) is not NULL, and the line of
 * test_profiles_folds (K groups; the groups below THRESHOLD percent named) to out. */
void test_profiles_print(const struct test_profiles *p, const double *benchmark, size_t k,
                         double threshold, FILE *out);

#endif
