/* SPDX-License-Identifier: MIT */
/* pgo-helper merge --compiler gcc: the merge tree. gcov-tool merges exactly two folders, so N
 * folders are merged pairwise, level by level, each level running up to --jobs gcov-tool
 * processes at once. The counters' sums do not depend on the order. Each level's intermediates
 * are removed once the next level has read them, so that the scratch space stays below the
 * size of the inputs. */
#define _POSIX_C_SOURCE 200809L
#include "merge_gcc_tree.h"

#include "cleanup.h"
#include "fs.h"
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* One pair of a level: gcov-tool merges the files both folders hold (pid, or 0 when they hold
 * none in common), the files only one holds are copied once it is done. */
struct pair {
    const char *a, *b;
    char *out, *work, *log;
    struct strvec only_a, only_b;
    pid_t pid;
};

/* Copies the files NAMES (all .gcda files when NULL) of directory from into to. Not fsynced:
 * scratch, until merge_gcc fsyncs the folder it keeps. */
static int copy_gcda(const char *from, const char *to, const struct strvec *only)
{
    struct strvec names;
    int rc;

    strvec_init(&names);
    rc = mkdir_p(to);
    if (rc == 0 && !only)
        rc = list_dir(from, ".gcda", &names);
    if (!only)
        only = &names;
    for (size_t i = 0; i < only->n && rc == 0; i++) {
        char *src = xasprintf("%s/%s", from, only->v[i]);
        char *dst = xasprintf("%s/%s", to, only->v[i]);
        struct buf b;

        buf_init(&b);
        rc = read_file(src, &b);
        if (rc == 0)
            rc = write_file(dst, b.data, b.len);
        buf_release(&b);
        free(dst);
        free(src);
    }
    strvec_release(&names);
    return rc;
}

/* Links the files NAMES of directory from into to (symbolic links, which gcov-tool follows):
 * its inputs, which are only read. */
static int link_gcda(const char *from, const char *to, const struct strvec *names)
{
    char *abs = absolute_path(from);
    int rc = abs ? mkdir_p(to) : -1;

    if (!abs)
        error("getcwd:");
    for (size_t i = 0; i < names->n && rc == 0; i++) {
        char *src = xasprintf("%s/%s", abs, names->v[i]);
        char *dst = xasprintf("%s/%s", to, names->v[i]);

        if (symlink(src, dst) < 0) {
            error("create link '%s':", dst);
            rc = -1;
        }
        free(dst);
        free(src);
    }
    free(abs);
    return rc;
}

/* 1 if dir holds only regular files (what gcov-tool, which walks subdirectories, reads of it
 * is then exactly its .gcda files), 0 if not or on error. */
static int is_flat(const char *dir)
{
    struct strvec names;
    int flat;

    strvec_init(&names);
    flat = list_dir(dir, NULL, &names) == 0;
    for (size_t i = 0; flat && i < names.n; i++) {
        char *path = xasprintf("%s/%s", dir, names.v[i]);
        struct stat st;

        flat = stat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
    }
    strvec_release(&names);
    return flat;
}

static int has_name(const struct strvec *names, const char *name)
{
    for (size_t i = 0; i < names->n; i++)
        if (strcmp(names->v[i], name) == 0)
            return 1;
    return 0;
}

static void pair_release(struct pair *p)
{
    free(p->out);
    free(p->work);
    free(p->log);
    strvec_release(&p->only_a);
    strvec_release(&p->only_b);
}

/* Starts the merge of p->a and p->b into p->out. gcov-tool 12 gets only the files both hold:
 * given a file that only its first directory holds, it crashes on indirect-call counters
 * ("internal compiler error: in write_topn_counters"), which happens as soon as two training
 * tests run different programs. Two folders of the same files (the tests of one program) go
 * to it as they are, others through folders of links. Its output goes to p->log. */
