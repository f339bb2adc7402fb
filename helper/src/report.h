/* SPDX-License-Identifier: MIT */
/* Shared by the parts of pgo-helper report, in layers, each calling only those below it:
 *   report.c       the subcommand: options, the staleness check, the terminal page
 *   report_html.c  the HTML page, made of the sections
 *   report_representative.c, report_bolt.c   sections, on the terminal and the page (and
 *                  the comparison with the workload that the first shows)
 *   report_names.c C++ names for people (demangling what report_data.c read)
 *   report_format.c  what the pages and sections share for showing it (escaping, shares)
 *   report_data.c  reading the profile, the compile logs, the objects and the BOLT report;
 *                  the report's init and release
 *   report_elf.c, report_lto.c, report_gcc.c, report_gcc_notes.c   what report_data.c reads
 *                  with: the objects' symbols (ELF, LTO), the names of GCC's functions */
#ifndef PGO_HELPER_REPORT_H
#define PGO_HELPER_REPORT_H

#include "demangle.h"
#include "metadata.h"
#include "profile_formats.h"
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
};

/* report_data.c: a report's start, and the release of all it owns (the workload's too). */
void report_init(struct report *r);
void report_release(struct report *r);

/* report_data.c: fills fns, objs and warns. Returns 0, or -1 after printing an error. */
int report_read(struct report *r);
/* report_data.c: per-object and per-file counts and the totals. */
void report_tally(struct report *r);
/* report_data.c: the lines of the BOLT report of r's build tree ("TARGET<TAB>outcome"); -1
 * when BOLT is off. */
int report_bolt_text(const struct report *r, struct buf *text);

/* report_format.c: the source file of a function for display, relative to the source dir
 * when below it. */
const char *report_short_path(const struct report *r, const char *path);
/* Indexes of functions with total > 0, hottest first; returns the count (caller frees). */
size_t report_hottest(const struct report *r, size_t **out);
/* Formats a share 0..1 as "41.2%" / "0.04%" / "<0.01%". */
void report_format_share(char *out, size_t n, double share);
/* The page's one way in for a string that is not a literal of the helper (names, paths,
 * messages, the sidecar's and the benchmark file's text): appends the N bytes of S to B
 * escaped for HTML text and for quoted attribute values alike: &, <, >, " and ' as entities,
 * bytes that are not UTF-8 and control characters as U+FFFD. */
void report_html_escape(struct buf *b, const char *s, size_t n);
/* The same for the string S (NULL: nothing). */
void report_html_text(struct buf *b, const char *s);
/* The bytes of S's longest prefix of at most MAX bytes that ends between two characters (a
 * byte that is not UTF-8 counts as one). */
size_t report_utf8_prefix(const char *s, size_t max);
/* S escaped, cut to at most MAX bytes between two characters, with an ellipsis when cut. */
void report_html_cut(struct buf *b, const char *s, size_t max);

/* report_names.c: demangles, with one run of the demangler, every C++ name the report may
 * show: its functions', the workload's, the warnings' and the BOLT lines'. */
void report_demangle(struct report *r);
/* The name of f for people: demangled, and cut to max bytes (0: whole) by leaving out
 * template arguments. Points into a static buffer, valid until the next call. */
const char *report_fn_name(const struct rfunc *f, size_t max);
/* The same for a name the report holds (a warning's function). */
const char *report_name(const struct report *r, const char *name, size_t max);

/* report_elf.c: the defined function symbols of an ELF64 object (cold parts left out).
 * Returns an enum object_kind; *syms is owned by the caller (report_free_syms). */
int report_elf_symbols(const unsigned char *data, size_t n, struct rsym **syms, size_t *count);
void report_free_syms(struct rsym *syms, size_t count);

/* report_lto.c: the defined function symbols of an LTO object, as NM (-P) lists them, with
 * placement PLACE_UNKNOWN. Returns 0, or -1 (nothing found; a note says why). */
int report_lto_symbols(const char *nm, const char *object, struct rsym **syms, size_t *count);
/* report_lto.c: adds the function symbols listed in the LEN bytes of TEXT, the output of
 * `nm -P` (lines "name type value size"), to *syms and *count (an array of *count entries, or
 * NULL and 0; free with report_free_syms). */
void report_lto_read_nm(const char *text, size_t len, struct rsym **syms, size_t *count);
/* The same for `nm -P -A` run on OBJS[0..n) in this order: each line "<object>: name type
 * value size" adds to the symbols of its object. */
