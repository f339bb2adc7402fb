/* SPDX-License-Identifier: MIT */
/* pgo-helper train --reuse: which training tests an edit touched. After each training the
 * state RAW/reuse.state holds a hash of every object of the instrumented tree and the key of
 * the training (its tests' definitions, options and inputs), and each test's folder a list of
 * what it ran (RAW/tNNNN/ran): for Clang the functions with a count, for GCC the .gcda files
 * with one. The next training runs again the tests whose list names code of an object whose
 * hash moved; the others keep their folders and raw profiles. Anything the state cannot
 * speak for (another key, an object that appeared, went away or is not a C or C++ compile's,
 * an unfinished training) runs every test. */
#define _POSIX_C_SOURCE 200809L
#include "train_reuse.h"

#include "compile_db.h"
#include "fs.h"
#include "profdata_text.h"
#include "profile_formats.h"
#include "profile_reads.h"
#include "train_jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_HEADER "pgo-helper reuse 2"

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has(const struct strvec *sorted, const char *s)
{
    return sorted->n && bsearch(&s, sorted->v, sorted->n, sizeof(char *), str_cmp) != NULL;
}

/* The entry of OBJECT in a sorted list of "<object>\t..." lines: what follows the tab, or
 * NULL. */
static const char *entry_of(const struct strvec *v, const char *object)
{
    size_t lo = 0, hi = v->n, n = strlen(object);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(v->v[mid], object, n);

        if (c == 0 && v->v[mid][n] == '\t')
            return v->v[mid] + n + 1;
        if (c < 0 || (c == 0 && (unsigned char)v->v[mid][n] < '\t'))
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* "<object>\t<hash>\t<size> <mtime ns> <inode>" for each object file of the tree, sorted. An
 * object whose size, time stamp and inode are those THEN (the last record) has keeps its
 * hash there unread: a large tree's objects are not read again at every training. */
static int hash_objects(const char *build_dir, const struct strvec *then, struct strvec *out)
{
    struct strvec files;
    int rc;

    strvec_init(&files);
    rc = find_files(build_dir, ".o", &files);
    for (size_t i = 0; i < files.n && rc == 0; i++) {
        const char *old = entry_of(then, files.v[i]);
        struct stat st;
        char key[96];
        uint64_t h;

        if (stat(files.v[i], &st) < 0) {
            error("stat '%s':", files.v[i]);
            rc = -1;
            break;
        }
        snprintf(key, sizeof(key), "%lld %lld%09ld %llu", (long long)st.st_size,
                 (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                 (unsigned long long)st.st_ino);
        if (old && strlen(old) == 17 + strlen(key) && strcmp(old + 17, key) == 0) {
            strvec_pushf(out, "%s\t%.16s\t%s", files.v[i], old, key);
            continue;
        }
        rc = hash_file(files.v[i], &h);
        if (rc == 0)
            strvec_pushf(out, "%s\t%016llx\t%s", files.v[i], (unsigned long long)h, key);
    }
    strvec_release(&files);
    strvec_sort(out);
    return rc;
}

/* The objects of the compile database, each "<object>\t<source>", sorted. */
struct db_ctx {
    struct strvec *out;
};

static int take_compile(const struct compile_entry *e, void *ctx)
{
    struct db_ctx *c = ctx;
    char *output = e->file && e->directory ? compile_db_output(e) : NULL;

    if (output) {
        char *joined =
            output[0] == '/' ? xstrdup(output) : xasprintf("%s/%s", e->directory, output);
        char *path = absolute_path(joined);

        if (path)
            strvec_pushf(c->out, "%s\t%s", path, e->file);
        free(path);
        free(joined);
        free(output);
    }
    return 0;
}

static int read_compile_db(const char *file, struct strvec *out)
{
    struct buf db;
    struct db_ctx c = {out};

    buf_init(&db);
    if (access(file, F_OK) != 0 || read_file(file, &db) < 0) {
        buf_release(&db);
        return -1;
    }
    buf_add(&db, "", 1);
    compile_db_each(db.data, take_compile, &c);
    buf_release(&db);
    strvec_sort(out);
    return 0;
}

static unsigned long long key_hash(const char *key)
{
    return (unsigned long long)fnv1a64(FNV1A64_INIT, key, strlen(key));
}

/* Reads RAW/reuse.state into objects ("<object>\t<hash>" lines, sorted as written). Returns 0,
 * or -1 with a reason in why when there is no usable state. */
static int read_state(const struct train_reuse *r, struct strvec *objects, const char **why)
{
    char *path = xasprintf("%s/reuse.state", r->raw_dir);
    char *marker = xasprintf("%s/incomplete", r->raw_dir);
    char want[64];
    struct buf b;
    int rc = -1;

    buf_init(&b);
    snprintf(want, sizeof(want), "key %016llx", key_hash(r->key));
    if (access(marker, F_OK) == 0) {
        *why = "the last training did not finish";
    } else if (access(path, F_OK) != 0 || read_file(path, &b) < 0 || !b.data) {
        *why = "no earlier training to reuse";
    } else {
        char *line = b.data, *nl;
        int n = 0;

        buf_add(&b, "", 1);
        line = b.data;
        *why = "the record of the last training is damaged";
        for (; *line; line = nl + 1, n++) {
            nl = strchr(line, '\n');
            if (!nl)
                break;
            *nl = '\0';
            if (n == 0 && strcmp(line, STATE_HEADER) != 0) {
                if (starts_with(line, "pgo-helper reuse "))
                    *why = "the record of the last training is another pgo-helper version's";
                break;
            }
            if (n == 1 && strcmp(line, want) != 0) {
                *why = "the training changed (its tests, their commands, options or inputs)";
                break;
            }
            if (n >= 2)
                strvec_push(objects, line);
        }
        if (!*line && n >= 2) {
            *why = NULL;
            rc = 0;
        }
    }
    buf_release(&b);
    free(marker);
    free(path);
    return rc;
}

/* Adds a record's name to the buffer when one of its counters is set. */
static void take_ran(const struct llvm_text_record *rec, void *ctx)
{
    struct buf *out = ctx;

    for (size_t i = 0; i < rec->ncounts; i++) {
        if (rec->counts[i]) {
            buf_add(out, rec->name, rec->name_len);
            buf_add(out, "\n", 1);
            return;
        }
    }
}

/* What a Clang test ran: the functions of its raw profiles with a count, one per line. */
static int clang_ran(const struct train_reuse *r, const char *dir, struct buf *out)
{
    struct buf text;
    int rc;

    buf_init(&text);
    rc = profdata_text_dir(r->tool, dir, &text);
    if (rc == 0)
        llvm_text_records(text.data ? text.data : "", text.len, take_ran, out);
    buf_release(&text);
    return rc;
}

/* What a GCC test ran: its .gcda files with a function that ran, one per line. */
static int gcc_ran(const char *dir, struct buf *out)
{
    struct strvec names;
    int rc;

    strvec_init(&names);
    rc = list_dir(dir, ".gcda", &names);
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", dir, names.v[i]);
        struct gcda_function *fns = NULL;
        size_t n = 0;
        const char *why = NULL;
        struct buf data;
        int ran = 0;

        buf_init(&data);
        rc = read_file(path, &data);
        /* A file the merge would refuse is the merge's to report: count it as run. */
        if (rc == 0 && gcda_functions((const unsigned char *)(data.data ? data.data : ""), data.len,
                                      &fns, &n, &why) < 0)
            ran = 1;
        for (size_t k = 0; k < n && !ran; k++)
            ran = fns[k].ran;
        gcda_functions_release(fns, n);
        if (ran)
            buf_addf(out, "%s\n", names.v[i]);
        buf_release(&data);
        free(path);
    }
    strvec_release(&names);
    return rc;
}

/* What the changed objects hold that a test's "ran" list may name. GCC: their .gcda names.
 * Clang: their global functions, and their local ones as "<source's base name>\t<name>". */
struct touched {
    struct strvec names, locals;
};

static int touched_of(const struct train_reuse *r, const struct strvec *changed,
                      const struct strvec *db, struct touched *t)
{
    if (r->compiler == COMPILER_GCC) {
        for (size_t i = 0; i < changed->n; i++) {
            char *name = gcda_name_for_object(r->build_dir, changed->v[i]);

            if (name)
                strvec_push(&t->names, name);
            free(name);
        }
    } else if (changed->n > 0) {
        struct strvec *globals = xcalloc(changed->n, sizeof(*globals));
        struct strvec *locals = xcalloc(changed->n, sizeof(*locals));
        int rc = clang_object_functions(r->nm, NULL, changed->v, changed->n, globals, locals, NULL);

        for (size_t i = 0; i < changed->n; i++) {
            const char *base = base_name(entry_of(db, changed->v[i]));

            for (size_t k = 0; k < globals[i].n; k++)
                strvec_push(&t->names, globals[i].v[k]);
            for (size_t k = 0; k < locals[i].n; k++)
                strvec_pushf(&t->locals, "%s\t%s", base, locals[i].v[k]);
            strvec_release(&globals[i]);
            strvec_release(&locals[i]);
        }
        free(globals);
        free(locals);
        if (rc < 0) {
            error("'%s' could not read the functions of the instrumented objects that changed",
                  r->nm);
            return -1;
        }
    }
    strvec_sort(&t->names);
    strvec_sort(&t->locals);
    return 0;
}

/* Whether the "ran" list TEXT names something of T. A local function's profile name is
 * "<file>;<name>" (LLVM 18 and later) or "<file>:<name>". */
static int ran_touched(char *text, const struct touched *t)
{
    for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        char *sep;
        int hit;

        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        hit = has(&t->names, line);
        sep = strrchr(line, ';');
        if (!sep)
            sep = strchr(line, ':');
        if (!hit && sep && t->locals.n) {
            char *file = xstrndup(line, (size_t)(sep - line));
            char *key = xasprintf("%s\t%s", base_name(file), sep + 1);

            hit = has(&t->locals, key);
            free(key);
            free(file);
        }
        if (nl)
            *nl = '\n';
        if (hit)
            return 1;
    }
    return 0;
}

