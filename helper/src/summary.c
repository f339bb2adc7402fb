/* SPDX-License-Identifier: MIT */
/* pgo-helper summary: shows what the profile holds and checks, from three independent
 * sources, that the optimized build used it: the profile's own contents, the compile logs
 * written by pgo-helper launch, and where the compiler placed each function in the objects. */
#define _POSIX_C_SOURCE 200809L
#include "summary.h"

#include "cli.h"
#include "ctest_labels.h"
#include "diagnostics.h"
#include "elf_scan.h"
#include "fs.h"
#include "kept_tests.h"
#include "link_map.h"
#include "merge_common.h"
#include "merge_many.h"
#include "metadata.h"
#include "profdata_text.h"
#include "profile_formats.h"
#include "profile_options.h"
#include "report_data.h"
#include "report_names.h"
#include "report_representative.h"
#include "subprocess.h"
#include "test_profiles.h"
#include "training_choice.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: pgo-helper summary --compiler clang|gcc --profile PATH --log-dir DIR\n"
    "                          --build-dir BDIR [--tool TOOL] [--compiler-path CC]\n"
    "                          [--linked LIST] [--min-functions N] [--workload PROFILE]\n"
    "                          [--workload-command TEXT] [--representative-threshold PCT]\n"
    "                          [--nm NM] [--demangler TOOL] [--folds K]\n"
    "                          [--generalize-threshold PCT] [--choice-goal PCT]\n"
    "                          [--ctest PATH] [--weight N:TEST]...\n"
    "                          [--notes-from DIR] [--gcov-dump TOOL] [-v|--verbose]\n"
    "\n"
    "Prints what the profile holds and checks that the optimized build used it.\n"
    "\n"
    "  --compiler KIND      clang or gcc\n"
    "  --profile PATH       the merged profile (clang: .profdata file, gcc: directory)\n"
    "  --log-dir DIR        the compile logs written by pgo-helper launch\n"
    "  --build-dir BDIR     the optimized build tree\n"
    "  --tool TOOL          clang: the llvm-profdata that reads PATH (required)\n"
    "  --compiler-path CC   the compiler, to name its version\n"
    "  --linked LIST        lines \"<linked file>\\t<linker map>\": where the profile placed\n"
    "                       functions when the objects are LTO bitcode or GIMPLE\n"
    "  --min-functions N    fail if fewer than N functions ran in training (default 1)\n"
    "  --workload PROFILE   a profile of the benchmark command on the instrumented build:\n"
    "                       prints how far the training's profile overlaps it\n"
    "  --workload-command TEXT  that command, named in the line and the warning\n"
    "  --representative-threshold PCT  warn when the overlap is below PCT percent\n"
    "  --nm NM              lists the symbols of LTO objects, to name GCC's functions\n"
    "  --demangler TOOL     shows C++ names demangled by TOOL (default: c++filt or\n"
    "                       llvm-cxxfilt, found on PATH)\n"
    "  --notes-from DIR     gcc: the instrumented tree, to name functions from GCC's notes\n"
    "  --gcov-dump TOOL     gcc: the gcov-dump that reads them\n"
    "  --folds K            the training tests dealt into K groups (default 5), each\n"
    "                       group's counts against the others' (the 'generalizes' line;\n"
    "                       without -v for a training of at most 32 tests)\n"
    "  --generalize-threshold PCT  name the groups below PCT percent (default 80)\n"
    "  --ctest PATH         the ctest that lists the instrumented tree's labels: the\n"
    "                       training tests grouped by label, when they have two or more\n"
    "  --weight N:TEST      -v: the training test TEST counted N times in the merged\n"
    "                       profile (as pgo-helper merge was told): its share and the\n"
    "                       others' counts it is compared with weigh it so\n"
    "  --choice-goal PCT    -v: the cheapest set of training tests reaching PCT percent of\n"
    "                       the whole training's coverage (default 99)\n"
    "  -v, --verbose        list every object, and what each training test adds\n"
    "  -h, --help           show this help\n"
    "      --version        show the version\n";