void report_lto_read_nm_batch(const char *text, size_t len, struct robj **objs, size_t n);
/* report_lto.c: the symbols of every LTO object of objs that has none yet, a few hundred
 * objects per nm process. */
void report_lto_symbols_all(const char *nm, struct robj *objs, size_t n);
/* report_lto.c: with LTO, the placement of each function of the report whose placement is
 * unknown, from the linked files and their maps (r->linked). */
void report_lto_placements(struct report *r);

/* report_gcc.c: GCC's checksums of function names, for naming the functions of a .gcda. */
uint32_t gcc_crc32_string(uint32_t chksum, const char *s);
/* The profile id GCC gives a public function (its ident in the .gcda). */
uint32_t gcc_profile_id(const char *assembler_name);
/* GCC's lineno_checksum of a function named name declared at line of file. */
uint32_t gcc_lineno_checksum(unsigned line, const char *file, const char *name);

/* Names the functions of one .gcda from the text of its source file (compiled as `file`) and
 * the symbols of its object. Returns how many got a name. */
size_t gcda_name_functions(struct gcda_function *fns, size_t count, const char *file,
                           const char *source_text, size_t source_len, const struct rsym *syms,
                           size_t nsyms);

/* report_gcc_notes.c: names the unnamed functions of the hottest objects from the notes GCC
 * writes when their instrumented compile runs again with -ftest-coverage (needs notes_from
 * and gcov_dump; kept in <notes_from>/_pgo/gcc-names.txt for the next report). */
void report_gcc_notes(struct report *r);

/* A name GCC's notes gave to a pair of checksums; name NULL: the notes of the function's
 * object did not have it (an extern template's copy), so the object is not compiled again. */
struct gcc_noted {
    uint32_t lineno, cfg;
    char *name; /* owned */
};

/* The names found, with changed set when some were added since the table was kept. */
struct gcc_notes {
    struct gcc_noted *v;
    size_t n, cap;
    int changed;
};

void gcc_notes_release(struct gcc_notes *t);
/* report_gcc_notes.c: the compile of OBJECT (an absolute path) in the LEN bytes of DB, the
 * text of a compile_commands.json: its directory in *dir (owned by the caller) and its command
 * split into words. Returns 0, or -1 if the database has no such compile. */
int gcc_notes_find_compile(const char *db, size_t len, const char *object, char **dir,
                           struct strvec *words);
/* Adds to t the functions named in the LEN bytes of TEXT, the output of gcov-dump -l, that it
 * does not hold yet; returns how many. */
size_t gcc_notes_read_dump(const char *text, size_t len, struct gcc_notes *t);

/* report_representative.c: reads the workload's profile (r->workload) and compares it with
 * the training's, filling r->rep. Returns 0 (r->rep.present says whether they were compared),
 * or -1 after printing an error. */
int report_representative(struct report *r);
/* The overlap of two profiles' counters, each scaled to its total: the sum over matching
 * counters of the smaller share, 0..1 (what llvm-profdata overlap calls edge overlap). */
double profile_overlap(const struct report *base, const struct report *test);
/* Parses the program-level edge overlap of llvm-profdata overlap's output into 0..1.
 * Returns 0, or -1 if it is not there. */
int llvm_overlap_parse(const char *text, double *out);
/* Hot in the workload (at least 0.5% of its counts), cold in training (below a tenth of that
 * share) or never run there. */
int report_is_missed(const struct rmissed *m);
/* Appends "name (12.3% of the workload, 0.4% of the training)", or with MATCHED "name (12.3%
 * of the workload, 1.2% matched by the training)". */
void report_format_missed(struct buf *b, const struct rmissed *m, int matched);
/* How the overlap was measured, for the reader. */
const char *report_overlap_method(const struct report *r);
/* The summary's "representative" line, and the functions the training missed. */
void report_print_representative(const struct report *r);
/* The report's section of the functions the training missed, on the terminal and the page. */
void report_print_missed(const struct report *r);
void report_html_representative(struct buf *b, const struct report *r);
/* Warns when the overlap is below THRESHOLD percent, naming the workload and the functions
 * the training missed. Returns 1 if it warned. */
int report_warn_representative(const struct report *r, double threshold);

/* report_bolt.c: the BOLT section (PGO_BOLT), on the terminal and on the page. */
void report_print_bolt(const struct report *r);
void report_html_bolt(struct buf *b, const struct report *r);

/* report_html.c: writes the page. Returns 0, or -1 after printing an error. */
int report_write_html(const struct report *r, const char *path);

/* report.c: argv[0] is "report". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_report(int argc, char **argv);

#endif