/* The test folders of RAW that hold a "ran" list: their test names and paths. */
static void earlier_runs(const char *raw, struct strvec *names, struct strvec *dirs)
{
    struct strvec entries;

    strvec_init(&entries);
    if (list_dir(raw, NULL, &entries) == 0) {
        for (size_t i = 0; i < entries.n; i++) {
            char *dir = xasprintf("%s/%s", raw, entries.v[i]);
            char *name_file = xasprintf("%s/name", dir);
            char *ran_file = xasprintf("%s/ran", dir);
            struct buf b;

            buf_init(&b);
            if (entries.v[i][0] == 't' && access(ran_file, F_OK) == 0 &&
                access(name_file, F_OK) == 0 && read_file(name_file, &b) == 0 && b.data) {
                size_t n = b.len;

                if (n > 0 && b.data[n - 1] == '\n')
                    n--;
                strvec_take_n(names, b.data, n);
                strvec_push(dirs, dir);
            }
            buf_release(&b);
            free(ran_file);
            free(name_file);
            free(dir);
        }
    }
    strvec_release(&entries);
}

/* Compares the objects now with the state's: the C and C++ ones that changed go to CHANGED;
 * returns 0, or -1 with a reason in why when one cannot be followed to the tests. */
static int diff_objects(const struct strvec *now, const struct strvec *then,
                        const struct strvec *db, struct strvec *changed, const char **why,
                        const char **which)
{
    size_t i = 0, k = 0;

    while (i < now->n || k < then->n) {
        const char *a = i < now->n ? now->v[i] : NULL, *b = k < then->n ? then->v[k] : NULL;
        size_t alen = a ? strcspn(a, "\t") : 0, blen = b ? strcspn(b, "\t") : 0;
        int c = !a ? 1 : !b ? -1 : strncmp(a, b, alen < blen ? alen : blen);

        if (a && b && c == 0)
            c = (alen > blen) - (alen < blen);
        if (c != 0) {
            *why = "an object appeared or went away since the last training";
            *which = c < 0 ? a : b;
            return -1;
        }
        if (strncmp(a + alen, b + blen, 17) != 0) { /* "\t" and the hash */
            char *object = xstrndup(a, alen);

            if (!entry_of(db, object)) {
                *why = "an object that is no C or C++ compile's changed";
                *which = a;
                free(object);
                return -1;
            }
            strvec_push(changed, object);
            free(object);
        }
        i++;
        k++;
    }
    return 0;
}

