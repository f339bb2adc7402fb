/* SPDX-License-Identifier: MIT */
/* Naming the GCC functions that neither the object's symbols nor its source name: static,
 * inline, template and header functions, which have no symbol where their .gcda record is.
 * GCC itself knows their names: the notes (.gcno) that -ftest-coverage writes hold each
 * function's assembler name beside the checksums of its .gcda record.
 *
 * The instrumented build cannot write them: -ftest-coverage is not neutral (GCC then leaves
 * extern inline functions uninstrumented, so the profile and the code would differ from a
 * hand-made build's). So the report compiles again, for the objects holding the hottest
 * unnamed functions only, the object's own instrumented compile line (from the instrumented
 * tree's compile_commands.json) with -ftest-coverage into a temporary directory, writing no
 * object, and reads the notes with gcov-dump. Functions are matched on their lineno and CFG
 * checksums, which do not depend on the object's name. What it finds is kept beside the
 * instrumented tree (<tree>/_pgo/gcc-names.txt), so the next report compiles nothing. */
#define _POSIX_C_SOURCE 200809L
#include "report_gcc_notes.h"

#include "cleanup.h"
#include "compile_db.h"
#include "fs.h"
#include "report_gcc.h"
#include "subprocess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Objects compiled again per report, the most unnamed counts first. */
enum { MAX_OBJECTS = 12 };

static void notes_add(struct gcc_notes *t, uint32_t lineno, uint32_t cfg, const char *name)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
    }
    t->v[t->n].lineno = lineno;
    t->v[t->n].cfg = cfg;
    t->v[t->n].name = name ? xstrdup(name) : NULL;
    t->n++;
}

static const struct gcc_noted *notes_find(const struct gcc_notes *t, uint32_t lineno, uint32_t cfg)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].lineno == lineno && t->v[i].cfg == cfg)
            return &t->v[i];
    return NULL;
}

/* The kept names: "<lineno checksum> <cfg checksum> <name or ->" lines. */
static void notes_load(struct gcc_notes *t, const char *path)
{
    struct buf b;

    buf_init(&b);
    if (access(path, R_OK) == 0 && read_file(path, &b) == 0) {
        for (char *line = b.data; line && *line;) {
            char *nl = strchr(line, '\n'), *name;
            unsigned long lineno, cfg;

            if (nl)
                *nl = '\0';
            lineno = strtoul(line, &name, 16);
            cfg = strtoul(name, &name, 16);
            if (*name == ' ' && name[1])
                notes_add(t, (uint32_t)lineno, (uint32_t)cfg,
                          strcmp(name + 1, "-") == 0 ? NULL : name + 1);
            line = nl ? nl + 1 : NULL;
        }
    }
    buf_release(&b);
}

static void notes_save(const struct gcc_notes *t, const char *path)
{
    struct buf b;

    buf_init(&b);
    for (size_t i = 0; i < t->n; i++)
        buf_addf(&b, "%08x %08x %s\n", (unsigned)t->v[i].lineno, (unsigned)t->v[i].cfg,
                 t->v[i].name ? t->v[i].name : "-");
    if (write_file_atomic(path, b.data ? b.data : "", b.len) < 0)
        warn("cannot keep the names of GCC's notes in '%s'", path);
    buf_release(&b);
}

void gcc_notes_release(struct gcc_notes *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].name);
    free(t->v);
}

struct find_compile {
    const char *object; /* an absolute path */
    char **dir;
    struct strvec *words;
};

static int compile_names(const struct compile_entry *e, void *ctx)
{
    struct find_compile *f = ctx;
    struct strvec words;
    int found = 0;

    if (!e->directory || !e->command)
        return 0;
    strvec_init(&words);
    compile_db_shell_words(e->command, &words);
    for (size_t i = 0; i + 1 < words.n && !found; i++) {
        if (strcmp(words.v[i], "-o") == 0) {
            const char *o = words.v[i + 1];
            char *full = o[0] == '/' ? xstrdup(o) : xasprintf("%s/%s", e->directory, o);

            found = strcmp(full, f->object) == 0;
            free(full);
        }
    }
    if (!found) {
        strvec_release(&words);
        return 0;
    }
    *f->dir = xstrdup(e->directory);
    strvec_release(f->words);
    *f->words = words;
    return 1;
}

/* The compile of object (an absolute path in the instrumented tree) in the compile database
 * db: its directory and its words. Returns 0, or -1 if the database has no such compile. */
