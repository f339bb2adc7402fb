/* pgo-helper merge: options, and merging clang's raw profiles with llvm-profdata. The merged
 * file is replaced only when its bytes change, since the optimized build depends on its
 * modification time. */
#define _POSIX_C_SOURCE 200809L
#include "merge.h"
#include "merge_many.h"

#include "cli.h"
#include "commands.h"
#include "fs.h"
#include "profile_formats.h"
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: pgo-helper merge --compiler clang|gcc --raw-dir RAW --output OUT --tool TOOL\n"
    "                        [--base PROFDATA] [--weight N:TEST]... [--stamp FILE] [-v]\n"
    "       pgo-helper merge --compiler clang|gcc --input PATH... --output OUT --tool TOOL\n"
    "                        [--weight N:PATH|N:TEST]... [--skip-corrupt] [--stamp FILE]\n"
    "\n"
    "Merges the raw profiles below RAW into the profile the compiler reads.\n"
    "\n"
    "  --compiler KIND   clang: OUT is a .profdata file made by TOOL (llvm-profdata)\n"
    "                    gcc: OUT is a link to a directory of .gcda files made by TOOL\n"
    "                    (gcov-tool), beside which it keeps OUT.<hash>\n"
    "  --raw-dir RAW     the raw profiles written by pgo-helper train\n"
    "  --output OUT      the merged profile, replaced only when its content changes\n"
    "  --tool TOOL       llvm-profdata or gcov-tool of the compiler's version\n"
    "  --stamp FILE      a file holding the profile's hash, written when it changes\n"
    "  --base PROFDATA   clang: an indexed profile merged in with the raw ones (the first\n"
    "                    pass's profile, under a context-sensitive pass's raw profiles)\n"
    "  --input PATH      instead of --raw-dir, any number of times: a raw or merged profile,\n"
    "                    or a directory of them (gcc: a directory of .gcda files, or one\n"
    "                    holding such directories)\n"
    "  --weight N:WHAT   counts of the inputs below the path WHAT, or of the training test\n"
    "                    named WHAT, count N times (default 1)\n"
    "  --skip-corrupt    leave out inputs that are not valid profiles, naming each\n"
    "  -v, --verbose     show the commands run\n"
    "  -h, --help        show this help\n"
    "      --version     show the version\n";

enum {
    OPT_COMPILER = 256,
    OPT_RAW_DIR,
    OPT_OUTPUT,
    OPT_TOOL,
    OPT_STAMP,
    OPT_INPUT,
    OPT_WEIGHT,
    OPT_SKIP_CORRUPT,
    OPT_BASE
};

static const struct cli_option options[] = {
    {"compiler", 0, 1, OPT_COMPILER},
    {"raw-dir", 0, 1, OPT_RAW_DIR},
    {"output", 0, 1, OPT_OUTPUT},
    {"tool", 0, 1, OPT_TOOL},
    {"stamp", 0, 1, OPT_STAMP},
    {"input", 0, 1, OPT_INPUT},
    {"weight", 0, 1, OPT_WEIGHT},
    {"skip-corrupt", 0, 0, OPT_SKIP_CORRUPT},
    {"verbose", 'v', 0, 'v'},
    {"help", 'h', 0, CLI_HELP},
    {"version", 0, 0, CLI_VERSION},
    {"base", 0, 1, OPT_BASE},
    {NULL, 0, 0, 0},
};

static const char hint[] = "merge with the llvm-profdata of the compiler that built the "
                           "instrumented tree (<compiler> -print-prog-name=llvm-profdata)";

int merge_run_tool(const struct merge *m, char *const *argv, const char *what, struct buf *err)
{
    char how[128];
    int status;

    if (m->verbose) {
        struct buf cmd;

        buf_init(&cmd);
        format_command(&cmd, argv);
        note("run: %s", cmd.data);
        buf_release(&cmd);
    }
    if (run_capture(argv, NULL, err, err, &status) < 0)
        return -1;
    if (status == 0)
        return 0;
    fwrite(err->data, 1, err->len, stderr);
    if (err->len > 0 && err->data[err->len - 1] != '\n')
        fputc('\n', stderr);
    describe_status(status, how, sizeof(how));
    error("'%s' failed (%s)", what, how);
    return -1;
}

