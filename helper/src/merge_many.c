/* SPDX-License-Identifier: MIT */
/* pgo-helper merge --input: any number of inputs from several directories, raw or already
 * merged, with weights, into the profile the compiler reads.
 *
 * Clang: every .profraw and .profdata below each input goes to llvm-profdata as a "weight,path"
 *   line of --input-files. With --skip-corrupt an input whose header is not a profile of the
 *   tool's version is left out, and llvm-profdata runs with --failure-mode=all, which skips
 *   inputs it cannot read; each one left out is named.
 * GCC: each input is a directory of .gcda files (or holds such directories, like a training's
 *   raw folder). A weighted one is first scaled by merging it with itself (gcc_scale); then
 *   they are folded two at a time by merge_gcc, through a folder of links to them.
 *
 * A weight "N:WHAT" applies to the inputs below WHAT (a path given with --input or below one)
 * or to those of the training test named WHAT (the "name" file pgo-helper train writes beside
 * each test's raw profiles). */
#define _POSIX_C_SOURCE 200809L
#include "merge_many.h"
#include "gcda_summary.h"
#include "merge_gcc.h"
#include "merge_rename.h"

#include "cleanup.h"
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

#define SHOWN_SKIPS 10

int merge_check_weight(const char *spec)
{
    const char *colon = strchr(spec, ':');
    char *number;
    unsigned long w;
    int ok;

    if (!colon || colon == spec || colon[1] == '\0') {
        error("--weight '%s': give N:PATH or N:TEST, as in --weight 3:raw/t0001", spec);
        return -1;
    }
    number = xstrndup(spec, (size_t)(colon - spec));
    ok = parse_uint(number, &w) == 0 && w >= 1 && w <= 1000000;
    free(number);
    if (!ok) {
        error("--weight '%s': the weight must be a whole number from 1 to 1000000", spec);
        return -1;
    }
    return 0;
}

/* The contents of dir/name without its trailing newline, or NULL. */
static char *test_name_in(const char *dir)
{
    char *path = xasprintf("%s/name", dir), *name = NULL;
    struct stat st;
    struct buf b;

    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < 4096) {
        buf_init(&b);
        if (read_file(path, &b) == 0) {
            while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
                b.data[--b.len] = '\0';
            name = xstrdup(b.data);
        }
        buf_release(&b);
    }
    free(path);
    return name;
}

static int below(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);

    while (n > 1 && prefix[n - 1] == '/')
        n--;
    return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The weight of an input at path (a file for clang, a directory for gcc); the last matching
 * --weight wins. */
static unsigned long weight_of(const struct merge_inputs *in, const char *path, const char *dir)
{
    unsigned long w = 1;
    char *test = test_name_in(dir);

    for (size_t i = 0; i < in->weights.n; i++) {
        const char *spec = in->weights.v[i], *what = strchr(spec, ':') + 1;
        char *number = xstrndup(spec, (size_t)(what - 1 - spec));
        unsigned long n;

        if (parse_uint(number, &n) == 0 && (below(path, what) || (test && strcmp(test, what) == 0)))
            w = n;
        free(number);
    }
    free(test);
    return w;
}

static void skipped(const char *path, const char *why, unsigned long *count)
{
    if (++*count <= SHOWN_SKIPS)
        warn("skipped '%s': %s", path, why);
    else if (*count == SHOWN_SKIPS + 1)
        warn("skipping more corrupt inputs; the count follows at the end");
}

/* Reads up to 16 bytes of a file's start; returns the count, or -1. */
static ssize_t head_of(const char *path, unsigned char *head)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0) {
        error("open '%s':", path);
        return -1;
    }
    do
        n = read(fd, head, 16);
    while (n < 0 && errno == EINTR);
    close(fd);
    return n;
}

/* Clang: why the input is not one llvm-profdata of raw version `raw` reads, or NULL. */
static const char *clang_problem(const unsigned char *head, ssize_t n, uint32_t raw)
{
    static const unsigned char indexed[8] = {0xff, 0x6c, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x81};
    uint32_t version;

    if (n >= 16 && memcmp(head, indexed, 8) == 0)
        return NULL;
    if (n < 16 || llvm_raw_version(head, (size_t)n, &version) < 0)
        return "not a raw or indexed LLVM profile (truncated or corrupt)";
    if (raw && version != raw)
        return "a raw profile of another LLVM version than the tool's";
    return NULL;
}