enum {
    OPT_MIN_FUNCTIONS = 256,
    OPT_REP_THRESHOLD,
    OPT_FOLDS,
    OPT_GEN_THRESHOLD,
    OPT_CHOICE_GOAL,
    OPT_CTEST,
    OPT_WEIGHT
};

static const struct cli_option options[] = {
    PROFILE_OPTION_ROWS,
    {"min-functions", 0, 1, OPT_MIN_FUNCTIONS},
    {"representative-threshold", 0, 1, OPT_REP_THRESHOLD},
    {"folds", 0, 1, OPT_FOLDS},
    {"generalize-threshold", 0, 1, OPT_GEN_THRESHOLD},
    {"choice-goal", 0, 1, OPT_CHOICE_GOAL},
    {"ctest", 0, 1, OPT_CTEST},
    {"weight", 0, 1, OPT_WEIGHT},
    {"verbose", 'v', 0, 'v'},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

struct summary {
    int clang;
    const char *profile, *log_dir, *build_dir, *tool, *compiler_path, *linked;
    const char *workload, *workload_command, *nm, *demangler;
    const char *notes_from, *gcov_dump;
    double rep_threshold;
    unsigned long min_functions;
    unsigned long folds;          /* --folds */
    double gen_threshold;         /* --generalize-threshold, percent */
    double choice_goal;           /* --choice-goal, percent */
    const char *ctest;            /* --ctest, or NULL */
    const struct strvec *weights; /* --weight */
    int verbose;

    struct profile_stats stats;
    unsigned long logs, elf, lto, unknown, missing, found_gcda;
    unsigned long lto_profiled; /* Clang: bitcode objects that carry a ProfileSummary */
    struct placement placed;
    struct placement linked_placed; /* read from the link maps */
    unsigned long linked_files, linked_unread;
    struct warning_counts warnings;
    struct buf details; /* per-object lines for --verbose */
};

static int profile_stats_clang(struct summary *s)
{
    struct buf text;
    char *cache = s->build_dir ? xasprintf("%s/" PROFILE_TEXT_CACHE, s->build_dir) : NULL;
    int rc;

    buf_init(&text);
    rc = profdata_text(s->tool, s->profile, cache, &text);
    if (rc == 0)
        llvm_text_profile_count(text.data, text.len, &s->stats);
    buf_release(&text);
    free(cache);
    return rc;
}

static int profile_stats_gcc(struct summary *s)
{
    struct strvec names;
    int rc;

    strvec_init(&names);
    rc = list_dir(s->profile, ".gcda", &names);
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", s->profile, names.v[i]);
        const char *why;
        struct buf b;

        buf_init(&b);
        if (read_file(path, &b) < 0)
            rc = -1;
        else if (gcda_count((const unsigned char *)b.data, b.len, &s->stats, &why) < 0)
            warn("'%s' is not a valid .gcda file (%s): not counted", path, why);
        buf_release(&b);
        free(path);
    }
    strvec_release(&names);
    return rc;
}

