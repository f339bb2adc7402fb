/* SPDX-License-Identifier: MIT */
/* pgo-helper: the command line and the table of subcommands. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "bolt.h"
#include "launch.h"
#include "merge.h"
#include "metadata.h"
#include "report.h"
#include "stamps.h"
#include "summary.h"
#include "train.h"
#include "unpack.h"
#include "util.h"
#include "version.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"train", cmd_train, "run the training tests of an instrumented build tree"},
    {"merge", cmd_merge, "merge raw profiles into the profile the compiler reads"},
    {"launch", cmd_launch, "run a compiler, keeping a log of its profile warnings"},
    {"summary", cmd_summary, "show whether the optimized build used the profile"},
    {"report", cmd_report, "report what the profile did (terminal and HTML)"},
    {"metadata", cmd_metadata, "write the sidecar (.meta) of a merged profile"},
    {"bench", cmd_bench, "time a command on the plain and the optimized build in turn"},
    {"bolt", cmd_bolt, "optimize the linked files with llvm-bolt, trained by the tests"},
    {"stamps", cmd_stamps, "after a merge, mark the sources whose profile data changed"},
    {"unpack", cmd_unpack, "unpack a profile archive into the build tree, checked first"},
};

static void usage(FILE *f)
{
    fputs("usage: pgo-helper <command> [options]\n"
          "       pgo-helper --help | --version\n"
          "\n"
          "The helper program of the CMake PGO module.\n"
          "\n"
          "commands:\n",
          f);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\nRun 'pgo-helper <command> --help' for the options of a command.\n", f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("pgo-helper %s\n", PGO_HELPER_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            set_subcommand(commands[i].name);
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    if (argv[1][0] == '-')
        error("unknown option '%s'", argv[1]);
    else
        error("unknown command '%s'", argv[1]);
    usage(stderr);
    return 2;
}