static int pair_start(const struct merge *m, struct pair *p)
{
    struct strvec in_a, in_b, both;
    int rc;

    strvec_init(&in_a);
    strvec_init(&in_b);
    strvec_init(&both);
    rc = list_dir(p->a, ".gcda", &in_a);
    if (rc == 0)
        rc = list_dir(p->b, ".gcda", &in_b);
    for (size_t i = 0; i < in_a.n && rc == 0; i++)
        strvec_push(has_name(&in_b, in_a.v[i]) ? &both : &p->only_a, in_a.v[i]);
    for (size_t i = 0; i < in_b.n && rc == 0; i++)
        if (!has_name(&in_a, in_b.v[i]))
            strvec_push(&p->only_b, in_b.v[i]);
    if (rc == 0 && both.n > 0) {
        int direct = p->only_a.n == 0 && p->only_b.n == 0 && is_flat(p->a) && is_flat(p->b);
        char *ca = direct ? xstrdup(p->a) : xasprintf("%s/common-a", p->work);
        char *cb = direct ? xstrdup(p->b) : xasprintf("%s/common-b", p->work);
        char *argv[] = {(char *)m->tool, "merge", "-o", p->out, ca, cb, NULL};
        int fd = -1;

        if (!direct) {
            rc = link_gcda(p->a, ca, &both);
            if (rc == 0)
                rc = link_gcda(p->b, cb, &both);
        }
        if (rc == 0 && (fd = open(p->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0) {
            error("create '%s':", p->log);
            rc = -1;
        }
        if (rc == 0) {
            struct spawn_options o = {argv, NULL, fd, fd, 0, NULL, NULL};

            merge_show_command(m, argv);
            rc = spawn_start(&o, &p->pid);
        }
        if (fd >= 0)
            close(fd);
        free(ca);
        free(cb);
    }
    strvec_release(&in_a);
    strvec_release(&in_b);
    strvec_release(&both);
    return rc;
}

/* Finishes a pair whose gcov-tool exited with status (or that had none to run): says why it
 * failed, with the tool's output, or copies the files one side holds. */
static int pair_finish(const struct merge *m, struct pair *p, int status)
{
    int rc = 0;

    if (p->pid > 0 && status != 0) {
        struct buf out;
        char how[128];

        buf_init(&out);
        if (read_file(p->log, &out) == 0 && out.len > 0) {
            fwrite(out.data, 1, out.len, stderr);
            if (out.data[out.len - 1] != '\n')
                fputc('\n', stderr);
        }
        buf_release(&out);
        describe_status(status, how, sizeof(how));
        error("'%s merge' failed (%s)", m->tool, how);
        error("'%s merge' failed on %s and %s (its output is above); if it ran out of "
              "space, check the free space of %s",
              m->tool, p->a, p->b, p->work);
        rc = -1;
    }
    remove_tree(p->work);
    unlink(p->log);
    if (rc == 0)
        rc = copy_gcda(p->a, p->out, &p->only_a);
    if (rc == 0)
        rc = copy_gcda(p->b, p->out, &p->only_b);
    return rc;
}

/* Waits for one of the running pairs and finishes it. */
static int wait_pair(const struct merge *m, struct pair *pairs, size_t n, size_t *running)
{
    int status;
    pid_t pid;

    while ((pid = waitpid(-1, &status, 0)) < 0 && errno == EINTR)
        cleanup_check(); /* SIGINT or SIGTERM: the staging folder goes */
    if (pid < 0) {
        error("waitpid:");
        *running = 0;
        return -1;
    }
    cleanup_reaped(pid);
    for (size_t i = 0; i < n; i++) {
        if (pairs[i].pid == pid) {
            int rc = pair_finish(m, &pairs[i], status);

            (*running)--;
            pairs[i].pid = -1; /* finished */
            return rc;
        }
    }
    return 0; /* not one of ours */
}

/* One level of the tree: merges in[0] with in[1], in[2] with in[3], ... into
 * staging/L<level>-<i>, and passes an odd last one on as it is. out gets the next level. */
static int fold_level(const struct merge *m, const struct strvec *in, struct strvec *out,
                      const char *staging, unsigned level)
{
    size_t n = in->n / 2, running = 0;
    struct pair *pairs = xcalloc(n ? n : 1, sizeof(*pairs));
    int rc = 0;

    for (size_t i = 0; i < n; i++) {
        struct pair *p = &pairs[i];

        p->a = in->v[2 * i];
        p->b = in->v[2 * i + 1];
        p->out = xasprintf("%s/L%u-%zu", staging, level, i);
        p->work = xasprintf("%s.work", p->out);
        p->log = xasprintf("%s.log", p->out);
        strvec_init(&p->only_a);
        strvec_init(&p->only_b);
        strvec_push(out, p->out);
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        while (running >= m->jobs && rc == 0)
            rc = wait_pair(m, pairs, n, &running);
        if (rc == 0)
            rc = pair_start(m, &pairs[i]);
        if (rc == 0 && pairs[i].pid > 0)
            running++;
        else if (rc == 0)
            rc = pair_finish(m, &pairs[i], 0);
    }
    while (running > 0)
        if (wait_pair(m, pairs, n, &running) < 0)
            rc = -1;
    if (rc == 0 && in->n % 2 == 1)
        strvec_push(out, in->v[in->n - 1]);
    for (size_t i = 0; i < n; i++)
        pair_release(&pairs[i]);
    free(pairs);
    return rc;
}

/* 1 if path is one of the intermediates below staging (ours to remove). */
static int is_intermediate(const char *path, const char *staging)
{
    size_t n = strlen(staging);

    return strncmp(path, staging, n) == 0 && path[n] == '/';
}

char *merge_gcc_fold(const struct merge *m, const struct strvec *dirs, const char *staging)
{
    struct strvec level;
    char *merged;
    unsigned depth = 0;

    if (dirs->n == 1) {
        char *out = xasprintf("%s/merged", staging);

        if (copy_gcda(dirs->v[0], out, NULL) < 0) {
            free(out);
            return NULL;
        }
        return out;
    }
    strvec_init(&level);
    for (size_t i = 0; i < dirs->n; i++)
        strvec_push(&level, dirs->v[i]);
    while (level.n > 1) {
        struct strvec next;
        int rc;

        strvec_init(&next);
        rc = fold_level(m, &level, &next, staging, ++depth);
        for (size_t i = 0; i < level.n; i++)
            if (is_intermediate(level.v[i], staging) && (rc < 0 || !has_name(&next, level.v[i])))
                remove_tree(level.v[i]);
        strvec_release(&level);
        level = next;
        if (rc < 0) {
            strvec_release(&level);
            return NULL;
        }
    }
    merged = xstrdup(level.v[0]);
    strvec_release(&level);
    return merged;
}