static void inspect_object(struct summary *s, const char *object, const char *log_text,
                           size_t log_len, const char *abs_build_dir)
{
    struct placement p = {0, 0, 0, 0};
    struct warning_counts w = {0, 0};
    struct buf b;
    const char *kind = NULL;

    count_profile_warnings(log_text, log_len, &w);
    s->warnings.out_of_date += w.out_of_date;
    s->warnings.no_data += w.no_data;

    buf_init(&b);
    if (access(object, F_OK) < 0) {
        s->missing++;
        kind = "missing";
    } else if (read_file(object, &b) < 0) {
        s->unknown++;
        kind = "unreadable";
    } else {
        switch (elf_scan((const unsigned char *)b.data, b.len, &p)) {
        case OBJECT_ELF:
            s->elf++;
            break;
        case OBJECT_LTO:
            s->lto++;
            kind = "LTO: placed at link time";
            if (s->clang && bitcode_has_profile((const unsigned char *)b.data, b.len)) {
                s->lto_profiled++;
                kind = "LTO bitcode with the profile's summary";
            }
            break;
        case OBJECT_UNKNOWN:
            s->unknown++;
            kind = "not an ELF64 object";
            break;
        case OBJECT_CORRUPT:
            s->unknown++;
            kind = "corrupt ELF";
            break;
        }
    }
    buf_release(&b);
    s->placed.hot += p.hot;
    s->placed.cold += p.cold;
    s->placed.other += p.other;
    s->placed.cold_parts += p.cold_parts;

    buf_addf(&s->details, "  %s: ", object);
    if (kind)
        buf_adds(&s->details, kind);
    else
        buf_addf(&s->details, "%lu hot, %lu cold, %lu other", p.hot, p.cold, p.other);
    if (!s->clang) {
        char *name = gcda_name_for_object(abs_build_dir, object);
        int found = 0;

        if (name) {
            char *path = xasprintf("%s/%s", s->profile, name);

            found = access(path, F_OK) == 0;
            free(path);
        }
        s->found_gcda += found;
        buf_addf(&s->details, "; %s %s", name ? name : "(outside the build tree)",
                 found ? "found" : "not found");
        free(name);
    }
    if (w.out_of_date || w.no_data)
        buf_addf(&s->details, "; warnings: %lu out of date, %lu without profile data",
                 w.out_of_date, w.no_data);
    buf_adds(&s->details, "\n");
}

static int read_logs(struct summary *s)
{
    struct strvec names;
    struct stat st;
    char *abs_build_dir = absolute_path(s->build_dir);
    int rc = 0;

    if (!abs_build_dir) {
        error("getcwd:");
        return -1;
    }
    strvec_init(&names);
    if (stat(s->log_dir, &st) == 0)
        rc = list_dir(s->log_dir, ".log", &names);
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", s->log_dir, names.v[i]);
        struct buf b;
        const char *nl;

        buf_init(&b);
        if (read_file(path, &b) < 0) {
            rc = -1;
        } else if (!starts_with(b.data, "object ") || !(nl = strchr(b.data, '\n'))) {
            warn("'%s' is not a compile log of pgo-helper launch: skipped", path);
        } else {
            char *object = xstrndup(b.data + 7, (size_t)(nl - b.data) - 7);

            s->logs++;
            inspect_object(s, object, nl + 1, b.len - (size_t)(nl + 1 - b.data), abs_build_dir);
            free(object);
        }
        buf_release(&b);
        free(path);
    }
    strvec_release(&names);
    free(abs_build_dir);
    return rc;
}

/* A linked file of the --linked list whose placement could not be read. */
static void linked_unread(void *ctx, const char *file, const char *map, const char *why)
{
    struct summary *s = ctx;

    s->linked_unread++;
    if (s->verbose)
        buf_addf(&s->details, "  %s: placement not read from %s: %s\n", file, map, why);
}

/* PGO_TRAINING_REUSE and PGO_SUMMARY_TOLERANCE, the two ways a build keeps counts of an
 * earlier training, on one line: which tests the last training ran (train --reuse,
 * _pgo/instrumented/_pgo/raw/reuse.result) and whether the merge kept the last profile's
 * summary (merge --summary-tolerance, <profile>.tolerance). */
