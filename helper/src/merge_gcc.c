/* SPDX-License-Identifier: MIT */
/* pgo-helper merge --compiler gcc: checks the per-test .gcda directories, folds them together
 * (merge_gcc_tree.c) and publishes the result as OUT -> OUT.<hash>, a symbolic link swapped
 * atomically. */
#define _POSIX_C_SOURCE 200809L
#include "merge_gcc.h"
#include "merge_gcc_tree.h"

#include "ccache_names.h"
#include "cleanup.h"
#include "fs.h"
#include "gcda_summary.h"
#include "profile_formats.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Checks that every .gcda file in dir parses: a truncated or corrupt file would otherwise
 * reach the compiler (a single input directory is copied, not read by gcov-tool). tool is
 * NULL for the inputs, or the gcov-tool that wrote dir. */
static int check_gcda(const char *dir, const struct strvec *names, const char *tool)
{
    int rc = 0;

    for (size_t i = 0; i < names->n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", dir, names->v[i]);
        struct profile_stats st = {0, 0, 0};
        const char *why = NULL;
        struct buf b;

        buf_init(&b);
        rc = read_file(path, &b);
        if (rc == 0 && gcda_count((const unsigned char *)b.data, b.len, &st, &why) < 0) {
            if (tool) /* gcov-tool exits 0 when its writes fail (seen on a full disk) */
                error("'%s merge' wrote '%s', which is not a .gcda file (%s): check the free "
                      "space and the permissions of %s",
                      tool, path, why, dir);
            else
                error("'%s' is not a .gcda file (%s): a training process was interrupted while "
                      "writing it, or something else wrote it; run the training again",
                      path, why);
            rc = -1;
        }
        buf_release(&b);
        free(path);
    }
    return rc;
}

/* The directories directly below RAW that hold .gcda files, as paths. */
static int find_inputs(const char *raw, struct strvec *dirs)
{
    struct strvec names;
    int rc = 0;

    strvec_init(&names);
    if (list_dir(raw, NULL, &names) < 0) {
        strvec_release(&names);
        return -1;
    }
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *dir = xasprintf("%s/%s", raw, names.v[i]);
        struct stat st;
        struct strvec gcda;

        strvec_init(&gcda);
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = list_dir(dir, ".gcda", &gcda);
            if (rc == 0)
                rc = check_gcda(dir, &gcda, NULL);
            if (rc == 0 && gcda.n > 0)
                strvec_push(dirs, dir);
        }
        strvec_release(&gcda);
        free(dir);
    }
    strvec_release(&names);
    return rc;
}

/* FNV-1a over the sorted names and contents of the files in dir; fsyncs each file. */
static int hash_dir(const char *dir, uint64_t *hash, size_t *count)
{
    struct strvec names;
    uint64_t h = FNV1A64_INIT;
    int rc;

    strvec_init(&names);
    rc = list_dir(dir, NULL, &names);
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", dir, names.v[i]);
        unsigned char size[8];
        struct buf b;
        int fd;

        buf_init(&b);
        rc = read_file(path, &b);
        if (rc == 0) {
            for (int k = 0; k < 8; k++)
                size[k] = (unsigned char)((uint64_t)b.len >> (8 * k));
            h = fnv1a64(h, names.v[i], strlen(names.v[i]) + 1);
            h = fnv1a64(h, size, sizeof(size));
            h = fnv1a64(h, b.data, b.len);
            fd = open(path, O_RDONLY | O_CLOEXEC);
            if (fd < 0 || fsync(fd) < 0) {
                error("fsync '%s':", path);
                rc = -1;
            }
            if (fd >= 0)
                close(fd);
        }
        buf_release(&b);
        free(path);
    }
    *hash = h;
    *count = names.n;
    strvec_release(&names);
    return rc;
}

static int is_hash_sibling(const char *name, const char *base)
{
    size_t n = strlen(base);

    if (strncmp(name, base, n) != 0 || name[n] != '.' || strlen(name + n + 1) != 16)
        return 0;
    return strspn(name + n + 1, "0123456789abcdef") == 16;
}

/* Removes OUT.<hash> directories other than keep. */
static void remove_old(const char *parent, const char *base, const char *keep)
{
    struct strvec names;

    strvec_init(&names);
    if (list_dir(parent, NULL, &names) == 0) {
        for (size_t i = 0; i < names.n; i++) {
            if (is_hash_sibling(names.v[i], base) && strcmp(names.v[i], keep) != 0) {
                char *path = xasprintf("%s/%s", parent, names.v[i]);

                remove_tree(path);
                free(path);
            }
        }
    }
    strvec_release(&names);
}

