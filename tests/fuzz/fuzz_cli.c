/* SPDX-License-Identifier: MIT */
/* Fuzzes the command-line parsing shared by the subcommands (cli_next, cli_number) and the
 * path functions their values go through (absolute_path, dir_name, base_name,
 * gcda_name_for_object, format_command). The input is argv: arguments separated by NUL bytes.
 * The option table is the union of the subcommands' tables. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "fs.h"
#include "fuzz.h"
#include "profile_formats.h"
#include "subprocess.h"
#include "util.h"

enum { MAX_ARGS = 64 };

static const struct cli_option options[] = {
    {"build-dir", 0, 1, 'B'},      {"raw-dir", 0, 1, 'R'},   {"compiler", 0, 1, 'C'},
    {"gcov-strip", 0, 1, 'S'},     {"jobs", 0, 1, 'j'},      {"timeout", 0, 1, 'T'},
    {"allow-failures", 0, 0, 'a'}, {"ctest", 0, 1, 'c'},     {"tests-regex", 0, 1, 'r'},
    {"output", 0, 1, 'o'},         {"tool", 0, 1, 't'},      {"stamp", 0, 1, 's'},
    {"log-dir", 0, 1, 'l'},        {"profile", 0, 1, 'p'},   {"compiler-path", 0, 1, 'P'},
    {"min-functions", 0, 1, 'm'},  {"verbose", 'v', 0, 'v'}, {"help", 'h', 0, 'h'},
    {"version", 0, 0, 'V'},        {NULL, 0, 0, 0},
};

/* What the subcommands do with a path value. */
static void use_path(const char *value)
{
    char *abs = absolute_path(value);
    char *dir = dir_name(value);
    const char *base = base_name(value);

    FUZZ_ASSERT(abs != NULL && abs[0] == '/');
    FUZZ_ASSERT(strstr(abs, "//") == NULL);
    FUZZ_ASSERT(base >= value && base <= value + strlen(value));
    FUZZ_ASSERT(dir[0] != '\0');
    {
        char *name = gcda_name_for_object("/build", abs);

        if (name) {
            FUZZ_ASSERT(strchr(name, '/') == NULL);
            FUZZ_ASSERT(ends_with(name, ".gcda"));
            free(name);
        }
    }
    free(dir);
    free(abs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    char *argv[MAX_ARGS + 2];
    int argc = 0, id;
    struct cli c;
    struct buf line;

    /* argv[0] is the subcommand name, then the NUL-separated arguments. */
    argv[argc++] = "train";
    for (size_t i = 0; i <= size && argc < MAX_ARGS; i += strlen(text + i) + 1)
        argv[argc++] = text + i;
    argv[argc] = NULL;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        unsigned long n;

        FUZZ_ASSERT(c.index <= argc);
        if (c.arg) {
            FUZZ_ASSERT(c.arg[0] != '\0');
            switch (id) {
            case 'S':
            case 'j':
            case 'T':
            case 'm':
                if (cli_number("--n", c.arg, 1, 4096, &n) == 0)
                    FUZZ_ASSERT(n >= 1 && n <= 4096);
                break;
            default:
                use_path(c.arg);
                break;
            }
        }
    }
    FUZZ_ASSERT(id == CLI_END || id == CLI_ERROR);
    FUZZ_ASSERT(c.index >= 1 && c.index <= argc);
    buf_init(&line);
    format_command(&line, argv);
    FUZZ_ASSERT(line.len >= (size_t)argc - 1);
    buf_release(&line);
    free(text);
    return 0;
}