static void print_earlier_counts(const struct summary *s)
{
    char *path = xasprintf("%s/_pgo/instrumented/_pgo/raw/reuse.result", s->build_dir);
    char *tolerance = xasprintf("%s.tolerance", s->profile);
    unsigned long tests = 0, run = 0, kept = 0, changed = 0;
    double moved = 0, limit = 0;
    int kept_summary = 0;
    struct buf line, b;

    buf_init(&line);
    buf_init(&b);
    if (access(path, F_OK) == 0 && read_file(path, &b) == 0 && b.data &&
        sscanf(b.data, "tests=%lu run=%lu kept=%lu changed=%lu", &tests, &run, &kept, &changed) ==
            4) {
        const char *why = strstr(b.data, "\nwhy=");

        if (why)
            buf_addf(&line, "all %lu tests ran: %.*s", tests, (int)strcspn(why + 5, "\n"), why + 5);
        else
            buf_addf(&line,
                     "%lu of %lu tests run again; %lu kept the counts of their earlier run "
                     "(they ran no code of the %lu changed object%s)",
                     run, tests, kept, changed, changed == 1 ? "" : "s");
    }
    buf_release(&b);
    buf_init(&b);
    if (access(tolerance, F_OK) == 0 && read_file(tolerance, &b) == 0 && b.data &&
        sscanf(b.data, "kept=%d moved=%lf tolerance=%lf", &kept_summary, &moved, &limit) == 3) {
        if (line.len)
            buf_adds(&line, "; ");
        if (kept_summary)
            buf_addf(&line,
                     "every object reads the earlier training's summary (the new counts moved it "
                     "%.2f%%, within PGO_SUMMARY_TOLERANCE %.2f%%)",
                     moved * 100, limit * 100);
        else if (moved == TOLERANCE_OTHER_RUNS)
            buf_addf(&line, "the new summary (the training's runs changed, so the earlier one "
                            "does not compare)");
        else if (moved == TOLERANCE_OTHER_CUTOFFS)
            buf_addf(&line, "the new summary (the earlier one has other cutoffs and does not "
                            "compare)");
        else if (moved < 0)
            buf_addf(&line, "the new summary (no earlier profile to compare it with)");
        else
            buf_addf(&line,
                     "the new summary (it moved %.2f%%, beyond PGO_SUMMARY_TOLERANCE %.2f%%)",
                     moved * 100, limit * 100);
    }
    if (line.len)
        printf("  earlier counts %s\n", line.data);
    buf_release(&b);
    buf_release(&line);
    free(tolerance);
    free(path);
}

/* What the last merge's stamps (pgo-helper stamps, <build>/_pgo/stamps/result) kept: how
 * many objects compiled again with new profile data and how many kept theirs. */
static void print_reuse(const struct summary *s)
{
    char *path = xasprintf("%s/_pgo/stamps/result", s->build_dir);
    unsigned long objects = 0, recompiled = 0, kept = 0;
    struct buf b;

    buf_init(&b);
    if (read_file(path, &b) == 0 && b.data &&
        sscanf(b.data, "objects=%lu recompiled=%lu kept=%lu", &objects, &recompiled, &kept) == 3 &&
        objects > 0)
        printf("  last merge     %lu of %lu objects recompiled with the new profile; %lu kept "
               "(their profile data unchanged)\n",
               recompiled, objects, kept);
    buf_release(&b);
    free(path);

    print_earlier_counts(s);
}

/* The --linked list: where the profile placed the linked files' functions. */
static int read_linked(struct summary *s)
{
    long files = linked_list_scan(s->linked, &s->linked_placed, NULL, linked_unread, s);

    if (files < 0)
        return -1;
    s->linked_files = (unsigned long)files;
    return 0;
}

static void print_compiler(const struct summary *s)
{
    char *cache = s->build_dir ? xasprintf("%s/" COMPILER_VERSION_CACHE, s->build_dir) : NULL;
    char *line = compiler_version_line_cached(s->compiler_path, cache);

    if (line)
        printf("  compiler       %s (%s)\n", line, s->compiler_path);
    else
        printf("  compiler       %s (its --version failed)\n", s->compiler_path);
    free(line);
    free(cache);
}

/* -v: each training test's first label but the toolkit's, for the groups of the generalizes
 * line. */
static void take_labels(const struct summary *s, struct test_profiles *p)
{
    char *dir = xasprintf("%s/_pgo/instrumented", s->build_dir);
    struct strvec names, labels;

    strvec_init(&names);
    strvec_init(&labels);
    if (ctest_labels(s->ctest, dir, NULL, &names, &labels) == 0) {
        for (size_t i = 0; i < p->ntests; i++)
            for (size_t k = 0; k < names.n && !p->tests[i].label; k++)
                if (strcmp(names.v[k], p->tests[i].name) == 0)
                    p->tests[i].label = xstrdup(labels.v[k]);
    }
    strvec_release(&labels);
    strvec_release(&names);
    free(dir);
}

