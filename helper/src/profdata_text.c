/* SPDX-License-Identifier: MIT */
/* The text form of a Clang profile, from llvm-profdata: what the summary counts and the
 * report reads. */
#define _POSIX_C_SOURCE 200809L
#include "profdata_text.h"

#include "fs.h"
#include "output_cache.h"
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int profdata_text(const char *tool, const char *profile, const char *cache, struct buf *out)
{
    char *argv[] = {(char *)tool, "merge", "--text", "--output=-", (char *)profile, NULL};
    struct buf err;
    int status, rc = -1;
    size_t start = out->len;
    char *const files[] = {(char *)tool, (char *)profile};
    char *key = cache ? output_cache_key(files, 2) : NULL;
    char how[128];

    if (output_cache_get(cache, key, out)) {
        free(key);
        return 0;
    }
    buf_init(&err);
    if (run_capture(argv, NULL, out, &err, &status) < 0)
        goto done;
    if (status != 0) {
        fwrite(err.data, 1, err.len, stderr);
        describe_status(status, how, sizeof(how));
        error("'%s merge --text %s' failed (%s)", tool, profile, how);
        goto done;
    }
    output_cache_put(cache, key, out->data ? out->data + start : "", out->len - start);
    rc = 0;
done:
    buf_release(&err);
    free(key);
    return rc;
}

int profdata_text_dir(const char *tool, const char *dir, struct buf *out)
{
    char *const dirs[] = {(char *)dir};

    return profdata_text_dirs(tool, dirs, 1, NULL, out);
}

/* A run of profdata_text_dirs: the child writing folder i's text into an unlinked file, kept
 * in cache under key (both may be NULL) once read. */
struct text_run {
    pid_t pid;
    size_t i;
    int fd;
    char *cache, *key;
};

static void drop_run(struct text_run *runs, size_t *n)
{
    close(runs[0].fd);
    free(runs[0].cache);
    free(runs[0].key);
    memmove(runs, runs + 1, --*n * sizeof(*runs));
}

/* Waits for the oldest of the N runs (waiting for any child could reap one that is not ours),
 * reads its text into out[run.i] and takes it off the list. Returns 0, or -1 after an
 * error. */
static int finish_one(const char *tool, char *const *dirs, struct text_run *runs, size_t *n,
                      struct buf *out)
{
    int status, rc = 0;
    size_t k = 0;

    if (spawn_wait(runs[k].pid, &status) < 0) {
        drop_run(runs, n);
        return -1;
    }
    if (status != 0) {
        error("'%s merge --text' of the raw profiles in %s failed", tool, dirs[runs[k].i]);
        rc = -1;
    } else if (lseek(runs[k].fd, 0, SEEK_SET) != 0) {
        error("lseek:");
        rc = -1;
    } else {
        char chunk[65536];
        ssize_t got;

        while ((got = read(runs[k].fd, chunk, sizeof(chunk))) > 0 || (got < 0 && errno == EINTR))
            if (got > 0)
                buf_add(&out[runs[k].i], chunk, (size_t)got);
        if (got < 0) {
            error("reading the text of %s:", dirs[runs[k].i]);
            rc = -1;
        } else {
            struct buf *b = &out[runs[k].i];

            output_cache_put(runs[k].cache, runs[k].key, b->data ? b->data : "", b->len);
        }
    }
    drop_run(runs, n);
    return rc;
}

/* The cache key of a test folder: the tool, then the folder's raw profiles. */
static char *folder_key(const char *tool, const struct strvec *files)
{
    struct strvec keyed;
    char *key;

    strvec_init(&keyed);
    strvec_push(&keyed, tool);
    for (size_t f = 0; f < files->n; f++)
        strvec_push(&keyed, files->v[f]);
    key = output_cache_key(keyed.v, keyed.n);
    strvec_release(&keyed);
    return key;
}

int profdata_text_dirs(const char *tool, char *const *dirs, size_t n, const char *cache_dir,
                       struct buf *out)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t jobs = cpus > 0 ? (size_t)cpus : 1, running = 0;
    struct text_run *runs = xcalloc(jobs, sizeof(*runs));
    const char *tmp = getenv("TMPDIR");
    int rc = 0;

    if (cache_dir)
        (void)mkdir(cache_dir, 0777); /* or there already; without it, no cache */
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct strvec files, argv;
        struct spawn_options o;
        char *path;
        int fd;

        strvec_init(&files);
        strvec_init(&argv);
        if (find_files(dirs[i], ".profraw", &files) < 0) {
            rc = -1;
        } else if (files.n > 0) {
            char *cache = cache_dir ? xasprintf("%s/%s.text", cache_dir, base_name(dirs[i])) : NULL;
            char *key = cache ? folder_key(tool, &files) : NULL;

            if (output_cache_get(cache, key, &out[i])) { /* kept: nothing to run */
                free(cache);
                free(key);
                strvec_release(&argv);
                strvec_release(&files);
                continue;
            }
            while (running == jobs && rc == 0)
                rc = finish_one(tool, dirs, runs, &running, out);
            path = xasprintf("%s/pgo-profdata-text-XXXXXX", tmp && *tmp ? tmp : "/tmp");
            fd = rc == 0 ? mkstemp(path) : -1;
            if (fd < 0 && rc == 0) {
                error("creating %s:", path);
                rc = -1;
            }
            if (fd >= 0) {
                unlink(path); /* the descriptor is all the run needs */
                strvec_push(&argv, tool);
                strvec_push(&argv, "merge");
                strvec_push(&argv, "--text");
                strvec_push(&argv, "--output=-");
                for (size_t f = 0; f < files.n; f++)
                    strvec_push(&argv, files.v[f]);
                memset(&o, 0, sizeof(o));
                o.argv = argv.v;
                o.out_fd = fd;
                o.err_fd = -1;
                if (spawn_start(&o, &runs[running].pid) < 0) {
                    close(fd);
                    rc = -1;
                } else {
                    runs[running].i = i;
                    runs[running].fd = fd;
                    runs[running].cache = cache;
                    runs[running].key = key;
                    running++;
                    cache = key = NULL;
                }
            }
            free(path);
            free(cache);
            free(key);
        }
        strvec_release(&argv);
        strvec_release(&files);
    }
    while (running > 0)
        if (finish_one(tool, dirs, runs, &running, out) < 0)
            rc = -1;
    free(runs);
    return rc;
}