static int clang_collect(const struct merge_inputs *in, struct strvec *files)
{
    for (size_t i = 0; i < in->paths.n; i++) {
        const char *p = in->paths.v[i];
        struct stat st;

        if (stat(p, &st) < 0) {
            error("--input '%s':", p);
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            struct strvec found;

            strvec_init(&found);
            if (find_files(p, ".profraw", &found) < 0 || find_files(p, ".profdata", &found) < 0) {
                strvec_release(&found);
                return -1;
            }
            for (size_t k = 0; k < found.n; k++)
                strvec_push(files, found.v[k]);
            strvec_release(&found);
        } else {
            strvec_push(files, p);
        }
    }
    return 0;
}

/* Writes what the tool of LLVM `major` wrote to tmp to m->output, once checked, unless
 * m->output holds the same bytes already. */
static int publish_clang(const struct merge *m, int major, const char *tmp, size_t inputs,
                         unsigned long skips)
{
    struct buf fresh, old;
    int rc = -1;

    buf_init(&fresh);
    buf_init(&old);
    if (read_file(tmp, &fresh) < 0 || merge_check_profdata(m, major, tmp, &fresh) < 0 ||
        merge_neutral_summary(tmp, &fresh) < 0)
        goto done;
    if (access(m->output, F_OK) == 0 && read_file(m->output, &old) == 0 && old.len == fresh.len &&
        memcmp(old.data, fresh.data, old.len) == 0) {
        note("profile unchanged: %s", m->output);
    } else {
        if (write_file_atomic(m->output, fresh.data, fresh.len) < 0)
            goto done;
        note("profile updated: %s (%zu input%s%s)", m->output, inputs, inputs == 1 ? "" : "s",
             skips ? ", corrupt ones skipped" : "");
    }
    rc = merge_write_stamp(m, fnv1a64(FNV1A64_INIT, fresh.data, fresh.len));
done:
    buf_release(&old);
    buf_release(&fresh);
    return rc;
}