static int find_compile(const char *db, const char *object, char **dir, struct strvec *words)
{
    struct find_compile f = {object, dir, words};

    return compile_db_each(db, compile_names, &f) ? 0 : -1;
}

/* The compile again, writing only notes to gcno: no object, no dependency file, and no
 * launcher (a cache would answer without writing notes). */
static void notes_compile_argv(const struct strvec *words, const char *dir, const char *gcno,
                               struct strvec *argv)
{
    static const char *const launchers[] = {"ccache", "sccache", "distcc", "icecc"};
    size_t start = 0;

    for (int again = 1; again && start < words->n;) {
        again = 0;
        for (size_t k = 0; k < sizeof(launchers) / sizeof(launchers[0]); k++)
            if (strcmp(base_name(words->v[start]), launchers[k]) == 0) {
                start++;
                again = 1;
                break;
            }
    }
    /* sh -c 'cd DIR && exec "$@"': the compile's own working directory. */
    strvec_push(argv, "/bin/sh");
    strvec_push(argv, "-c");
    strvec_push(argv, "cd \"$0\" && exec \"$@\"");
    strvec_push(argv, dir);
    for (size_t i = start; i < words->n; i++) {
        const char *w = words->v[i];

        if (strcmp(w, "-c") == 0 || strcmp(w, "-MD") == 0 || strcmp(w, "-MMD") == 0)
            continue;
        if (strcmp(w, "-o") == 0 || strcmp(w, "-MF") == 0 || strcmp(w, "-MT") == 0 ||
            strcmp(w, "-MQ") == 0) {
            i++;
            continue;
        }
        strvec_push(argv, w);
    }
    strvec_push(argv, "-S");
    strvec_push(argv, "-o");
    strvec_push(argv, "/dev/null");
    strvec_push(argv, "-ftest-coverage");
    strvec_pushf(argv, "-fprofile-note=%s", gcno);
}

/* A hex or decimal number after key in line, 0 if none. */
static uint32_t field(const char *line, const char *key)
{
    const char *p = strstr(line, key);

    return p ? (uint32_t)strtoul(p + strlen(key), NULL, 0) : 0;
}

/* Reads gcov-dump -l's FUNCTION lines:
 *   x.gcno:  01000000: 142:FUNCTION ident=114557761, lineno_checksum=0xe7405ec9,
 *   cfg_checksum=0x4a8e1ad7, `_ZN12_GLOBAL__N_16Parser4termEv' calc.cpp:75:12-88:5 */
static size_t read_dump(const char *text, struct gcc_notes *t)
{
    size_t n = 0;

    for (const char *line = text; line && *line;) {
        const char *nl = strchr(line, '\n'), *fn = strstr(line, "FUNCTION ");
        size_t len = nl ? (size_t)(nl - line) : strlen(line);

        if (fn && (size_t)(fn - line) < len) {
            char *copy = xstrndup(line, len), *open = strchr(copy, '`'), *close;

            close = open ? strchr(open, '\'') : NULL;
            if (close) {
                uint32_t lineno = field(copy, "lineno_checksum="),
                         cfg = field(copy, "cfg_checksum=");

                *close = '\0';
                if (!notes_find(t, lineno, cfg) && open[1]) {
                    notes_add(t, lineno, cfg, open + 1);
                    t->changed = 1;
                    n++;
                }
            }
            free(copy);
        }
        line = nl ? nl + 1 : NULL;
    }
    return n;
}

/* The parsers above read NUL-terminated text: each gets a copy of the len bytes, which ends at
 * the first NUL as the file read would. */
int gcc_notes_find_compile(const char *db, size_t len, const char *object, char **dir,
                           struct strvec *words)
{
    char *text = xstrndup(db, len);
    int rc = find_compile(text, object, dir, words);

    free(text);
    return rc;
}

size_t gcc_notes_read_dump(const char *text, size_t len, struct gcc_notes *t)
{
    char *copy = xstrndup(text, len);
    size_t n = read_dump(copy, t);

    free(copy);
    return n;
}

/* Compiles object again for its notes and adds their names to t. Returns 0, or -1 (with a
 * note when verbose) if that failed. */
