/* SPDX-License-Identifier: MIT */
/* pgo-helper stamps: one stamp per optimized source, rewritten only when what its objects'
 * compiles read of the profile changed. The module makes each object depend on its source's
 * stamp (OBJECT_DEPENDS, or a force-included header in a multi-configuration tree), where it
 * used to depend on the whole profile. */
#define _POSIX_C_SOURCE 200809L
#include "stamps.h"

#include "cli.h"
#include "compile_db.h"
#include "fs.h"
#include "profile_reads.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* llvm-nm reads this many objects per run: one run per object would cost more than the
 * reading, one for all could pass the system's argument limit. */

struct source {
    const char *key, *path; /* into the manifest's text */
    uint64_t hash;
    size_t objects;
};

struct object {
    char *source; /* as the database names it */
    char *output; /* relative to the instrumented tree, as the optimized tree names it too */
    char *path;   /* the instrumented object */
    uint64_t hash;
    struct source *stamp; /* its source's stamp, once the manifest is read */
};

struct collect {
    struct object *v;
    size_t n, cap;
};

static int take_entry(const struct compile_entry *e, void *ctx)
{
    struct collect *c = ctx;
    char *output;

    if (!e->file || !e->directory || !(output = compile_db_output(e)))
        return 0;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
    }
    c->v[c->n].source = xstrdup(e->file);
    c->v[c->n].output = output;
    c->v[c->n].path = output[0] == '/' ? xstrdup(output) : xasprintf("%s/%s", e->directory, output);
    c->v[c->n].hash = 0;
    c->v[c->n].stamp = NULL;
    c->n++;
    return 0;
}

static int by_source(const void *pa, const void *pb)
{
    const struct object *a = pa, *b = pb;
    int c = strcmp(a->source, b->source);

    return c ? c : strcmp(a->output, b->output);
}

/* Reads the manifest's lines into v (pointing into text, which they cut). */
static size_t read_manifest(char *text, struct source **v)
{
    size_t n = 0, cap = 0;

    *v = NULL;
    for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        char *tab;

        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        tab = strchr(line, '\t');
        if (!tab || tab == line || !tab[1] || strchr(line, '/') < tab)
            continue; /* a key is a file name: never a path */
        *tab = '\0';
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            *v = xrealloc(*v, cap * sizeof(**v));
        }
        (*v)[n].key = line;
        (*v)[n].path = tab + 1;
        (*v)[n].hash = 0;
        (*v)[n].objects = 0;
        n++;
    }
    return n;
}

/* The hash of the whole profile: what a source whose objects are unknown reads. GCC's
 * profile is a link to a folder named after its content. */
static uint64_t whole_profile(const struct stamps_options *o)
{
    uint64_t h = fnv1a64(FNV1A64_INIT, "whole", 5);
    char target[PATH_MAX];
    ssize_t n;

    if (!o->clang && (n = readlink(o->profile, target, sizeof(target))) > 0)
        return fnv1a64(h, target, (size_t)n);
    if (hash_file(o->profile, &h) < 0)
        h = fnv1a64(h, o->profile, strlen(o->profile));
    return h;
}

/* Hashes what each object's compile reads; an object that cannot be read gets unknown. */
static int hash_objects(const struct stamps_options *o, struct object *obj, size_t n,
                        uint64_t unknown)
{
    struct clang_reads *reads;

    if (!o->clang) {
        for (size_t i = 0; i < n; i++)
            obj[i].hash = gcc_reads_hash(o->profile, obj[i].output);
        return 0;
    }
    if (!(reads = clang_reads_load(o->tool, o->profile, o->text_cache)))
        return -1;
    {
        struct strvec *globals = xcalloc(n ? n : 1, sizeof(*globals));
        struct strvec *locals = xcalloc(n ? n : 1, sizeof(*locals));
        struct strvec *counters = xcalloc(n ? n : 1, sizeof(*counters));
        char **paths = xcalloc(n ? n : 1, sizeof(*paths));
        char *cache = xasprintf("%s/nm-cache", o->stamp_dir);
        int bad;

        for (size_t i = 0; i < n; i++)
            paths[i] = obj[i].path;
        bad = clang_object_functions(o->nm, cache, paths, n, globals, locals, counters) < 0;
        if (bad)
            warn("'%s' could not read the instrumented objects: their sources compile again "
                 "with any new profile",
                 o->nm);
        for (size_t i = 0; i < n; i++) {
            obj[i].hash =
                bad ? unknown
                    : clang_reads_hash(reads, obj[i].source, &globals[i], &locals[i], &counters[i]);
            strvec_release(&globals[i]);
            strvec_release(&locals[i]);
            strvec_release(&counters[i]);
        }
        free(cache);
        free(paths);
        free(counters);
        free(locals);
        free(globals);
    }
    clang_reads_free(reads);
    return 0;
}