int train_reuse_plan(struct train_reuse *r, const struct ctest_list *list)
{
    struct strvec then, db, changed, names, dirs;
    struct touched t;
    const char *why = NULL, *which = NULL;
    int rc = -1;

    r->kept_from = xcalloc(list->n ? list->n : 1, sizeof(char *));
    r->kept = r->changed = 0;
    strvec_init(&r->objects);
    strvec_init(&then);
    strvec_init(&db);
    strvec_init(&changed);
    strvec_init(&names);
    strvec_init(&dirs);
    strvec_init(&t.names);
    strvec_init(&t.locals);
    if (read_state(r, &then, &why) < 0)
        strvec_release(&then); /* every object is read */
    if (hash_objects(r->build_dir, &then, &r->objects) < 0)
        goto done;
    rc = 0;
    if (!why && read_compile_db(r->compile_db, &db) < 0)
        why = "the instrumented tree has no compile_commands.json";
    if (why || diff_objects(&r->objects, &then, &db, &changed, &why, &which) < 0)
        goto done;
    r->changed = changed.n;
    if (touched_of(r, &changed, &db, &t) < 0) {
        rc = -1;
        goto done;
    }
    earlier_runs(r->raw_dir, &names, &dirs);
    for (size_t i = 0; i < list->n; i++) {
        for (size_t k = 0; k < names.n; k++) {
            char *ran_file;
            struct buf ran;

            if (strcmp(names.v[k], list->tests[i].name) != 0)
                continue;
            ran_file = xasprintf("%s/ran", dirs.v[k]);
            buf_init(&ran);
            if (read_file(ran_file, &ran) == 0) {
                buf_add(&ran, "", 1);
                if (!ran_touched(ran.data, &t)) {
                    r->kept_from[i] = xstrdup(dirs.v[k]);
                    r->kept++;
                }
            }
            buf_release(&ran);
            free(ran_file);
            break;
        }
    }
done:
    r->why = why;
    if (why && r->verbose)
        note("reuse: every test runs: %s%s%.*s", why, which ? ": " : "",
             which ? (int)strcspn(which, "\t") : 0, which ? which : "");
    strvec_release(&t.locals);
    strvec_release(&t.names);
    strvec_release(&dirs);
    strvec_release(&names);
    strvec_release(&changed);
    strvec_release(&db);
    strvec_release(&then);
    return rc;
}