static int read_notes(const struct report *r, const char *db, size_t db_len, const char *object,
                      struct gcc_notes *t)
{
    const char *tmp = getenv("TMPDIR");
    char *template = xasprintf("%s/pgo-notes.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *workdir = mkdtemp(template), *dir = NULL, *gcno;
    struct strvec words, argv;
    struct buf out, err;
    int status = 0, rc = -1;

    strvec_init(&words);
    strvec_init(&argv);
    buf_init(&out);
    buf_init(&err);
    if (workdir)
        cleanup_add(workdir);
    gcno = workdir ? xasprintf("%s/notes.gcno", workdir) : NULL;
    if (!gcno) {
        if (r->verbose)
            note("cannot make a temporary directory in '%s' for GCC's notes", tmp ? tmp : "/tmp");
    } else if (gcc_notes_find_compile(db, db_len, object, &dir, &words) < 0) {
        if (r->verbose)
            note("no compile of '%s' in the instrumented tree's compile_commands.json", object);
    } else {
        notes_compile_argv(&words, dir, gcno, &argv);
        if (run_capture(argv.v, NULL, &out, &err, &status) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0 || access(gcno, R_OK) < 0) {
            if (r->verbose)
                note("compiling '%s' again for GCC's notes failed:\n%s", object,
                     err.data ? err.data : "");
        } else {
            char *dump_argv[] = {(char *)r->gcov_dump, "-l", gcno, NULL};

            buf_release(&out);
            buf_init(&out);
            if (run_capture(dump_argv, NULL, &out, &err, &status) == 0 && WIFEXITED(status) &&
                WEXITSTATUS(status) == 0) {
                size_t n = gcc_notes_read_dump(out.data ? out.data : "", out.len, t);

                if (r->verbose)
                    note("GCC's notes of '%s' name %zu functions", object, n);
                rc = 0;
            } else if (r->verbose) {
                note("'%s -l' cannot read GCC's notes of '%s':\n%s", r->gcov_dump, object,
                     err.data ? err.data : "");
            }
        }
    }
    if (workdir) {
        remove_tree(workdir);
        cleanup_forget(workdir);
    }
    free(gcno);
    free(dir);
    free(template);
    strvec_release(&words);
    strvec_release(&argv);
    buf_release(&out);
    buf_release(&err);
    return rc;
}

/* Gives f its name from t, if t has it. */
static void take_name(struct report *r, struct rfunc *f, const struct gcc_notes *t)
{
    const struct gcc_noted *n = notes_find(t, f->gcc_lineno, f->gcc_cfg);

    if (!n || !n->name)
        return;
    free(f->name);
    f->name = xstrdup(n->name);
    f->unnamed = 0;
    r->gcc_unnamed--;
}

struct candidate {
    size_t obj;
    uint64_t unnamed_total;
};

static int by_total(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;

    if (x->unnamed_total != y->unnamed_total)
        return x->unnamed_total < y->unnamed_total ? 1 : -1;
    return x->obj < y->obj ? -1 : x->obj > y->obj;
}

/* Adds to names the symbols nm lists of file with its options (-P output: name first). */
static void nm_names(const char *nm, const char *opt1, const char *opt2, const char *file,
                     struct strvec *names)
{
    char *argv[] = {(char *)nm, "-P", (char *)opt1, (char *)opt2, (char *)file, NULL};
    struct buf out, err;
    int status = 0;