static int merge_clang_inputs(const struct merge *m, const struct merge_inputs *in)
{
    static const unsigned char indexed_magic[8] = {0xff, 0x6c, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x81};
    struct strvec files, renamed_files;
    struct buf list, err;
    char *list_path = NULL, *tmp = NULL, *out_arg = NULL, *list_arg = NULL;
    unsigned long skips = 0;
    size_t used = 0;
    uint32_t raw = 0;
    int major, fd, rc = 1;

    strvec_init(&files);
    strvec_init(&renamed_files);
    buf_init(&list);
    buf_init(&err);
    if (clang_collect(in, &files) < 0)
        goto done;
    major = merge_tool_major(m);
    raw = major > 0 ? llvm_tool_raw_version(major) : 0;
    for (size_t i = 0; i < files.n; i++) {
        unsigned char head[16];
        ssize_t n = head_of(files.v[i], head);
        const char *problem = n < 0 ? "cannot be read" : clang_problem(head, n, raw);
        char *dir = dir_name(files.v[i]);

        if (problem && !in->skip_corrupt) {
            error("'%s' is %s: remove it, or pass --skip-corrupt to merge the others", files.v[i],
                  problem);
            free(dir);
            goto done;
        }
        if (problem)
            skipped(files.v[i], problem, &skips);
        else if (strchr(files.v[i], '\n'))
            skipped(files.v[i], "a file name with a newline cannot be passed to llvm-profdata",
                    &skips);
        else {
            int failed = 0;
            char *renamed = m->source_dir && n >= 8 && memcmp(head, indexed_magic, 8) == 0
                                ? merge_rename_input(m, files.v[i], m->source_dir, &failed)
                                : NULL;

            if (failed) {
                free(dir);
                goto done;
            }
            /* The weight is the input's, whatever file stands for it. */
            buf_addf(&list, "%lu,%s\n", weight_of(in, files.v[i], dir),
                     renamed ? renamed : files.v[i]);
            if (renamed)
                strvec_push(&renamed_files, renamed);
            free(renamed);
            used++;
        }
        free(dir);
    }
    if (used == 0) {
        error("no profile to merge in the inputs (%zu file%s found, %lu skipped)", files.n,
              files.n == 1 ? "" : "s", skips);
        goto done;
    }
    list_path = xasprintf("%s.inputs.XXXXXX", m->output);
    tmp = xasprintf("%s.tmp.XXXXXX", m->output);
    if ((fd = mkstemp(list_path)) < 0) {
        error("create a temporary file for '%s':", m->output);
        free(list_path);
        list_path = NULL;
        goto done;
    }
    cleanup_add(list_path);
    close(fd);
    if ((fd = mkstemp(tmp)) < 0) {
        error("create a temporary file for '%s':", m->output);
        free(tmp);
        tmp = NULL;
        goto done;
    }
    cleanup_add(tmp);
    close(fd);
    if (write_file_atomic(list_path, list.data, list.len) < 0)
        goto done;
    out_arg = xasprintf("--output=%s", tmp);
    list_arg = xasprintf("--input-files=%s", list_path);
    {
        char *argv[] = {(char *)m->tool,
                        "merge",
                        out_arg,
                        list_arg,
                        in->skip_corrupt ? "--failure-mode=all" : NULL,
                        NULL};
        char *what = xasprintf("%s merge", m->tool);
        int failed = merge_run_tool(m, argv, what, &err) < 0;

        free(what);
        if (failed)
            goto done;
    }
    /* With --failure-mode=all llvm-profdata warns about each input it left out. */
    for (const char *line = err.data; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);

        if (len > 9 && strncmp(line, "warning: ", 9) == 0) {
            char *text = xstrndup(line + 9, len - 9), *sep = strstr(text, ": ");
            char *why = xasprintf("llvm-profdata could not read it (%s)", sep ? sep + 2 : "?");

            if (sep)
                *sep = '\0';
            skipped(text, why, &skips);
            used -= used > 0;
            free(why);
            free(text);
        }
        line = nl ? nl + 1 : NULL;
    }
    if (skips)
        warn("%lu corrupt input%s skipped, %zu merged", skips, skips == 1 ? "" : "s", used);
    if (publish_clang(m, major, tmp, used, skips) < 0)
        goto done;
    rc = 0;
done:
    if (tmp) {
        unlink(tmp);
        cleanup_forget(tmp);
    }
    if (list_path) {
        unlink(list_path);
        cleanup_forget(list_path);
    }
    for (size_t i = 0; i < renamed_files.n; i++) {
        unlink(renamed_files.v[i]);
        cleanup_forget(renamed_files.v[i]);
    }
    free(tmp);
    free(list_path);
    free(out_arg);
    free(list_arg);
    buf_release(&err);
    buf_release(&list);
    strvec_release(&files);
    strvec_release(&renamed_files);
    return rc;
}

/* GCC: why a directory's .gcda files do not all parse, or NULL. */
static const char *gcc_problem(const char *dir, const struct strvec *names)
{
    const char *why = NULL;

    for (size_t i = 0; i < names->n && !why; i++) {
        char *path = xasprintf("%s/%s", dir, names->v[i]);
        struct profile_stats st = {0, 0, 0};
        struct buf b;

        buf_init(&b);
        if (read_file(path, &b) < 0)
            why = "a .gcda file cannot be read";
        else if (gcda_count((const unsigned char *)b.data, b.len, &st, &why) < 0)
            why = "a .gcda file is truncated or corrupt";
        buf_release(&b);
        free(path);
    }
    return why;
}

