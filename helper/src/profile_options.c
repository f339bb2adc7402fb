/* SPDX-License-Identifier: MIT */
/* The options summary and report share (profile_options.h). */
#define _POSIX_C_SOURCE 200809L
#include "profile_options.h"

#include "compiler.h"
#include "util.h"

int profile_option(struct profile_options *o, int id, const char *arg)
{
    switch (id) {
    case PROFILE_OPT_COMPILER:
        o->compiler = arg;
        return 1;
    case PROFILE_OPT_PROFILE:
        o->profile = arg;
        return 1;
    case PROFILE_OPT_LOG_DIR:
        o->log_dir = arg;
        return 1;
    case PROFILE_OPT_BUILD_DIR:
        o->build_dir = arg;
        return 1;
    case PROFILE_OPT_TOOL:
        o->tool = arg;
        return 1;
    case PROFILE_OPT_COMPILER_PATH:
        o->compiler_path = arg;
        return 1;
    case PROFILE_OPT_NM:
        o->nm = arg;
        return 1;
    case PROFILE_OPT_LINKED:
        o->linked = arg;
        return 1;
    case PROFILE_OPT_WORKLOAD:
        o->workload = arg;
        return 1;
    case PROFILE_OPT_WORKLOAD_COMMAND:
        o->workload_command = arg;
        return 1;
    case PROFILE_OPT_DEMANGLER:
        o->demangler = arg;
        return 1;
    case PROFILE_OPT_NOTES_FROM:
        o->notes_from = arg;
        return 1;
    case PROFILE_OPT_GCOV_DUMP:
        o->gcov_dump = arg;
        return 1;
    }
    return 0;
}

int profile_options_check(struct profile_options *o)
{
    enum compiler kind;

    if (!o->compiler || !o->profile || !o->log_dir || !o->build_dir) {
        error("missing %s", !o->compiler  ? "--compiler"
                            : !o->profile ? "--profile"
                            : !o->log_dir ? "--log-dir"
                                          : "--build-dir");
        return -1;
    }
    if (compiler_parse(o->compiler, 0, &kind) < 0)
        return -1;
    o->clang = kind == COMPILER_CLANG;
    if (o->clang && !o->tool) {
        error("--compiler clang needs --tool (llvm-profdata)");
        return -1;
    }
    return 0;
}
