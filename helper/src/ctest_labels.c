/* SPDX-License-Identifier: MIT */
/* Reading a tree's CTest labels: `ctest --print-labels`, then `ctest -N -L` for each. */
#define _POSIX_C_SOURCE 200809L
#include "ctest_labels.h"

#include "ctest_list.h"
#include "subprocess.h"

#include <stdlib.h>
#include <string.h>

char *ctest_label_regex(const char *label)
{
    struct buf b;

    buf_init(&b);
    buf_add(&b, "^", 1);
    for (const char *p = label; *p; p++) {
        if (strchr(".[]{}()\\*+?^$|", *p))
            buf_add(&b, "\\", 1);
        buf_add(&b, p, 1);
    }
    buf_add(&b, "$", 2); /* with the NUL */
    return b.data;
}

/* Runs ctest with ARGS (after --test-dir DIR [-C CONFIG]) into OUT. Returns 0, or -1. */
static int run_ctest(const char *ctest, const char *dir, const char *config, const char *a,
                     const char *b, const char *c, struct buf *out)
{
    const char *argv[10];
    size_t n = 0;
    int status;

    argv[n++] = ctest;
    argv[n++] = "--test-dir";
    argv[n++] = dir;
    if (config) {
        argv[n++] = "-C";
        argv[n++] = config;
    }
    argv[n++] = a;
    if (b)
        argv[n++] = b;
    if (c)
        argv[n++] = c;
    argv[n] = NULL;
    if (run_capture((char **)argv, NULL, out, NULL, &status) < 0 || status != 0 || !out->data) {
        warn("'%s --test-dir %s %s%s%s' failed: the training's groups are round-robin", ctest, dir,
             a, b ? " " : "", b ? b : "");
        return -1;
    }
    return 0;
}

int ctest_labels(const char *ctest, const char *dir, const char *config, struct strvec *names,
                 struct strvec *labels)
{
    struct buf out;
    const char *p;
    int rc = 0;

    buf_init(&out);
    if (run_ctest(ctest, dir, config, "--print-labels", NULL, NULL, &out) < 0) {
        buf_release(&out);
        return -1;
    }
    p = strstr(out.data, "All Labels:\n");
    for (p = p ? strchr(p, '\n') + 1 : NULL; p && *p && rc == 0;) {
        size_t len = strcspn(p, "\n");
        char *label;

        /* Each label on a line of its own, indented by two spaces. */
        if (len < 3 || p[0] != ' ' || p[1] != ' ')
            break;
        label = xstrndup(p + 2, len - 2);
        if (strncmp(label, "pgo-", 4) != 0) {
            char *regex = ctest_label_regex(label);
            struct buf list;
            struct ctest_list found;

            buf_init(&list);
            if (run_ctest(ctest, dir, config, "-N", "-L", regex, &list) < 0) {
                rc = -1;
            } else {
                ctest_list_parse(list.data, list.len, &found);
                for (size_t i = 0; i < found.n; i++) {
                    strvec_push(names, found.tests[i].name);
                    strvec_push(labels, label);
                }
                ctest_list_release(&found);
            }
            buf_release(&list);
            free(regex);
        }
        free(label);
        p += len + (p[len] == '\n');
    }
    buf_release(&out);
    return rc;
}