/* -v: the room the tests' own profiles take, and those the merge did not keep. */
static void print_kept(const struct summary *s)
{
    char *raw = xasprintf("%s/_pgo/instrumented/_pgo/raw", s->build_dir);
    struct kept_tests k;
    uint64_t merged = kept_tests_size_of(s->profile);

    kept_tests_read(raw, &k);
    printf("  test profiles  %lu of %lu training tests' own profiles kept, %.1f MB (%.1f times "
           "the merged profile)",
           k.kept, k.kept + k.dropped, (double)k.bytes / 1e6,
           merged > 0 ? (double)k.bytes / (double)merged : 0);
    if (k.not_kept) {
        printf("; not kept, over PGO_TEST_PROFILES_LIMIT: ");
        for (const char *p = k.not_kept; *p; p++) {
            if (*p == '\n')
                fputs(p[1] ? ", " : "", stdout);
            else
                putchar((unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
        }
    }
    putchar('\n');
    free(k.not_kept);
    free(raw);
}

/* Without -v: the generalizes line alone, for a training of at most this many tests (with
 * Clang, reading each test's profile back costs an llvm-profdata run). */
#define GENERALIZES_MAX_TESTS 32

static void print_generalizes(const struct summary *s)
{
    char *raw = xasprintf("%s/_pgo/instrumented/_pgo/raw", s->build_dir);
    struct kept_tests k;

    kept_tests_read(raw, &k);
    if (k.kept > GENERALIZES_MAX_TESTS) {
        printf("  generalizes    not measured: %lu training tests, more than %d (summary -v, "
               "PGO_VERBOSE=ON, reads them all)\n",
               k.kept, GENERALIZES_MAX_TESTS);
    } else if (k.kept >= 2) {
        struct test_profiles p;

        fflush(stdout); /* before a warning on stderr */
        test_profiles_load(s->build_dir, "raw", s->clang, s->tool, &p);
        if (p.ntests > 0 && s->ctest)
            take_labels(s, &p);
        if (p.ntests > 0)
            test_profiles_print_folds(&p, s->folds, s->gen_threshold, stdout);
        test_profiles_release(&p);
    }
    free(k.not_kept);
    free(raw);
}

/* -v: what each training test added, read back from the instrumented tree's test folders. */
static void print_test_profiles(const struct summary *s)
{
    struct test_profiles p, load;

    fflush(stdout); /* before a warning on stderr */
    memset(&load, 0, sizeof(load));
    test_profiles_load(s->build_dir, "raw", s->clang, s->tool, &p);
    if (p.ntests > 0 && s->workload)
        test_profiles_load(s->build_dir, "workload-raw", s->clang, s->tool, &load);
    if (p.ntests > 0 && s->ctest)
        take_labels(s, &p);
    test_profiles_weigh(&p, s->weights);
    if (p.ntests > 0) {
        print_kept(s);
        double *benchmark = NULL;

        if (load.ntests > 0) {
            benchmark = xcalloc(p.ntests, sizeof(*benchmark));
            training_load_overlaps(&p, &load, benchmark);
        }
        test_profiles_print(&p, benchmark, s->folds, s->gen_threshold, stdout);
        free(benchmark);
        training_choice_print(&p, &load, s->choice_goal / 100.0, stdout);
    }
    test_profiles_release(&load);
    test_profiles_release(&p);
}

static void print_summary(const struct summary *s)
{
    unsigned long functions = s->placed.hot + s->placed.cold + s->placed.other;

    printf("pgo-helper: summary\n");
    if (s->compiler_path)
        print_compiler(s);
    printf("  profile        %s\n", s->profile);
    printf("  profile data   %lu functions, %lu ran during training", s->stats.functions,
           s->stats.ran);
    if (s->stats.cs)
        printf(", %lu context-sensitive records", s->stats.cs);
    printf("\n");
    printf("  objects        %lu compiled with the profile", s->logs);
    if (!s->clang)
        printf(", %lu found their .gcda", s->found_gcda);
    if (s->lto && s->clang)
        printf(", %lu LTO bitcode (%lu with the profile's summary)", s->lto, s->lto_profiled);
    else if (s->lto)
        printf(", %lu LTO (GIMPLE)", s->lto);
    if (s->unknown)
        printf(", %lu not ELF64", s->unknown);
    if (s->missing)
        printf(", %lu missing", s->missing);
    printf("\n");
    print_reuse(s);
    /* With LTO objects (beside, say, assembly ones) the link decides the placement. */
    if (s->lto > 0 && s->linked_files > 0) {
        /* Placement is decided at link time with LTO: the link maps show it. */
        const struct placement *l = &s->linked_placed;

        printf("  placement      %lu of %lu functions of %lu linked %s placed by the profile: "
               "%lu hot, %lu cold",
               l->hot + l->cold, l->hot + l->cold + l->other, s->linked_files,
               s->linked_files == 1 ? "file" : "files", l->hot, l->cold);
        if (l->cold_parts)
            printf(" (and %lu split cold parts)", l->cold_parts);
        printf(" (LTO: read from the link maps)\n");
        if (l->hot + l->cold + l->cold_parts == 0)
            printf("                 no function of the linked files sits in a hot or cold "
                   "section: the link inlined or dropped those the profile placed\n");
    } else if (s->lto > 0) {
        /* Placement is decided at link time with LTO: the objects cannot show it. */
        printf("  placement      not readable: the objects are LTO bitcode or GIMPLE, and no "
               "linked file with its map was found\n");
    } else {
        printf("  placement      %lu of %lu functions placed by the profile: %lu hot, %lu cold",
               s->placed.hot + s->placed.cold, functions, s->placed.hot, s->placed.cold);
        if (s->placed.cold_parts)
            printf(" (and %lu split cold parts)", s->placed.cold_parts);
        printf("\n");
    }
    /* As the compiler said them: the report that follows tells an old profile from a
     * function that other programs of the build compile differently. */
    printf("  warnings       %lu %s, %lu without profile data (the compiler's)\n",
           s->warnings.out_of_date, s->clang ? "hash mismatch" : "coverage mismatch",
           s->warnings.no_data);
    if (s->verbose)
        print_test_profiles(s);
    else
        print_generalizes(s);
    if (s->verbose && s->details.len > 0) {
        printf("objects:\n");
        fputs(s->details.data, stdout);
    }
    fflush(stdout);
}

/* The training against the workload (--workload): the "representative" line, and a warning
 * below --representative-threshold. A failure to compare is a warning: the build is sound. */
static void representative(const struct summary *s)
{
    struct report r;

    if (!s->workload)
        return;
    report_init(&r);
    r.clang = s->clang;
    r.profile = s->profile;
    r.log_dir = s->log_dir;
    r.build_dir = s->build_dir;
    r.tool = s->tool;
    r.nm = s->nm;
    r.demangler = s->demangler;
    r.notes_from = s->notes_from;
    r.gcov_dump = s->gcov_dump;
    r.linked = s->linked;
    r.workload = s->workload;
    r.workload_command = s->workload_command;
    r.verbose = s->verbose;
    if (report_read(&r) == 0 && report_representative(&r) == 0) {
        report_demangle(&r);
        report_print_representative(&r);
        fflush(stdout);
        report_warn_representative(&r, s->rep_threshold);
    } else {
        warn("the training and the workload could not be compared (above)");
    }
    report_release(&r);
}

/* Prints every failed check; returns 1 if any failed. */
static int check(const struct summary *s)
{
    int failed = 0;

    if (s->logs == 0) {
        error("no compile logs in %s: build the optimized tree with 'pgo-helper launch --log-dir "
              "%s --' as the compiler launcher",
              s->log_dir, s->log_dir);
        failed = 1;
    }
    if (s->stats.ran == 0) {
        error("the profile holds no executed function: the training ran none of this project's "
              "code");
        failed = 1;
    } else if (s->stats.ran < s->min_functions) {
        error("the profile holds %lu executed functions, fewer than --min-functions %lu: the "
              "training runs too little of this project's code",
              s->stats.ran, s->min_functions);
        failed = 1;
    }
    if (!s->clang && s->logs > 0 && s->found_gcda == 0) {
        error("no object found its profile data in %s: the .gcda names do not match the object "
              "files (both trees must be compiled with -fprofile-prefix-path=<their build dir>)",
              s->profile);
        failed = 1;
    }
    /* With LTO the link may inline every function the profile placed: the objects' own
     * evidence decides then (Clang: the profile summary in the bitcode; GCC: the .gcda found,
     * checked above). */
    if (s->lto > 0 && s->linked_files > 0 && s->clang && s->lto_profiled == 0 &&
        s->linked_placed.hot + s->linked_placed.cold + s->linked_placed.cold_parts == 0) {
        error("no LTO object carries the profile's summary and no function of the linked files "
              "was placed by it: the compiler did not use the profile");
        failed = 1;
    }
    /* GCC: a program of one function (main, which goes to .text.startup) shows the profile
     * only by the part it split off cold. */
    if (s->elf > 0 && s->lto == 0 && s->placed.hot + s->placed.cold == 0 &&
        (s->clang || s->placed.cold_parts == 0)) {
        error("no function was placed by the profile: the compiler did not use it");
        failed = 1;
    }
    return failed;
}

int summary_run(const struct summary_options *o)
{
    struct summary s;
    int rc = 1;

    memset(&s, 0, sizeof(s));
    s.clang = o->p.clang;
    s.profile = o->p.profile;
    s.log_dir = o->p.log_dir;
    s.build_dir = o->p.build_dir;
    s.tool = o->p.tool;
    s.compiler_path = o->p.compiler_path;
    s.linked = o->p.linked;
    s.workload = o->p.workload;
    s.workload_command = o->p.workload_command;
    s.nm = o->p.nm;
    s.demangler = o->p.demangler;
    s.notes_from = o->p.notes_from;
    s.gcov_dump = o->p.gcov_dump;
    s.rep_threshold = o->rep_threshold;
    s.folds = o->folds;
    s.gen_threshold = o->gen_threshold;
    s.choice_goal = o->choice_goal;
    s.ctest = o->ctest;
    s.weights = &o->weights;
    s.min_functions = o->min_functions;
    s.verbose = o->verbose;

    buf_init(&s.details);
    if ((s.clang ? profile_stats_clang(&s) : profile_stats_gcc(&s)) < 0 || read_logs(&s) < 0 ||
        (s.lto > 0 && read_linked(&s) < 0))
        goto done;
    print_summary(&s);
    representative(&s);
    rc = check(&s);
done:
    buf_release(&s.details);
    return rc;
}

/* Parses argv into o. Returns -1 when the summary goes on, else the exit status (-h,
 * --version, bad usage). */
static int parse_options(struct summary_options *o, int argc, char **argv)
{
    struct cli c;
    int id, finished;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_REP_THRESHOLD:
            if (cli_percent("--representative-threshold", c.arg, &o->rep_threshold) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_MIN_FUNCTIONS:
            if (cli_number("--min-functions", c.arg, 0, 100000000, &o->min_functions) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_FOLDS:
            if (cli_number("--folds", c.arg, 2, 1000, &o->folds) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_GEN_THRESHOLD:
            if (cli_percent("--generalize-threshold", c.arg, &o->gen_threshold) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case OPT_CTEST:
            o->ctest = c.arg;
            break;
        case OPT_WEIGHT:
            if (merge_check_weight(c.arg) < 0)
                return cli_usage_error(usage, NULL);
            strvec_push(&o->weights, c.arg);
            break;
        case OPT_CHOICE_GOAL:
            if (cli_percent("--choice-goal", c.arg, &o->choice_goal) < 0)
                return cli_usage_error(usage, NULL);
            break;
        case 'v':
            o->verbose = 1;
            break;
        default:
            profile_option(&o->p, id, c.arg);
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    if (profile_options_check(&o->p) < 0)
        return cli_usage_error(usage, NULL);
    return -1;
}

int cmd_summary(int argc, char **argv)
{
    struct summary_options o = {
        .min_functions = 1, .folds = 5, .gen_threshold = 80, .choice_goal = 99};
    int rc;

    strvec_init(&o.weights);
    rc = parse_options(&o, argc, argv);
    if (rc < 0)
        rc = summary_run(&o);
    strvec_release(&o.weights);
    return rc;
}