    buf_init(&out);
    buf_init(&err);
    if (run_capture(argv, NULL, &out, &err, &status) == 0 && WIFEXITED(status) &&
        WEXITSTATUS(status) == 0) {
        for (const char *line = out.data; line && *line;) {
            const char *nl = strchr(line, '\n');
            size_t n = strcspn(line, " @\n");

            if (n > 2 && line[0] == '_' && line[1] == 'Z')
                strvec_take_n(names, line, n);
            line = nl ? nl + 1 : NULL;
        }
    }
    buf_release(&out);
    buf_release(&err);
}

/* An extern template's copy (std::string's members, instantiated in libstdc++) is in no
 * object's notes, but it is public, so its ident is the hash of its name: try the names the
 * objects call and the C++ library's. */
static void name_by_ident(struct report *r, struct gcc_notes *kept)
{
    const char *nm = r->nm ? r->nm : "nm";
    struct strvec names;
    int any = 0;

    for (size_t i = 0; i < r->nfns && !any; i++)
        any = r->fns[i].unnamed && r->fns[i].ran;
    if (!any)
        return;
    strvec_init(&names);
    for (size_t k = 0; k < r->nobjs; k++) {
        int wanted = 0;

        for (size_t i = 0; i < r->nfns && !wanted; i++)
            wanted = r->fns[i].unnamed && r->fns[i].ran && r->fns[i].obj == (long)k;
        if (wanted)
            nm_names(nm, "--undefined-only", "--no-sort", r->objs[k].object, &names);
    }
    if (r->compiler_path) {
        char *argv[] = {(char *)r->compiler_path, "-print-file-name=libstdc++.so", NULL};
        struct buf out;
        int status = 0;

        buf_init(&out);
        if (run_capture(argv, NULL, &out, NULL, &status) == 0 && WIFEXITED(status) &&
            WEXITSTATUS(status) == 0 && out.data && out.data[0] == '/') {
            out.data[strcspn(out.data, "\n")] = '\0';
            nm_names("nm", "-D", "--defined-only", out.data, &names);
        }
        buf_release(&out);
    }
    for (size_t c = 0; c < names.n; c++) {
        uint32_t id = gcc_profile_id(names.v[c]);

        for (size_t i = 0; i < r->nfns; i++) {
            struct rfunc *f = &r->fns[i];
            struct gcc_noted *n;

            if (!f->unnamed || f->gcc_ident != id)
                continue;
            free(f->name);
            f->name = xstrdup(names.v[c]);
            f->unnamed = 0;
            r->gcc_unnamed--;
            n = (struct gcc_noted *)notes_find(kept, f->gcc_lineno, f->gcc_cfg);
            if (n && !n->name) {
                n->name = xstrdup(names.v[c]);
                kept->changed = 1;
            }
        }
    }
    strvec_release(&names);
}

void report_gcc_notes(struct report *r)
{
    struct candidate *objs;
    struct gcc_notes kept = {0};
    struct buf db;
    char *db_path, *kept_path, *build;
    size_t nobjs = 0;

    if (r->clang || !r->notes_from || !r->gcov_dump || r->gcc_unnamed == 0)
        return;
    db_path = xasprintf("%s/compile_commands.json", r->notes_from);
    kept_path = xasprintf("%s/_pgo/gcc-names.txt", r->notes_from);
    notes_load(&kept, kept_path);
    for (size_t i = 0; i < r->nfns; i++)
        if (r->fns[i].unnamed)
            take_name(r, &r->fns[i], &kept);

    /* The objects still holding unnamed functions that ran and that were never tried. */
    objs = xcalloc(r->nobjs + 1, sizeof(*objs));
    for (size_t k = 0; k < r->nobjs; k++) {
        uint64_t total = 0;

        for (size_t i = 0; i < r->nfns; i++) {
            const struct rfunc *f = &r->fns[i];

            if (f->unnamed && f->ran && f->obj == (long)k &&
                !notes_find(&kept, f->gcc_lineno, f->gcc_cfg))
                total += f->total ? f->total : 1;
        }
        if (total) {
            objs[nobjs].obj = k;
            objs[nobjs++].unnamed_total = total;
        }
    }
    qsort(objs, nobjs, sizeof(*objs), by_total);
    buf_init(&db);
    build = absolute_path(r->build_dir);
    if (nobjs && build && access(db_path, R_OK) == 0 && read_file(db_path, &db) == 0) {
        size_t blen = strlen(build);

        for (size_t c = 0; c < nobjs && c < MAX_OBJECTS; c++) {
            const char *object = r->objs[objs[c].obj].object;
            char *there;

            if (strncmp(object, build, blen) != 0 || object[blen] != '/')
                continue;
            there = xasprintf("%s%s", r->notes_from, object + blen);
            read_notes(r, db.data, db.len, there, &kept);
            /* What the notes did not name (or a compile that failed) is not tried again. */
            for (size_t i = 0; i < r->nfns; i++) {
                struct rfunc *f = &r->fns[i];

                if (f->unnamed && f->obj == (long)objs[c].obj &&
                    !notes_find(&kept, f->gcc_lineno, f->gcc_cfg)) {
                    notes_add(&kept, f->gcc_lineno, f->gcc_cfg, NULL);
                    kept.changed = 1;
                }
            }
            free(there);
        }
        if (nobjs > MAX_OBJECTS && r->verbose)
            note("GCC's notes: %zu objects with unnamed functions, the %d with the most counts "
                 "compiled again",
                 nobjs, MAX_OBJECTS);
    } else if (nobjs && r->verbose) {
        note("no '%s': functions GCC names only by number stay so", db_path);
    }
    /* Also the copies of a header's functions in the objects not compiled again. */
    for (size_t i = 0; i < r->nfns; i++)
        if (r->fns[i].unnamed)
            take_name(r, &r->fns[i], &kept);
    name_by_ident(r, &kept);
    if (kept.changed)
        notes_save(&kept, kept_path);
    free(build);
    buf_release(&db);
    free(objs);
    gcc_notes_release(&kept);
    free(db_path);
    free(kept_path);
}