/* GCC: the directories of .gcda files an input stands for: itself, or those just below it. */
static int gcc_collect(const char *input, struct strvec *dirs)
{
    struct strvec names;
    struct stat st;
    int rc;

    if (stat(input, &st) < 0 || !S_ISDIR(st.st_mode)) {
        error("--input '%s' is not a directory of .gcda files (GCC's profile is a directory)",
              input);
        return -1;
    }
    strvec_init(&names);
    rc = list_dir(input, ".gcda", &names);
    if (rc == 0 && names.n > 0) {
        strvec_push(dirs, input);
    } else if (rc == 0) {
        strvec_release(&names);
        strvec_init(&names);
        rc = list_dir(input, NULL, &names);
        for (size_t i = 0; i < names.n && rc == 0; i++) {
            char *sub = xasprintf("%s/%s", input, names.v[i]);
            struct strvec gcda;

            strvec_init(&gcda);
            if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode) && list_dir(sub, ".gcda", &gcda) == 0 &&
                gcda.n > 0)
                strvec_push(dirs, sub);
            strvec_release(&gcda);
            free(sub);
        }
    }
    strvec_release(&names);
    return rc;
}

/* Writes the .gcda files of DIR with their counts multiplied by W (> 1) to OUT, by plain
 * `gcov-tool merge` runs: DIR merged with itself doubles, and the powers of two that make W
 * are merged together, about 2 log2(W) runs. Not `gcov-tool rewrite -s W` (nor merge -w),
 * which GCC 12's libgcov-util stops on with an internal compiler error in
 * __gcov_topn_counter_op (or a crash) for any object that has an indirect call's counters.
 * The intermediate folders go below SCRATCH, a folder apart from the merge's inputs. Returns 0,
 * or -1 after printing an error. */
static int gcc_scale(const struct merge *m, const char *dir, unsigned long w, const char *out,
                     const char *scratch, size_t input)
{
    char *power = xstrdup(dir), *sum = NULL;
    int rc = 0;

    for (unsigned step = 0; w && rc == 0; step++) {
        if (w & 1) {
            char *next =
                (w >> 1) ? xasprintf("%s/s%06zu-sum%u", scratch, input, step) : xstrdup(out);

            if (sum) {
                char *argv[] = {(char *)m->tool, "merge", "-o", next, sum, power, NULL};
                struct buf err;

                buf_init(&err);
                rc = merge_run_tool(m, argv, "gcov-tool merge", &err);
                buf_release(&err);
            } else if (!(w >> 1)) {
                /* W is a power of two: the last power is the result. */
                rc = rename(power, next) < 0 ? (error("rename '%s':", power), -1) : 0;
            } else {
                free(next);
                next = xstrdup(power);
            }
            free(sum);
            sum = next;
        }
        w >>= 1;
        if (w && rc == 0) {
            char *twice = xasprintf("%s/s%06zu-pow%u", scratch, input, step + 1);
            char *argv[] = {(char *)m->tool, "merge", "-o", twice, power, power, NULL};
            struct buf err;

            buf_init(&err);
            rc = merge_run_tool(m, argv, "gcov-tool merge", &err);
            buf_release(&err);
            free(power);
            power = twice;
        }
    }
    free(power);
    free(sum);
    return rc;
}

/* The weights of the usable directories DIRS, divided when GCC's 32-bit summary totals would
 * not hold them (gcda_summary.h), with a line saying so. Returns 0, or -1 after an error. */
static int gcc_fit_weights(const struct strvec *dirs, unsigned long *w)
{
    struct gcda_summaries sums;
    unsigned long *fit, k;
    int weighted = 0;

    for (size_t i = 0; i < dirs->n; i++)
        weighted |= w[i] > 1;
    if (!weighted)
        return 0;
    if (gcda_summaries_read(dirs, &sums) < 0)
        return -1;
    fit = xcalloc(dirs->n ? dirs->n : 1, sizeof(*fit));
    k = gcda_weights_divisor(&sums, w, dirs->n, fit);
    if (k != 1) {
        struct buf said;

        buf_init(&said);
        for (size_t i = 0, shown = 0; i < dirs->n && shown < 6; i++) {
            int seen = 0;

            for (size_t j = 0; j < i && !seen; j++)
                seen = w[j] == w[i];
            if (!seen)
                buf_addf(&said, "%s%lu -> %lu", shown++ ? ", " : "", w[i], fit[i]);
        }
        note("the weights would take GCC's sum of each run's largest count to %" PRIu64
             ", past the 32 bits a .gcda file holds it in: merging with the weights %s (%s)",
             gcda_summaries_peak(&sums, w),
             k ? "divided by a common factor, the same mix" : "at 1 and the sum saturated",
             said.data);
        memcpy(w, fit, dirs->n * sizeof(*w));
        buf_release(&said);
    }
    free(fit);
    gcda_summaries_release(&sums);
    return 0;
}