int merge_write_stamp(const struct merge *m, uint64_t hash)
{
    char text[32];

    if (!m->stamp)
        return 0;
    snprintf(text, sizeof(text), "%016" PRIx64 "\n", hash);
    return write_file_if_changed(m->stamp, text, strlen(text), NULL);
}

/* Reads up to n bytes from the start of a file; returns the count or -1. */
static ssize_t read_head(const char *path, unsigned char *head, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t got = 0;

    if (fd < 0) {
        error("open '%s':", path);
        return -1;
    }
    while (got < n) {
        ssize_t r = read(fd, head + got, n - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            error("read '%s':", path);
            close(fd);
            return -1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    return (ssize_t)got;
}

/* The LLVM major version of TOOL from `TOOL merge --version`, or -1 if it does not say. */
static int tool_major(const struct merge *m)
{
    char *argv[] = {(char *)m->tool, "merge", "--version", NULL};
    struct buf out;
    int status, major = -1;

    buf_init(&out);
    if (run_capture(argv, NULL, &out, &out, &status) == 0)
        major = llvm_version_major(out.data);
    buf_release(&out);
    return major;
}

/* Checks the raw headers: valid, one version, readable by the tool. */
static int check_raw_files(const struct merge *m, const struct strvec *files)
{
    uint32_t first = 0, max;
    int major;

    for (size_t i = 0; i < files->n; i++) {
        unsigned char head[16];
        ssize_t n = read_head(files->v[i], head, sizeof(head));
        uint32_t version;

        if (n < 0)
            return -1;
        if (llvm_raw_version(head, (size_t)n, &version) < 0) {
            error("'%s' is not a raw LLVM profile (truncated or corrupt): delete it or re-run "
                  "the training",
                  files->v[i]);
            return -1;
        }
        if (i == 0) {
            first = version;
        } else if (version != first) {
            error("'%s' has raw profile format version %" PRIu32 " but '%s' has version %" PRIu32
                  ": the raw profiles come from different compilers; re-run the training",
                  files->v[i], version, files->v[0], first);
            return -1;
        }
    }
    major = tool_major(m);
    if (major < 0) {
        if (m->verbose)
            note("'%s merge --version' names no LLVM version: not checking the format", m->tool);
        return 0;
    }
    /* llvm-profdata reads raw profiles of exactly its own version (RawInstrProfReader checks
     * for equality; seen here: LLVM 19 refuses version 8, LLVM 14 refuses version 10). */
    max = llvm_tool_raw_version(major);
    if (max == 0) {
        if (m->verbose)
            note("LLVM %d is not in the table of raw profile versions: not checking", major);
        return 0;
    }
    if (first != max) {
        error("'%s' has raw profile format version %" PRIu32 ", written by %s LLVM than %s "
              "(LLVM %d reads version %" PRIu32 "): %s",
              files->v[0], first, first > max ? "a newer" : "an older", m->tool, major, max, hint);
        return -1;
    }
    return 0;
}

/* Creates an empty temporary file "<path>.<what>.XXXXXX"; returns its name. */
static char *make_temp(const char *path, const char *what, int *fd_out)
{
    char *name = xasprintf("%s.%s.XXXXXX", path, what);
    int fd = mkstemp(name);

    if (fd < 0) {
        error("create a temporary file for '%s':", path);
        free(name);
        return NULL;
    }
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    (void)fchmod(fd, new_file_mode());
    if (fd_out)
        *fd_out = fd;
    else
        close(fd);
    return name;
}

static int write_input_list(const struct strvec *files, const char *list)
{
    struct buf b;
    int rc;

    buf_init(&b);
    for (size_t i = 0; i < files->n; i++) {
        if (strchr(files->v[i], '\n')) {
            error("'%s': a file name with a newline cannot be passed to llvm-profdata",
                  files->v[i]);
            buf_release(&b);
            return -1;
        }
        /* "weight,path": with an explicit weight a comma in the path is safe. */
        buf_addf(&b, "1,%s\n", files->v[i]);
    }
    rc = write_file_atomic(list, b.data, b.len);
    buf_release(&b);
    return rc;
}

static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0 || fsync(fd) < 0) {
        error("fsync '%s':", path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

int merge_clang(const struct merge *m)
{
    struct strvec files;
    struct buf err, fresh, old;
    char *list = NULL, *tmp = NULL, *out_arg = NULL, *list_arg = NULL;
    int rc = 1;

    strvec_init(&files);
    buf_init(&err);
    buf_init(&fresh);
    buf_init(&old);
    if (find_files(m->raw_dir, ".profraw", &files) < 0)
        goto done;
    if (files.n == 0) {
        error("no raw profiles (*.profraw) in %s: run the training first", m->raw_dir);
        goto done;
    }
    if (check_raw_files(m, &files) < 0)
        goto done;
    if (m->base) {
        /* Read before the tool runs, for a message that names it rather than llvm-profdata's. */
        if (read_file(m->base, &old) < 0)
            goto done;
        if (old.len < 8 || memcmp(old.data, "\xff\x6c\x70\x72\x6f\x66\x69\x81", 8) != 0) {
            error("--base '%s' is not an indexed profile (.profdata)", m->base);
            goto done;
        }
        buf_release(&old);
        buf_init(&old);
        strvec_push(&files, m->base);
    }
    list = make_temp(m->output, "inputs", NULL);
    tmp = list ? make_temp(m->output, "tmp", NULL) : NULL;
    if (!tmp || write_input_list(&files, list) < 0)
        goto done;
    out_arg = xasprintf("--output=%s", tmp);
    list_arg = xasprintf("--input-files=%s", list);
    {
        char *argv[] = {(char *)m->tool, "merge", out_arg, list_arg, NULL};
        char *what = xasprintf("%s merge", m->tool);
        int failed = merge_run_tool(m, argv, what, &err) < 0;

        free(what);
        if (failed) {
            if (strstr(err.data, "unsupported instrumentation profile format version") ||
                strstr(err.data, "raw profile version mismatch"))
                error("the raw profiles were written by another LLVM version than %s: %s", m->tool,
                      hint);
            goto done;
        }
    }
    if (read_file(tmp, &fresh) < 0)
        goto done;
    if (access(m->output, F_OK) == 0 && read_file(m->output, &old) == 0 && old.len == fresh.len &&
        memcmp(old.data, fresh.data, old.len) == 0) {
        note("profile unchanged: %s", m->output);
    } else {
        if (sync_file(tmp) < 0)
            goto done;
        if (rename(tmp, m->output) < 0) {
            error("rename '%s' to '%s':", tmp, m->output);
            goto done;
        }
        free(tmp);
        tmp = NULL;
        fsync_dir_of(m->output);
        /* The base profile is one of the files, not one of the raw profiles. */
        note("profile updated: %s (%zu raw profile%s%s)", m->output, files.n - (m->base != NULL),
             files.n - (m->base != NULL) == 1 ? "" : "s", m->base ? " and the base profile" : "");
    }
    if (merge_write_stamp(m, fnv1a64(FNV1A64_INIT, fresh.data, fresh.len)) < 0)
        goto done;
    rc = 0;
done:
    if (tmp)
        unlink(tmp);
    if (list)
        unlink(list);
    free(tmp);
    free(list);
    free(out_arg);
    free(list_arg);
    buf_release(&old);
    buf_release(&fresh);
    buf_release(&err);
    strvec_release(&files);
    return rc;
}

/* Whether path ends in a file name (not "", "dir/", "." or ".."). */
static int names_file(const char *path)
{
    const char *base = base_name(path);

    return *base && strcmp(base, ".") != 0 && strcmp(base, "..") != 0;
}

/* Runs the merge holding the lock that pgo-helper train holds on RAW.lock, so that a merge
 * never reads the raw profiles of a training still running (two builds of one tree at once),
 * after removing what an interrupted merge left beside the output. */
static int merge_locked(const struct merge *m, int clang, int weighted, int argc, char **argv)
{
    char *raw = absolute_path(m->raw_dir);
    char *lock_file, *marker;
    int lock, rc = 1;

    if (!raw) {
        error("getcwd:");
        return 1;
    }
    lock_file = xasprintf("%s.lock", raw);
    marker = xasprintf("%s/incomplete", raw);
    lock = lock_path(lock_file, "to finish with these raw profiles");
    if (lock >= 0) {
        if (access(marker, F_OK) == 0) {
            error("the training that wrote %s did not complete (it failed or was interrupted): "
                  "run the training again",
                  raw);
        } else {
            remove_temporaries_of(m->output);
            if (m->stamp)
                remove_temporaries_of(m->stamp);
            /* Weights go through the merge of many inputs, which knows them. */
            rc = weighted ? merge_raw_weighted(m, clang, argc, argv, options, OPT_WEIGHT)
                 : clang  ? merge_clang(m)
                          : merge_gcc(m);
        }
        unlock_path(lock);
    }
    free(marker);
    free(lock_file);
    free(raw);
    return rc;
}

static int make_parent(const char *path)
{
    char *dir = dir_name(path);
    int rc = mkdir_p(dir);

    free(dir);
    return rc;
}

int cmd_merge(int argc, char **argv)
{
    struct merge m = {NULL, NULL, NULL, NULL, 0, NULL};
    const char *compiler = NULL;
    struct cli c;
    int id, finished, inputs = 0, weighted = 0;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_COMPILER:
            compiler = c.arg;
            break;
        case OPT_RAW_DIR:
            m.raw_dir = c.arg;
            break;
        case OPT_OUTPUT:
            m.output = c.arg;
            break;
        case OPT_TOOL:
            m.tool = c.arg;
            break;
        case OPT_STAMP:
            m.stamp = c.arg;
            break;
        case OPT_BASE:
            m.base = c.arg;
            break;
        case OPT_INPUT: /* collected again by merge_many_from_args */
            inputs = 1;
            break;
        case OPT_WEIGHT:
            if (merge_check_weight(c.arg) < 0)
                return cli_usage_error(usage, NULL);
            weighted = 1;
            break;
        case OPT_SKIP_CORRUPT:
            break;
        case 'v':
            m.verbose = 1;
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    if (!compiler || (!m.raw_dir && !inputs) || !m.output || !m.tool) {
        error("missing %s", !compiler               ? "--compiler"
                            : !m.raw_dir && !inputs ? "--raw-dir or --input"
                            : !m.output             ? "--output"
                                                    : "--tool");
        return cli_usage_error(usage, NULL);
    }
    if (strcmp(compiler, "clang") != 0 && strcmp(compiler, "gcc") != 0) {
        error("--compiler must be clang or gcc, not '%s'", compiler);
        return cli_usage_error(usage, NULL);
    }
    if (m.base && (strcmp(compiler, "clang") != 0 || inputs)) {
        error(
            "--base goes with --compiler clang and --raw-dir (with --input, give it as an input)");
        return cli_usage_error(usage, NULL);
    }
    if (!names_file(m.output) || (m.stamp && !names_file(m.stamp))) {
        error("%s '%s' names no file", names_file(m.output) ? "--stamp" : "--output",
              names_file(m.output) ? m.stamp : m.output);
        return cli_usage_error(usage, NULL);
    }
    if (make_parent(m.output) < 0 || (m.stamp && make_parent(m.stamp) < 0))
        return 1;
    if (inputs)
        return merge_many_from_args(&m, strcmp(compiler, "clang") == 0, argc, argv, options,
                                    OPT_INPUT, OPT_WEIGHT, OPT_SKIP_CORRUPT);
    return merge_locked(&m, strcmp(compiler, "clang") == 0, weighted, argc, argv);
}
