/* SPDX-License-Identifier: MIT */
/* PGO_TRAINING_TARGETS in the training (train_targets.h). */
#define _POSIX_C_SOURCE 200809L
#include "train_targets.h"

#include "fs.h"
#include "train_jobs.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct left_out {
    char *target, *file;
};

static void release(struct left_out *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].target);
        free(v[i].file);
    }
    free(v);
}

/* The lines of the list, each "<target>\t<file>". */
static int read_list(const char *path, struct left_out **out, size_t *n)
{
    struct buf text;
    struct left_out *v = NULL;
    size_t count = 0;
    char *line, *next;

    buf_init(&text);
    if (read_file(path, &text) < 0)
        return -1;
    buf_add(&text, "", 1);
    for (line = text.data; line && *line; line = next) {
        char *tab, *end = strchr(line, '\n');

        next = end ? end + 1 : NULL;
        if (end)
            *end = '\0';
        if (!*line)
            continue;
        tab = strchr(line, '\t');
        if (!tab || strchr(tab + 1, '\t') || tab[1] != '/') {
            error("%s: a line is not '<target>\\t<absolute file>': reconfigure the build tree",
                  path);
            release(v, count);
            buf_release(&text);
            return -1;
        }
        v = xrealloc(v, (count + 1) * sizeof(*v));
        memset(&v[count], 0, sizeof(*v));
        v[count].target = xstrndup(line, (size_t)(tab - line));
        v[count].file = xstrdup(tab + 1);
        count++;
    }
    buf_release(&text);
    *out = v;
    *n = count;
    return 0;
}

int train_targets_remove(const struct train_targets *c)
{
    struct left_out *v = NULL;
    size_t n = 0;
    int rc = 0;

    if (read_list(c->list, &v, &n) < 0)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *below = path_below(v[i].file, c->build_dir);

        if (!below || !*below || strstr(v[i].file, "/../") || ends_with(v[i].file, "/..")) {
            error("%s: '%s' (target %s) is not below the instrumented tree %s: reconfigure the "
                  "build tree",
                  c->list, v[i].file, v[i].target, c->build_dir);
            rc = -1;
        } else if (unlink(v[i].file) == 0) {
            if (c->verbose)
                note("removed %s (target %s, which PGO_TRAINING_TARGETS leaves out)", v[i].file,
                     v[i].target);
        } else if (errno != ENOENT) {
            error("remove '%s' (target %s, which PGO_TRAINING_TARGETS leaves out):", v[i].file,
                  v[i].target);
            rc = -1;
        }
    }
    release(v, n);
    return rc;
}

void train_targets_explain(const struct train_targets *c, const struct ctest_list *list,
                           const unsigned char *run)
{
    struct left_out *v = NULL;
    size_t n = 0;

    if (read_list(c->list, &v, &n) < 0)
        return;
    for (size_t i = 0; i < list->n; i++) {
        char *dir, *log;
        struct buf out;

        if (run && !run[i])
            continue;
        dir = train_test_dir(c->raw_dir, i);
        log = xasprintf("%s/output.log", dir);
        buf_init(&out);
        if (read_file(log, &out) == 0) {
            buf_add(&out, "", 1);
            for (size_t k = 0; k < n; k++) {
                struct stat st;

                if (stat(v[k].file, &st) < 0 && strstr(out.data, v[k].file))
                    error("training test '%s' names %s (target %s), which PGO_TRAINING_TARGETS "
                          "leaves out, so the instrumented build did not make it: add %s to "
                          "PGO_TRAINING_TARGETS",
                          list->tests[i].name, v[k].file, v[k].target, v[k].target);
            }
        }
        buf_release(&out);
        free(log);
        free(dir);
    }
    release(v, n);
}