/* Points OUT at target_name (a sibling) by renaming a new link over it. */
static int swap_link(const char *output, const char *target_name)
{
    char *tmp = xasprintf("%s.tmp", output);
    int rc = -1;

    if (unlink(tmp) < 0 && errno != ENOENT)
        error("remove '%s':", tmp);
    else if (symlink(target_name, tmp) < 0)
        error("create link '%s':", tmp);
    else if (rename(tmp, output) < 0) {
        error("rename '%s' to '%s':", tmp, output);
        unlink(tmp);
    } else {
        fsync_dir_of(output);
        rc = 0;
    }
    free(tmp);
    return rc;
}

/* gcov-tool adds the inputs' program summaries modulo 2^32 (gcda_summary.h): where the true
 * total passes that, MERGED gets the largest value instead, which keeps GCC's hot threshold
 * as near to the true one as the file can. */
static int saturate_summaries(const struct strvec *dirs, const char *merged)
{
    struct gcda_summaries sums;
    size_t patched = 0;
    int rc;

    if (gcda_summaries_read(dirs, &sums) < 0)
        return -1;
    rc = gcda_summaries_saturate(&sums, merged, &patched);
    if (rc == 0 && patched > 0)
        warn("the training's runs add up past the 32 bits in which a .gcda file holds the "
             "sum of each run's largest count (up to %" PRIu64 ", in %zu objects): "
             "GCC reads the largest value it can hold instead, which makes more code hot "
             "than the counts would; train with fewer or shorter runs, or lower weights",
             gcda_summaries_peak(&sums, NULL), patched);
    gcda_summaries_release(&sums);
    return rc;
}

/* libgcov adds each run's largest count to the summary in 32 bits as well: a test that runs
 * long enough, or often enough, wraps it in its own folder, where the inputs' summaries
 * cannot show it. Its counters can: MERGED gets the largest value where one passes the sum. */
static int unwrap_summaries(const char *merged)
{
    size_t patched;
    uint64_t largest;

    if (gcda_summaries_unwrap(merged, &patched, &largest) < 0)
        return -1;
    if (patched > 0)
        warn("a training run took the sum of each run's largest count past the 32 bits in "
             "which a .gcda file holds it (a counter of %" PRIu64 " is larger than the sum "
             "the file kept, in %zu object%s): GCC reads the largest value it can hold "
             "instead, which makes more code hot than the counts would; train with fewer or "
             "shorter runs",
             largest, patched, patched == 1 ? "" : "s");
    return 0;
}

/* With m->summary_tolerance: when every object's program summary in MERGED has the runs of
 * the last profile (m->output) and a sum_max within the tolerance of it, MERGED gets the last
 * summaries back. Every .gcda file of a program carries the program's summary, and GCC's
 * compile reads it (its hot threshold), so an edit that moves the hottest counts a little
 * would otherwise compile every object again; with the last summary the objects whose own
 * records did not change keep their compiles. Writes m->output.tolerance as the Clang merge
 * does, or removes it without a tolerance. Returns 0, or -1 after an error. */
static int tolerate_summaries(const struct merge *m, const char *merged)
{
    char *result = xasprintf("%s.tolerance", m->output);
    struct strvec names;
    struct gcda_summary *old;
    double moved = -1;
    int rc = 0, comparable = 0;

    if (m->summary_tolerance <= 0) {
        if (unlink(result) < 0 && errno != ENOENT)
            warn("cannot remove '%s':", result);
        free(result);
        return 0;
    }
    free(result);
    strvec_init(&names);
    if (list_dir(merged, ".gcda", &names) < 0) {
        strvec_release(&names);
        return -1;
    }
    old = xcalloc(names.n ? names.n : 1, sizeof(*old));
    for (size_t i = 0; i < names.n; i++) {
        char *now = xasprintf("%s/%s", merged, names.v[i]);
        char *then = xasprintf("%s/%s", m->output, names.v[i]);
        struct gcda_summary a, b;
        struct buf x, y;

        buf_init(&x);
        buf_init(&y);
        if (access(then, F_OK) == 0 && read_file(then, &x) == 0 && read_file(now, &y) == 0 &&
            gcda_summary_read((const unsigned char *)x.data, x.len, &a) == 0 &&
            gcda_summary_read((const unsigned char *)y.data, y.len, &b) == 0) {
            old[i] = a;
            if (a.runs != b.runs) {
                comparable = -1; /* another training: the runs differ */
            } else if (comparable >= 0) {
                double d = (double)(a.sum_max > b.sum_max ? a.sum_max - b.sum_max
                                                          : b.sum_max - a.sum_max) /
                           (double)(a.sum_max ? a.sum_max : 1);

                comparable = 1;
                moved = d > moved ? d : moved;
            }
        }
        buf_release(&x);
        buf_release(&y);
        free(now);
        free(then);
    }
    if (comparable <= 0)
        moved = comparable < 0 ? TOLERANCE_OTHER_RUNS : TOLERANCE_NO_EARLIER;
    if (moved >= 0 && moved <= m->summary_tolerance) {
        for (size_t i = 0; i < names.n && rc == 0; i++) {
            char *now = xasprintf("%s/%s", merged, names.v[i]);

            if (old[i].runs > 0)
                rc = gcda_summary_write(now, &old[i]);
            free(now);
        }
    }
    if (rc == 0)
        rc = merge_tolerance_result(m, moved >= 0 && moved <= m->summary_tolerance, moved);
    free(old);
    strvec_release(&names);
    return rc;
}

