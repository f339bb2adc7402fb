/* SPDX-License-Identifier: MIT */
/* pgo-helper launch: a compiler launcher for the optimized tree. Runs the compiler with its
 * stderr piped, keeps the full stderr in DIR/<hash of the object path>.log for the summary,
 * and echoes it without the expected noise about functions that have no profile data. */
#define _POSIX_C_SOURCE 200809L
#include "launch.h"

#include "cli.h"
#include "diagnostics.h"
#include "fs.h"
#include "subprocess.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static const char usage[] =
    "usage: pgo-helper launch --log-dir DIR [-v|--verbose] -- COMPILER ARGS...\n"
    "\n"
    "Runs COMPILER ARGS... (a compiler launcher: CMAKE_<LANG>_COMPILER_LAUNCHER), writes\n"
    "its stderr to DIR/<hash>.log for pgo-helper summary and echoes it, leaving out\n"
    "warnings about functions without profile data unless --verbose is given.\n"
    "COMPILER may be another launcher; icecc runs with ICECC=no (compiling here), since\n"
    "the hosts it sends compiles to do not have the profile.\n"
    "\n"
    "  --log-dir DIR   where compile logs go\n"
    "  -v, --verbose   echo the compiler's stderr unfiltered\n"
    "  -h, --help      show this help\n"
    "      --version   show the version\n";

enum { OPT_LOG_DIR = 256 };

static const struct cli_option options[] = {
    {"log-dir", 0, 1, OPT_LOG_DIR},
    {"verbose", 'v', 0, 'v'},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

/* The object a compile writes: the last "-o OBJ" or "-oOBJ" of a command that has "-c".
 * NULL for anything else (preprocessing, a version query, a link). */
static const char *find_object(char *const *args)
{
    const char *object = NULL;
    int compile = 0;

    for (size_t i = 0; args[i]; i++) {
        if (strcmp(args[i], "-c") == 0)
            compile = 1;
        else if (strcmp(args[i], "-o") == 0 && args[i + 1])
            object = args[++i];
        else if (strncmp(args[i], "-o", 2) == 0 && args[i][2] != '\0')
            object = args[i] + 2;
    }
    return compile ? object : NULL;
}

/* The source a compile reads: the argument after "-c" when it is not an option (CMake's
 * compile lines end in "-c <source>"), else NULL. The report groups functions by it. */
static const char *find_source(char *const *args)
{
    for (size_t i = 0; args[i]; i++)
        if (strcmp(args[i], "-c") == 0 && args[i + 1] && args[i + 1][0] != '-')
            return args[i + 1];
    return NULL;
}

static int write_log(const char *log_dir, const char *object, const char *source,
                     const struct buf *err)
{
    char *abs = absolute_path(object);
    char *path;
    struct buf text;
    int rc;

    if (!abs) {
        error("getcwd:");
        return -1;
    }
    if (mkdir_p(log_dir) < 0) {
        free(abs);
        return -1;
    }
    path = xasprintf("%s/%016" PRIx64 ".log", log_dir, fnv1a64(FNV1A64_INIT, abs, strlen(abs)));
    buf_init(&text);
    buf_addf(&text, "object %s\n", abs);
    if (source && !strchr(source, '\n'))
        buf_addf(&text, "source %s\n", source);
    buf_add(&text, err->data, err->len);
    rc = write_file_replace(path, text.data, text.len);
    buf_release(&text);
    free(path);
    free(abs);
    return rc;
}

int launch_run(const struct launch_options *o)
{
    char *const *command = o->command;
    const char *object = find_object(command);
    struct buf err, shown;
    int status, rc;
    char how[128];

    /* icecream sends a compile with -fprofile-use=<path> to a host that has not the profile:
     * Clang's compile then fails there, GCC's runs again here. Every compile of this tree
     * reads the profile, so none goes out (ICECC=no: icecc runs the compiler itself). */
    if (strcmp(base_name(command[0]), "icecc") == 0)
        setenv("ICECC", "no", 1);

    if (!object) {
        /* Not a compile to an object: pass everything through, keep no log. */
        struct spawn_options so = {command, NULL, -1, -1, 0, NULL, NULL};
        pid_t pid;

        if (spawn_start(&so, &pid) < 0 || spawn_wait(pid, &status) < 0)
            return 1;
    } else {
        buf_init(&err);
        buf_init(&shown);
        if (run_capture(command, NULL, NULL, &err, &status) < 0) {
            buf_release(&err);
            buf_release(&shown);
            return 1;
        }
        if (o->verbose)
            fwrite(err.data, 1, err.len, stderr);
        else {
            filter_profile_noise(err.data, err.len, &shown);
            fwrite(shown.data, 1, shown.len, stderr);
        }
        fflush(stderr);
        rc = write_log(o->log_dir, object, find_source(command), &err);
        buf_release(&err);
        buf_release(&shown);
        if (rc < 0)
            return 1;
    }
    if (WIFSIGNALED(status)) {
        describe_status(status, how, sizeof(how));
        error("'%s' %s", command[0], how);
    }
    return status_exit_code(status);
}

int cmd_launch(int argc, char **argv)
{
    struct launch_options o = {NULL, 0, NULL};
    struct cli c;
    int id, finished;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_LOG_DIR:
            o.log_dir = c.arg;
            break;
        case 'v':
            o.verbose = 1;
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 1)) >= 0)
        return finished;
    if (!o.log_dir)
        return cli_usage_error(usage, "missing --log-dir");
    if (c.index >= argc)
        return cli_usage_error(usage, "missing the compiler command after '--'");
    o.command = argv + c.index;
    return launch_run(&o);
}