static int source_cmp(const void *pa, const void *pb)
{
    return strcmp(((const struct source *)pa)->path, ((const struct source *)pb)->path);
}

int stamps_run(const struct stamps_options *o)
{
    struct buf manifest, db, result;
    struct collect c = {NULL, 0, 0};
    struct source *src = NULL;
    size_t nsrc, objects = 0, recompiled = 0, unmapped = 0;
    uint64_t unknown = whole_profile(o);
    int rc = 1;

    buf_init(&manifest);
    buf_init(&db);
    buf_init(&result);
    if (read_file(o->manifest, &manifest) < 0) {
        error("cannot read the list of optimized sources '%s': configure the build tree again",
              o->manifest);
        goto done;
    }
    if (read_file(o->compile_db, &db) < 0)
        warn("cannot read '%s': every source compiles again with any new profile", o->compile_db);
    else if (db.data)
        compile_db_each(db.data, take_entry, &c);
    nsrc = manifest.data ? read_manifest(manifest.data, &src) : 0;
    qsort(src, nsrc, sizeof(*src), source_cmp);
    qsort(c.v, c.n, sizeof(*c.v), by_source);
    /* Only the objects of the module's targets: the others have no stamp. */
    {
        size_t kept = 0;

        for (size_t i = 0; i < c.n; i++) {
            struct source key = {NULL, c.v[i].source, 0, 0};

            c.v[i].stamp = bsearch(&key, src, nsrc, sizeof(*src), source_cmp);
            if (c.v[i].stamp) {
                c.v[kept++] = c.v[i];
            } else {
                free(c.v[i].source);
                free(c.v[i].output);
                free(c.v[i].path);
            }
        }
        c.n = kept;
    }
    if (hash_objects(o, c.v, c.n, unknown) < 0)
        goto done;
    for (size_t i = 0; i < nsrc; i++)
        src[i].hash = FNV1A64_INIT;
    for (size_t i = 0; i < c.n; i++) {
        struct source *s = c.v[i].stamp;

        s->hash = fnv1a64(s->hash, c.v[i].output, strlen(c.v[i].output) + 1);
        s->hash = fnv1a64(s->hash, &c.v[i].hash, sizeof(c.v[i].hash));
        s->objects++;
    }
    for (size_t i = 0; i < nsrc; i++) {
        char *path = xasprintf("%s/%s.h", o->stamp_dir, src[i].key);
        char *text;
        int changed = 0, bad;

        if (src[i].objects == 0) {
            src[i].hash = unknown;
            unmapped++;
        }
        text = xasprintf("/* pgo-helper stamps: the profile data of %s, %016" PRIx64 " */\n",
                         src[i].path, src[i].hash);
        bad = write_file_replace_if_changed(path, text, strlen(text), &changed) < 0;
        if (bad)
            error("cannot write '%s':", path);
        free(text);
        free(path);
        if (bad)
            goto done;
        objects += src[i].objects;
        if (changed)
            recompiled += src[i].objects;
        if (o->verbose && changed)
            note("new profile data for %s", src[i].path);
    }
    note("%zu of %zu objects compile again with the new profile; %zu kept (their profile data "
         "unchanged)",
         recompiled, objects, objects - recompiled);
    if (unmapped && o->verbose)
        note("%zu sources have no compile in %s: they compile again with any new profile", unmapped,
             o->compile_db);
    buf_addf(&result, "objects=%zu\nrecompiled=%zu\nkept=%zu\n", objects, recompiled,
             objects - recompiled);
    {
        char *path = xasprintf("%s/result", o->stamp_dir);

        if (write_file_atomic(path, result.data, result.len) < 0)
            error("cannot write '%s':", path);
        else
            rc = 0;
        free(path);
    }
done:
    for (size_t i = 0; i < c.n; i++) {
        free(c.v[i].source);
        free(c.v[i].output);
        free(c.v[i].path);
    }
    free(c.v);
    free(src);
    buf_release(&manifest);
    buf_release(&db);
    buf_release(&result);
    return rc;
}