int merge_gcc(const struct merge *m)
{
    struct strvec dirs;
    struct stat st;
    char *parent = dir_name(m->output), *staging = NULL, *merged = NULL;
    char *target_name = NULL, *target = NULL, *current = NULL;
    const char *base = base_name(m->output);
    uint64_t hash;
    size_t files;
    int rc = 1;

    strvec_init(&dirs);
    if (lstat(m->output, &st) == 0 && !S_ISLNK(st.st_mode)) {
        error("'%s' is a %s, not the link pgo-helper makes: remove it (the merged profile is "
              "kept in %s.<hash>, and %s links to it)",
              m->output, S_ISDIR(st.st_mode) ? "directory" : "file", m->output, m->output);
        goto done;
    }
    if (*base == '\0') {
        error("--output '%s' names no file", m->output);
        goto done;
    }
    if (find_inputs(m->raw_dir, &dirs) < 0)
        goto done;
    if (dirs.n == 0) {
        error("no raw profiles (*.gcda) in %s: run the training first", m->raw_dir);
        goto done;
    }
    if (!(staging = merge_temp_dir(m, "tmp")))
        goto done;
    merged = merge_gcc_fold(m, &dirs, staging);
    if (!merged || (dirs.n > 1 && saturate_summaries(&dirs, merged) < 0) ||
        unwrap_summaries(merged) < 0 || tolerate_summaries(m, merged) < 0 ||
        hash_dir(merged, &hash, &files) < 0)
        goto done;
    if (dirs.n > 1) {
        struct strvec names;
        int bad;

        strvec_init(&names);
        bad = list_dir(merged, ".gcda", &names) < 0 || check_gcda(merged, &names, m->tool) < 0;
        strvec_release(&names);
        if (bad)
            goto done;
    }
    if (files == 0) {
        error("'%s merge' wrote no .gcda files", m->tool);
        goto done;
    }
    target_name = xasprintf("%s.%016" PRIx64, base, hash);
    target = xasprintf("%s/%s", parent, target_name);

    {
        char link[4096];
        ssize_t n = readlink(m->output, link, sizeof(link) - 1);

        if (n >= 0) {
            link[n] = '\0';
            current = xstrdup(link);
        }
    }
    if (current && strcmp(current, target_name) == 0 && stat(target, &st) == 0 &&
        S_ISDIR(st.st_mode)) {
        note("profile unchanged: %s", m->output);
    } else {
        if (remove_tree(target) < 0)
            goto done;
        ccache_add_gcda_names(merged);
        if (rename(merged, target) < 0) {
            error("rename '%s' to '%s':", merged, target);
            goto done;
        }
        fsync_dir_of(target);
        if (swap_link(m->output, target_name) < 0)
            goto done;
        note("profile updated: %s (%zu raw profile director%s)", m->output, dirs.n,
             dirs.n == 1 ? "y" : "ies");
    }
    remove_old(parent, base, target_name);
    if (merge_write_stamp(m, hash) < 0)
        goto done;
    rc = 0;
done:
    if (staging) {
        remove_tree(staging);
        cleanup_forget(staging);
    }
    free(current);
    free(target);
    free(target_name);
    free(merged);
    free(staging);
    free(parent);
    strvec_release(&dirs);
    return rc;
}