static int merge_gcc_inputs(const struct merge *m, const struct merge_inputs *in)
{
    struct strvec dirs, usable;
    struct merge links = *m;
    char *staging = NULL, *scratch = NULL;
    unsigned long skips = 0, *w = NULL;
    int rc = 1;

    strvec_init(&dirs);
    strvec_init(&usable);
    for (size_t i = 0; i < in->paths.n; i++)
        if (gcc_collect(in->paths.v[i], &dirs) < 0)
            goto done;
    w = xcalloc(dirs.n ? dirs.n : 1, sizeof(*w));
    for (size_t i = 0; i < dirs.n; i++) {
        struct strvec names;
        const char *problem;

        strvec_init(&names);
        problem = list_dir(dirs.v[i], ".gcda", &names) < 0 ? "cannot be listed"
                                                           : gcc_problem(dirs.v[i], &names);
        strvec_release(&names);
        if (problem && !in->skip_corrupt) {
            error("'%s': %s: remove it, or pass --skip-corrupt to merge the others", dirs.v[i],
                  problem);
            goto done;
        }
        if (problem) {
            skipped(dirs.v[i], problem, &skips);
            continue;
        }
        w[usable.n] = weight_of(in, dirs.v[i], dirs.v[i]);
        strvec_push(&usable, dirs.v[i]);
    }
    if (skips)
        warn("%lu corrupt input%s skipped, %zu merged", skips, skips == 1 ? "" : "s", usable.n);
    if (usable.n == 0) {
        error("no profile to merge in the inputs (%zu director%s found, %lu skipped)", dirs.n,
              dirs.n == 1 ? "y" : "ies", skips);
        goto done;
    }
    if (gcc_fit_weights(&usable, w) < 0)
        goto done;
    if (!(staging = merge_temp_dir(m, "inputs")))
        goto done;
    for (size_t i = 0; i < usable.n; i++) {
        char *abs = absolute_path(usable.v[i]), *link = xasprintf("%s/i%06zu", staging, i);
        int bad = 0;

        if (w[i] == 1) {
            if (!abs || symlink(abs, link) < 0) {
                error("create link '%s':", link);
                bad = 1;
            }
        } else {
            if (!scratch)
                scratch = merge_temp_dir(m, "scale");
            bad = !scratch || gcc_scale(m, abs, w[i], link, scratch, i) < 0;
        }
        free(link);
        free(abs);
        if (bad)
            goto done;
    }
    links.raw_dir = staging;
    rc = merge_gcc(&links);
done:
    if (scratch) {
        remove_tree(scratch);
        cleanup_forget(scratch);
    }
    if (staging) {
        remove_tree(staging);
        cleanup_forget(staging);
    }
    free(staging);
    free(scratch);
    free(w);
    strvec_release(&usable);
    strvec_release(&dirs);
    return rc;
}

int merge_many(const struct merge *m, enum compiler compiler, const struct merge_inputs *in)
{
    if (m->raw_dir) {
        error("give the raw profiles either with --raw-dir or with --input, not both");
        return 2;
    }
    return compiler == COMPILER_CLANG ? merge_clang_inputs(m, in) : merge_gcc_inputs(m, in);
}

int merge_raw_weighted(const struct merge *m, enum compiler compiler, const struct strvec *weights)
{
    struct merge plain = *m;
    struct merge_inputs in;
    int rc;

    strvec_init(&in.paths);
    strvec_init(&in.weights);
    in.skip_corrupt = 0;
    for (size_t i = 0; i < weights->n; i++)
        strvec_push(&in.weights, weights->v[i]);
    strvec_push(&in.paths, m->raw_dir);
    if (m->base)
        strvec_push(&in.paths, m->base);
    plain.raw_dir = NULL; /* the inputs are in.paths now */
    plain.base = NULL;
    rc = merge_many(&plain, compiler, &in);
    strvec_release(&in.paths);
    strvec_release(&in.weights);
    return rc;
}