enum {
    OPT_COMPILER = 1,
    OPT_PROFILE,
    OPT_MANIFEST,
    OPT_COMPILE_DB,
    OPT_STAMP_DIR,
    OPT_TOOL,
    OPT_NM,
    OPT_TEXT_CACHE,
    OPT_VERBOSE
};

static const char usage[] =
    "usage: pgo-helper stamps --compiler clang|gcc --profile PATH --manifest FILE\n"
    "                         --compile-db FILE --stamp-dir DIR [--tool LLVM_PROFDATA]\n"
    "                         [--nm LLVM_NM] [--text-cache FILE] [-v]\n"
    "\n"
    "Rewrites the stamp DIR/<key>.h of each source of the manifest whose objects read other\n"
    "data of the merged profile than at the last run, and leaves the others as they are.\n"
    "\n"
    "  --compiler KIND    clang or gcc\n"
    "  --profile PATH     the merged profile: a .profdata file, or a folder of .gcda files\n"
    "  --manifest FILE    \"<key><TAB><source>\" lines, written by the module\n"
    "  --compile-db FILE  the instrumented tree's compile_commands.json\n"
    "  --stamp-dir DIR    where the stamps are\n"
    "  --tool PATH        llvm-profdata (Clang)\n"
    "  --nm PATH          llvm-nm, which reads the instrumented objects (Clang)\n"
    "  --text-cache FILE  keeps the profile's text there for the summary and the report\n"
    "  -v, --verbose      name each source given new profile data\n"
    "  -h, --help         show this help\n"
    "      --version      show the version\n";

static const struct cli_option options[] = {
    {"compiler", 0, 1, OPT_COMPILER},
    {"profile", 0, 1, OPT_PROFILE},
    {"manifest", 0, 1, OPT_MANIFEST},
    {"compile-db", 0, 1, OPT_COMPILE_DB},
    {"stamp-dir", 0, 1, OPT_STAMP_DIR},
    {"tool", 0, 1, OPT_TOOL},
    {"nm", 0, 1, OPT_NM},
    {"text-cache", 0, 1, OPT_TEXT_CACHE},
    {"verbose", 'v', 0, OPT_VERBOSE},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

int cmd_stamps(int argc, char **argv)
{
    struct stamps_options o = {-1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0};
    struct cli c;
    int id, finished;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_COMPILER:
            if (strcmp(c.arg, "clang") != 0 && strcmp(c.arg, "gcc") != 0)
                return cli_usage_error(usage, "--compiler must be clang or gcc");
            o.clang = strcmp(c.arg, "clang") == 0;
            break;
        case OPT_PROFILE:
            o.profile = c.arg;
            break;
        case OPT_MANIFEST:
            o.manifest = c.arg;
            break;
        case OPT_COMPILE_DB:
            o.compile_db = c.arg;
            break;
        case OPT_STAMP_DIR:
            o.stamp_dir = c.arg;
            break;
        case OPT_TOOL:
            o.tool = c.arg;
            break;
        case OPT_TEXT_CACHE:
            o.text_cache = c.arg;
            break;
        case OPT_NM:
            o.nm = c.arg;
            break;
        case OPT_VERBOSE:
            o.verbose = 1;
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    if (o.clang < 0)
        return cli_usage_error(usage, "missing --compiler");
    if (!o.profile || !o.manifest || !o.compile_db || !o.stamp_dir)
        return cli_usage_error(usage, !o.profile      ? "missing --profile"
                                      : !o.manifest   ? "missing --manifest"
                                      : !o.compile_db ? "missing --compile-db"
                                                      : "missing --stamp-dir");
    if (o.clang && (!o.tool || !o.nm))
        return cli_usage_error(usage, "Clang needs --tool (llvm-profdata) and --nm (llvm-nm)");
    return stamps_run(&o);
}
