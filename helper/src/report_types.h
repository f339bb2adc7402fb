/* SPDX-License-Identifier: MIT */
/* The types of pgo-helper report that its files share: struct report and what it holds.
 * Declares no function: each report_*.c declares its own in its own header. */
#ifndef PGO_HELPER_REPORT_TYPES_H
#define PGO_HELPER_REPORT_TYPES_H

#include "demangle.h"
#include "metadata.h"
#include "test_profiles.h"
#include "util.h"

#include <stddef.h>
#include <stdint.h>

/* PLACE_INLINED: with LTO, compiled but in no linked file: inlined or dropped at link time. */
enum { PLACE_OTHER = 0, PLACE_HOT = 1, PLACE_COLD = -1, PLACE_UNKNOWN = 2, PLACE_INLINED = 3 };

/* A function of the profile, or one the compiler found no profile data for. */
struct rfunc {
    char *name;        /* owned; GCC functions not named are "#<ident in hex>" */
    const char *shown; /* the name for people (demangled), borrowed from report.names */
    char *file;        /* owned; the source file as compiled, NULL if unknown */
    uint64_t total;    /* the sum of its counters: a rough measure of the work done in it */
    uint64_t max;      /* its largest counter */
    uint64_t *counts;  /* owned; its counters (Clang) or arc counters (GCC), for overlaps */
    size_t ncounts;
    int in_profile;  /* 0: the compiler warned that the profile has no data for it */
    int ran;         /* a counter is not zero */
    int out_of_date; /* the compiler discarded its data (hash or coverage mismatch) */
    int placement;   /* PLACE_*, from the optimized object's symbol table */
    int unnamed;     /* GCC: the name could not be recovered */
    uint32_t gcc_ident, gcc_lineno, gcc_cfg; /* GCC: the numbers of its .gcda record */
    long obj; /* index into report.objs of the object compiling it, -1 if unknown */
};

/* A function symbol defined in an object. */
struct rsym {
    char *name; /* owned */
    int global; /* not STB_LOCAL */
    int placement;
};

enum rwarn_kind { RW_OUT_OF_DATE, RW_NO_DATA, RW_OTHER };

/* A profile warning of the compiler. */
struct rwarn {
    enum rwarn_kind kind;
    char *file;       /* owned; where the compiler says it is, else the object's source */
    char *function;   /* owned; NULL if the warning names none */
    char *text;       /* owned; the diagnostic line without colours */
    char *shown_text; /* owned; text with its C++ names demangled, or NULL: the same */
    size_t obj;
    int variant; /* a hash mismatch taken as no data: another object matched the name */
};

/* An object compiled with the profile, from a compile log of pgo-helper launch. */
struct robj {
    char *object;      /* owned, absolute */
    char *source;      /* owned, as on the compile line; NULL for logs of older helpers */
    char *target;      /* owned; the CMake target, from ".../CMakeFiles/<target>.dir/..." */
    int kind;          /* enum object_kind of elf_scan.h, or -1 if the object is missing */
    int profile_found; /* GCC: its .gcda exists */
    struct rsym *syms;
    size_t nsyms;
    unsigned long compiled, out_of_date, no_data; /* functions, filled by report_tally() */
};

/* Functions, counts and warnings of one source file. */
struct rfile {
    const char *path; /* borrowed from a struct rfunc or struct robj */
    unsigned long functions, ran, out_of_date, no_data, other_warnings;
    uint64_t total;
};

/* A function whose share of the workload's counts the training's does not all match. */
struct rmissed {
    const struct rfunc *f; /* of the workload's profile */
    double work_share;     /* of the workload's total count, 0..1 */
    double train_share;    /* of the training's, 0..1 */
    double matched;        /* of work_share, what the training's counters match (its overlap) */
    int never;             /* the training never ran it */
};

/* The training against the workload (--workload), filled by report_representative(). */
struct rrep {
    int present;        /* compared: the workload's profile holds counts */
    double overlap;     /* 0..1, the figure shown */
    double own_overlap; /* 0..1, computed from the counters here */
    int by_tool;        /* overlap is llvm-profdata overlap's */
    uint64_t train_sum, work_sum;
    struct rmissed *under; /* owned, the largest unmatched share first */
    size_t nunder;
    size_t nmissed;      /* of under, those report_is_missed() */
    struct report *work; /* owned, the workload's profile read as the training's */
};

/* Before/after timing written by pgo-helper bench. */
struct rbench {
    int present;
    struct kv kv;
};

struct report {
    /* Options. */
    int clang;
    const char *profile, *log_dir, *build_dir, *tool, *compiler_path, *source_dir;
    const char *html, *meta_path, *bench_path;
    const char *nm;               /* lists the symbols of LTO objects (llvm-nm, gcc-nm), or NULL */
    const char *demangler;        /* c++filt or llvm-cxxfilt as given, or NULL: found on PATH */
    const char *notes_from;       /* GCC: the instrumented tree, for report_gcc_notes, or NULL */
    const char *gcov_dump;        /* GCC: gcov-dump of the compiler's version, or NULL */
    const char *linked;           /* "<linked file>\t<map>" lines, or NULL */
    const char *workload;         /* a profile of the benchmark command, or NULL */
    const char *workload_command; /* its command line, for messages */
    unsigned long top;
    int verbose, brief, have_threshold;
    double threshold;

    struct rfunc *fns;
    size_t nfns, capfns;
    struct robj *objs;
    size_t nobjs, capobjs;
    struct rwarn *warns;
    size_t nwarns, capwarns;
    struct rfile *files;
    size_t nfiles;

    /* Totals, filled by report_tally(). */
    unsigned long functions, ran, compiled, out_of_date, no_data, not_in_build;
    unsigned long hot, cold, other, inlined;
    uint64_t total, total_matched, total_out_of_date;
    unsigned long cs_records; /* context-sensitive records (CSPGO), kept out of fns */
    unsigned long variants;   /* warnings with variant set */
    int lto;                  /* some objects are LTO: placements and attribution are incomplete */
    int linked_read;          /* with LTO, placements were read from the link maps */
    int gcc_unnamed;

    char *compiler_version; /* owned; the first line of `compiler --version`, or NULL */
    struct demangled names; /* the C++ names shown, demangled by report_demangle() */
    struct kv meta;
    int meta_present;
    struct rbench bench;
    struct rrep rep;
    /* What each training test added (the full report, or -v), or ntests 0. */
    struct test_profiles tests;
};

#endif
