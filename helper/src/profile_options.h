/* SPDX-License-Identifier: MIT */
/* The options that name a merged profile, the optimized build that used it and the tools that
 * read them: pgo-helper summary and report take the same, with the same meaning; metadata
 * takes the profile's and the compiler's. */
#ifndef PGO_HELPER_PROFILE_OPTIONS_H
#define PGO_HELPER_PROFILE_OPTIONS_H

/* Their ids in a subcommand's option table, above any subcommand's own and the training's. */
enum {
    PROFILE_OPT_COMPILER = 768,
    PROFILE_OPT_PROFILE,
    PROFILE_OPT_LOG_DIR,
    PROFILE_OPT_BUILD_DIR,
    PROFILE_OPT_TOOL,
    PROFILE_OPT_COMPILER_PATH,
    PROFILE_OPT_NM,
    PROFILE_OPT_LINKED,
    PROFILE_OPT_WORKLOAD,
    PROFILE_OPT_WORKLOAD_COMMAND,
    PROFILE_OPT_DEMANGLER,
    PROFILE_OPT_NOTES_FROM,
    PROFILE_OPT_GCOV_DUMP
};

/* Their rows of a subcommand's option table (struct cli_option): the profile and the
 * compiler, which pgo-helper metadata takes too, then the rest. */
#define PROFILE_OPTION_ROWS_PROFILE                                                                \
    {"compiler", 0, 1, PROFILE_OPT_COMPILER}, {"profile", 0, 1, PROFILE_OPT_PROFILE},              \
    {                                                                                              \
        "compiler-path", 0, 1, PROFILE_OPT_COMPILER_PATH                                           \
    }
#define PROFILE_OPTION_ROWS                                                                        \
    PROFILE_OPTION_ROWS_PROFILE, {"log-dir", 0, 1, PROFILE_OPT_LOG_DIR},                           \
        {"build-dir", 0, 1, PROFILE_OPT_BUILD_DIR}, {"tool", 0, 1, PROFILE_OPT_TOOL},              \
        {"nm", 0, 1, PROFILE_OPT_NM}, {"linked", 0, 1, PROFILE_OPT_LINKED},                        \
        {"workload", 0, 1, PROFILE_OPT_WORKLOAD},                                                  \
        {"workload-command", 0, 1, PROFILE_OPT_WORKLOAD_COMMAND},                                  \
        {"demangler", 0, 1, PROFILE_OPT_DEMANGLER}, {"notes-from", 0, 1, PROFILE_OPT_NOTES_FROM},  \
    {                                                                                              \
        "gcov-dump", 0, 1, PROFILE_OPT_GCOV_DUMP                                                   \
    }

/* Their values, borrowed from argv; NULL when not given. */
struct profile_options {
    const char *compiler; /* as given; profile_options_check sets clang from it */
    int clang;
    const char *profile;          /* the merged profile (clang: .profdata file, gcc: directory) */
    const char *log_dir;          /* the compile logs written by pgo-helper launch */
    const char *build_dir;        /* the optimized build tree */
    const char *tool;             /* clang: the llvm-profdata that reads the profile */
    const char *compiler_path;    /* the compiler, to name its version */
    const char *nm;               /* lists the symbols of LTO objects */
    const char *linked;           /* "<linked file>\t<linker map>" lines */
    const char *workload;         /* a profile of the benchmark command */
    const char *workload_command; /* its command line, for messages */
    const char *demangler;        /* c++filt or llvm-cxxfilt; NULL: found on PATH */
    const char *notes_from;       /* gcc: the instrumented tree */
    const char *gcov_dump;        /* gcc: the gcov-dump that reads its notes */
};

/* Takes the option ID with its argument ARG if it is one of these. Returns 1 if it was, 0 if
 * not. */
int profile_option(struct profile_options *o, int id, const char *arg);

/* After the option loop: --compiler, --profile, --log-dir and --build-dir given, --compiler
 * valid (sets clang), --tool given for clang. Returns 0, or -1 after printing what is wrong
 * (the caller prints the usage). */
int profile_options_check(struct profile_options *o);

#endif