int train_reuse_record(struct train_reuse *r, const struct ctest_list *list,
                       const unsigned char *run, const char *result)
{
    struct buf state, text;
    char *path;
    size_t nrun = 0;
    int rc = 0;

    for (size_t i = 0; i < list->n && rc == 0; i++) {
        char *dir, *file;
        struct buf ran;

        if (!run[i])
            continue;
        nrun++;
        dir = train_test_dir(r->raw_dir, i);
        file = xasprintf("%s/ran", dir);
        buf_init(&ran);
        rc = r->compiler == COMPILER_GCC ? gcc_ran(dir, &ran) : clang_ran(r, dir, &ran);
        if (rc == 0)
            rc = write_file_atomic(file, ran.data ? ran.data : "", ran.len);
        buf_release(&ran);
        free(file);
        free(dir);
    }
    if (rc < 0)
        return -1;
    buf_init(&state);
    buf_addf(&state, "%s\nkey %016llx\n", STATE_HEADER, key_hash(r->key));
    for (size_t i = 0; i < r->objects.n; i++)
        buf_addf(&state, "%s\n", r->objects.v[i]);
    path = xasprintf("%s/reuse.state", r->raw_dir);
    rc = write_file_atomic(path, state.data, state.len);
    free(path);
    buf_release(&state);
    buf_init(&text);
    buf_addf(&text, "tests=%zu run=%zu kept=%zu changed=%zu\n", list->n, nrun, list->n - nrun,
             r->changed);
    if (r->why && nrun == list->n)
        buf_addf(&text, "why=%s\n", r->why);
    if (rc == 0)
        rc = write_file_atomic(result, text.data, text.len);
    buf_release(&text);
    return rc;
}

void train_reuse_release(struct train_reuse *r, size_t n)
{
    if (r->kept_from)
        for (size_t i = 0; i < n; i++)
            free(r->kept_from[i]);
    free(r->kept_from);
    r->kept_from = NULL;
    strvec_release(&r->objects);
}
