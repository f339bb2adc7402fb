/* SPDX-License-Identifier: MIT */
/* pgo-helper report: reading what the report shows. Three sources, joined by function name
 * and source file:
 *   the profile     Clang: `llvm-profdata merge --text` (static functions are "file;name",
 *                   or "file:name" before LLVM 15); GCC: the .gcda file of each object,
 *                   whose functions are named by report_gcc.c
 *   the compile logs of pgo-helper launch: the object, its source and the compiler's profile
 *                   warnings (read by report_logs.c)
 *   the objects     their function symbols: which object defines a public function, and
 *                   where the profile placed each one (hot, cold, other) */
#define _POSIX_C_SOURCE 200809L
#include "report_data.h"

#include "elf_scan.h"
#include "fs.h"
#include "profdata_text.h"
#include "profile_formats.h"
#include "report_elf.h"
#include "report_gcc.h"
#include "report_gcc_notes.h"
#include "report_logs.h"
#include "report_lto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void report_init(struct report *r)
{
    memset(r, 0, sizeof(*r));
    r->top = 10;
    kv_init(&r->meta);
    kv_init(&r->bench.kv);
}

/* The comparison with the workload (report_representative.c) is part of the report, so it is
 * released with it, here, below the file that fills it. */
static void release_representative(struct report *r)
{
    if (r->rep.work) {
        report_release(r->rep.work);
        free(r->rep.work);
    }
    free(r->rep.under);
    memset(&r->rep, 0, sizeof(r->rep));
}

void report_release(struct report *r)
{
    release_representative(r);
    test_profiles_release(&r->tests);
    for (size_t i = 0; i < r->nfns; i++) {
        free(r->fns[i].name);
        free(r->fns[i].file);
        free(r->fns[i].counts);
    }
    for (size_t i = 0; i < r->nobjs; i++) {
        free(r->objs[i].object);
        free(r->objs[i].source);
        free(r->objs[i].target);
        report_free_syms(r->objs[i].syms, r->objs[i].nsyms);
    }
    for (size_t i = 0; i < r->nwarns; i++) {
        free(r->warns[i].file);
        free(r->warns[i].function);
        free(r->warns[i].text);
        free(r->warns[i].shown_text);
    }
    free(r->fns);
    free(r->objs);
    free(r->warns);
    free(r->files);
    free(r->compiler_version);
    demangled_release(&r->names);
    kv_release(&r->meta);
    kv_release(&r->bench.kv);
}

/* Adds a function; name and file are copied (file may be NULL). */
static struct rfunc *add_fn(struct report *r, const char *name, size_t name_len, const char *file)
{
    struct rfunc *f;

    if (r->nfns == r->capfns) {
        r->capfns = r->capfns ? r->capfns * 2 : 64;
        r->fns = xrealloc(r->fns, r->capfns * sizeof(*r->fns));
    }
    f = &r->fns[r->nfns++];
    memset(f, 0, sizeof(*f));
    f->name = xstrndup(name, name_len);
    f->file = file ? xstrdup(file) : NULL;
    f->in_profile = 1;
    f->placement = PLACE_UNKNOWN;
    f->obj = -1;
    return f;
}

/* Clang's profile name: "file;name" (LLVM 15 and later) or "file:name" for a function with
 * internal linkage, "name" for the others. Identifiers and mangled names hold neither. */
static void add_clang_record(struct report *r, const char *line, size_t len, const uint64_t *counts,
                             size_t ncounts)
{
    size_t sep = len;
    struct rfunc *f;

    while (sep > 0 && line[sep - 1] != ';' && line[sep - 1] != ':')
        sep--;
    if (sep > 1) {
        char *file = xstrndup(line, sep - 1);

        /* The module strips the source tree's directories from these names (a profile made
         * in another checkout matches): the path is then below the source tree. */
        if (file[0] != '/' && r->source_dir) {
            char *full = xasprintf("%s/%s", r->source_dir, file);

            free(file);
            file = full;
        }
        f = add_fn(r, line + sep, len - sep, file);
        free(file);
    } else {
        f = add_fn(r, line, len, NULL);
    }
    for (size_t i = 0; i < ncounts; i++) {
        f->total += counts[i];
        if (counts[i] > f->max)
            f->max = counts[i];
    }
    f->ran = f->max != 0;
    if (ncounts > 0) {
        f->counts = xmalloc(ncounts * sizeof(*f->counts));
        memcpy(f->counts, counts, ncounts * sizeof(*f->counts));
        f->ncounts = ncounts;
    }
}

/* A record of `llvm-profdata merge --text` (llvm_text_records, profile_formats.c) into the
 * report; a context-sensitive one repeats a function of the plain records: only counted. */
static void add_text_record(const struct llvm_text_record *rec, void *ctx)
{
    struct report *r = ctx;

    if (rec->cs)
        r->cs_records++;
    else
        add_clang_record(r, rec->name, rec->name_len, rec->counts, rec->ncounts);
}

static int read_profile_clang(struct report *r)
{
    struct buf text;
    char *cache = r->build_dir ? xasprintf("%s/" PROFILE_TEXT_CACHE, r->build_dir) : NULL;
    int rc;

    buf_init(&text);
    rc = profdata_text(r->tool, r->profile, cache, &text);
    if (rc == 0)
        llvm_text_records(text.data, text.len, add_text_record, r);
    buf_release(&text);
    free(cache);
    return rc;
}

/* A symbol of object o named name (GCC clones "name.constprop.0" count), or NULL. */
static const struct rsym *find_sym(const struct robj *o, const char *name, int global_only)
{
    size_t n = strlen(name);

    for (size_t i = 0; i < o->nsyms; i++) {
        const char *s = o->syms[i].name;

        if (global_only && !o->syms[i].global)
            continue;
        if (strncmp(s, name, n) == 0 && (s[n] == '\0' || (!global_only && s[n] == '.')))
            return &o->syms[i];
    }
    return NULL;
}

static long object_of_source(const struct report *r, const char *file)
{
    const char *rel = path_below(file, r->source_dir);
    size_t n = rel ? strlen(rel) : 0;

    for (size_t i = 0; i < r->nobjs; i++)
        if (r->objs[i].source && strcmp(r->objs[i].source, file) == 0)
            return (long)i;
    /* A generated source outside the source tree: its name kept only the directories past
     * the source tree's depth, so the object whose source ends so is the one. */
    for (size_t i = 0; rel && i < r->nobjs; i++) {
        const char *src = r->objs[i].source;
        size_t len = src ? strlen(src) : 0;

        if (len > n && src[len - n - 1] == '/' && strcmp(src + len - n, rel) == 0)
            return (long)i;
    }
    return -1;
}

/* Clang: which object compiled each function of the profile. */
/* A public function symbol and the object defining it, for lookups by name. */
struct global_sym {
    const char *name;
    size_t obj;
    int placement;
};

static int compare_global_syms(const void *a, const void *b)
{
    return strcmp(((const struct global_sym *)a)->name, ((const struct global_sym *)b)->name);
}

static void attribute_clang(struct report *r)
{
    struct global_sym *index;
    size_t n = 0, total = 0;

    for (size_t k = 0; k < r->nobjs; k++)
        total += r->objs[k].nsyms;
    index = xcalloc(total + 1, sizeof(*index));
    for (size_t k = 0; k < r->nobjs; k++)
        for (size_t j = 0; j < r->objs[k].nsyms; j++)
            if (r->objs[k].syms[j].global) {
                index[n].name = r->objs[k].syms[j].name;
                index[n].obj = k;
                index[n].placement = r->objs[k].syms[j].placement;
                n++;
            }
    if (n > 1)
        qsort(index, n, sizeof(*index), compare_global_syms);
    for (size_t i = 0; i < r->nfns; i++) {
        struct rfunc *f = &r->fns[i];

        if (f->file) {
            const struct rsym *s;

            f->obj = object_of_source(r, f->file);
            s = f->obj >= 0 ? find_sym(&r->objs[f->obj], f->name, 0) : NULL;
            if (s)
                f->placement = s->placement;
        } else {
            struct global_sym key = {f->name, 0, 0};
            const struct global_sym *g =
                n ? bsearch(&key, index, n, sizeof(*index), compare_global_syms) : NULL;

            if (g) {
                f->obj = (long)g->obj;
                f->placement = g->placement;
                if (r->objs[g->obj].source)
                    f->file = xstrdup(r->objs[g->obj].source);
            }
        }
    }
    free(index);
}

/* GCC: the functions of each object's .gcda, named where possible. */
static void read_profile_gcc(struct report *r)
{
    char *build = absolute_path(r->build_dir);

    for (size_t i = 0; build && i < r->nobjs; i++) {
        struct robj *o = &r->objs[i];
        char *name = gcda_name_for_object(build, o->object), *path;
        struct gcda_function *g = NULL;
        struct buf data, src;
        size_t ng = 0;
        const char *why;

        if (!name)
            continue;
        path = xasprintf("%s/%s", r->profile, name);
        buf_init(&data);
        buf_init(&src);
        if (access(path, F_OK) == 0 && read_file(path, &data) == 0) {
            o->profile_found = 1;
            if (gcda_functions((const unsigned char *)data.data, data.len, &g, &ng, &why) < 0)
                warn("'%s' is not a valid .gcda file (%s): not counted", path, why);
            if (ng > 0 && o->source && access(o->source, R_OK) == 0 &&
                read_file(o->source, &src) == 0)
                gcda_name_functions(g, ng, o->source, src.data, src.len, o->syms, o->nsyms);
            else if (ng > 0)
                gcda_name_functions(g, ng, "", "", 0, o->syms, o->nsyms);
        }
        for (size_t k = 0; k < ng; k++) {
            char id[24];
            struct rfunc *f;
            const struct rsym *s;

            snprintf(id, sizeof(id), "#%08x", (unsigned)g[k].ident);
            f = add_fn(r, g[k].name ? g[k].name : id, strlen(g[k].name ? g[k].name : id),
                       o->source);
            f->unnamed = !g[k].name;
            f->gcc_ident = g[k].ident;
            f->gcc_lineno = g[k].lineno_checksum;
            f->gcc_cfg = g[k].cfg_checksum;
            f->total = g[k].total;
            f->max = g[k].max;
            f->ran = g[k].ran;
            f->counts = g[k].arcs; /* ownership passes to the report */
            f->ncounts = g[k].narcs;
            g[k].arcs = NULL;
            f->obj = (long)i;
            s = g[k].name ? find_sym(o, g[k].name, 0) : NULL;
            if (s)
                f->placement = s->placement;
            r->gcc_unnamed += f->unnamed;
        }
        gcda_functions_release(g, ng);
        buf_release(&src);
        buf_release(&data);
        free(path);
        free(name);
    }
    free(build);
}

/* Every object's symbol, and every out-of-date warning, sorted by name, so that
 * mark_variants looks each warned function up instead of scanning every symbol of every
 * object for each warning (a stale profile of a large build warns for thousands). */
struct sym_ref {
    const char *name;
    size_t obj;
    int global;
};

struct warn_ref {
    const char *function;
    size_t obj;
    size_t warn;
};

static int compare_sym_refs(const void *a, const void *b)
{
    const struct sym_ref *x = a, *y = b;
    int c = strcmp(x->name, y->name);

    return c ? c : (x->obj > y->obj) - (x->obj < y->obj);
}

static int compare_warn_refs(const void *a, const void *b)
{
    const struct warn_ref *x = a, *y = b;
    int c = strcmp(x->function, y->function);

    return c ? c : (x->obj > y->obj) - (x->obj < y->obj);
}

/* The first of the n sorted symbols whose name is not below name. */
static size_t first_sym_from(const struct sym_ref *refs, size_t n, const char *name)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(refs[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether object OBJ warned that its function NAME is out of date (and the warning is not
 * taken as a variant yet). refs: the out-of-date warnings, sorted. */
static int warned_out_of_date(const struct report *r, const struct warn_ref *refs, size_t n,
                              size_t obj, const char *name)
{
    size_t lo = 0, hi = n;

    while (lo < hi) { /* the first (name, obj) not below the key */
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(refs[mid].function, name);

        if (c < 0 || (c == 0 && refs[mid].obj < obj))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < n && refs[lo].obj == obj && strcmp(refs[lo].function, name) == 0; lo++)
        if (!r->warns[refs[lo].warn].variant)
            return 1;
    return 0;
}

/* Whether objects A and B were compiled from the same source file. */
static int same_source(const struct robj *a, const struct robj *b)
{
    return a->source && b->source && strcmp(a->source, b->source) == 0;
}

/* Whether another object than w's defines w's function, under the name the profile shares
 * with w's (below), and did not warn that it is out of date. */
static int matched_elsewhere(const struct report *r, const struct rwarn *w,
                             const struct sym_ref *syms, size_t nsyms, const struct warn_ref *warns,
                             size_t nwarns)
{
    const struct robj *o = &r->objs[w->obj];
    size_t n = strlen(w->function);

    for (size_t i = first_sym_from(syms, nsyms, w->function);
         i < nsyms && strncmp(syms[i].name, w->function, n) == 0; i++) {
        const struct sym_ref *s = &syms[i];
        int global_only;

        if (s->obj == w->obj)
            continue;
        global_only = !same_source(o, &r->objs[s->obj]);
        if ((global_only && !s->global) ||
            !(s->name[n] == '\0' || (!global_only && s->name[n] == '.')))
            continue;
        if (!warned_out_of_date(r, warns, nwarns, s->obj, w->function))
            return 1;
    }
    return 0;
}

/* Clang: a hash mismatch is no sign of an old profile when another object of the build
 * defines the same function and matched the profile. The programs of one project compile
 * same-named functions differently (each test program's main, a source built again with
 * other -D flags); the profile holds the variants that ran, and the others have no data of
 * their own. A global function shares its profile name with any object's, a static one
 * (named after its file in the profile, perhaps with a suffix such as .llvm.<hash>) with
 * objects of the same source. */
static void mark_variants(struct report *r)
{
    struct sym_ref *syms;
    struct warn_ref *warns;
    size_t nsyms = 0, nwarns = 0, total = 0;

    for (size_t k = 0; k < r->nobjs; k++)
        total += r->objs[k].nsyms;
    syms = xcalloc(total + 1, sizeof(*syms));
    for (size_t k = 0; k < r->nobjs; k++)
        for (size_t j = 0; j < r->objs[k].nsyms; j++)
            syms[nsyms++] = (struct sym_ref){r->objs[k].syms[j].name, k, r->objs[k].syms[j].global};
    warns = xcalloc(r->nwarns + 1, sizeof(*warns));
    for (size_t i = 0; i < r->nwarns; i++)
        if (r->warns[i].kind == RW_OUT_OF_DATE && r->warns[i].function)
            warns[nwarns++] = (struct warn_ref){r->warns[i].function, r->warns[i].obj, i};
    if (nsyms > 1)
        qsort(syms, nsyms, sizeof(*syms), compare_sym_refs);
    if (nwarns > 1)
        qsort(warns, nwarns, sizeof(*warns), compare_warn_refs);
    for (size_t i = 0; i < r->nwarns; i++) {
        struct rwarn *w = &r->warns[i];

        if (w->kind == RW_OUT_OF_DATE && w->function)
            w->variant = matched_elsewhere(r, w, syms, nsyms, warns, nwarns);
    }
    for (size_t i = 0; i < r->nwarns; i++) {
        if (r->warns[i].variant) {
            r->warns[i].kind = RW_NO_DATA;
            r->variants++;
        }
    }
    free(syms);
    free(warns);
}

/* qsort's comparator has no context argument: the functions being sorted by name. */
static const struct rfunc *sorting_names;

/* Marks the functions the compiler found out of date, and adds those it found no data for. */
static int compare_names(const void *a, const void *b)
{
    return strcmp(sorting_names[*(const size_t *)a].name, sorting_names[*(const size_t *)b].name);
}

static void apply_warnings(struct report *r)
{
    size_t nprofile = r->nfns, *by_name = xcalloc(r->nfns + 1, sizeof(size_t));

    /* The profile's functions by name; those added below are not in the profile. */
    for (size_t k = 0; k < nprofile; k++)
        by_name[k] = k;
    sorting_names = r->fns;
    if (nprofile > 1)
        qsort(by_name, nprofile, sizeof(*by_name), compare_names);
    sorting_names = NULL;
    for (size_t i = 0; i < r->nwarns; i++) {
        const struct rwarn *w = &r->warns[i];
        const struct robj *o = &r->objs[w->obj];
        struct rfunc *f = NULL;
        size_t lo = 0, hi = nprofile;

        if (!w->function || w->kind == RW_OTHER)
            continue;
        while (lo < hi) { /* the first function named w->function */
            size_t mid = lo + (hi - lo) / 2;

            if (strcmp(r->fns[by_name[mid]].name, w->function) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < nprofile && !f; k++) {
            struct rfunc *c = &r->fns[by_name[k]];

            if (strcmp(c->name, w->function) != 0)
                break;
            if (c->in_profile && (c->obj == (long)w->obj || c->obj < 0 ||
                                  (c->file && w->file && strcmp(c->file, w->file) == 0)))
                f = c;
        }
        if (w->kind == RW_OUT_OF_DATE && f) {
            f->out_of_date = 1;
            if (f->obj < 0) {
                f->obj = (long)w->obj;
                if (!f->file && o->source)
                    f->file = xstrdup(o->source);
            }
        } else if (w->kind == RW_NO_DATA && (!f || w->variant)) {
            const struct rsym *s = find_sym(o, w->function, 0);

            f = add_fn(r, w->function, strlen(w->function), o->source ? o->source : w->file);
            f->in_profile = 0;
            f->obj = (long)w->obj;
            if (s)
                f->placement = s->placement;
        }
    }
    free(by_name);
}

int report_read(struct report *r)
{
    if (report_read_logs(r) < 0)
        return -1;
    if (r->nm) {
        /* The summary and the report read the same objects: one cache in the build tree. */
        char *cache = r->build_dir ? xasprintf("%s/_pgo/nm-cache", r->build_dir) : NULL;

        report_lto_symbols_all(r->nm, cache, r->objs, r->nobjs);
        free(cache);
    }
    if (r->clang) {
        if (read_profile_clang(r) < 0)
            return -1;
        attribute_clang(r);
        mark_variants(r);
    } else {
        read_profile_gcc(r);
        report_gcc_notes(r);
    }
    apply_warnings(r);
    for (size_t i = 0; i < r->nobjs; i++)
        r->lto |= r->objs[i].kind == OBJECT_LTO;
    report_lto_placements(r);
    return 0;
}

static int compare_paths(const void *a, const void *b)
{
    const struct rfile *x = a, *y = b;

    if (x->total != y->total)
        return x->total < y->total ? 1 : -1;
    return strcmp(x->path, y->path);
}

static struct rfile *file_entry(struct report *r, const char *path)
{
    for (size_t i = 0; i < r->nfiles; i++)
        if (strcmp(r->files[i].path, path) == 0)
            return &r->files[i];
    memset(&r->files[r->nfiles], 0, sizeof(r->files[0]));
    r->files[r->nfiles].path = path;
    return &r->files[r->nfiles++];
}

void report_tally(struct report *r)
{
    r->files = xcalloc(r->nfns + r->nwarns + 1, sizeof(*r->files));
    for (size_t i = 0; i < r->nobjs; i++) {
        struct robj *o = &r->objs[i];

        o->compiled = o->out_of_date = o->no_data = 0;
    }
    for (size_t i = 0; i < r->nwarns; i++) {
        const struct rwarn *w = &r->warns[i];

        if (w->kind == RW_OUT_OF_DATE)
            r->objs[w->obj].out_of_date++;
        else if (w->kind == RW_OTHER && w->file)
            file_entry(r, w->file)->other_warnings++;
    }
    for (size_t i = 0; i < r->nfns; i++) {
        const struct rfunc *f = &r->fns[i];
        struct rfile *file = f->file ? file_entry(r, f->file) : NULL;

        if (f->obj >= 0) {
            r->objs[f->obj].compiled++;
            r->objs[f->obj].no_data += !f->in_profile;
        }
        if (f->placement == PLACE_HOT)
            r->hot++;
        else if (f->placement == PLACE_COLD)
            r->cold++;
        else if (f->placement == PLACE_OTHER)
            r->other++;
        else if (f->placement == PLACE_INLINED)
            r->inlined++;
        if (!f->in_profile) {
            if (file)
                file->no_data++;
            continue;
        }
        r->functions++;
        r->ran += f->ran != 0;
        r->total += f->total;
        if (f->obj < 0)
            r->not_in_build++;
        else if (f->out_of_date)
            r->total_out_of_date += f->total;
        else
            r->total_matched += f->total;
        if (file) {
            file->functions++;
            file->ran += f->ran != 0;
            file->out_of_date += f->out_of_date != 0;
            file->total += f->total;
        }
    }
    for (size_t i = 0; i < r->nobjs; i++) {
        struct robj *o = &r->objs[i];

        /* Functions the objects cannot show (LTO) still count once warned about. */
        if (o->compiled < o->out_of_date + o->no_data)
            o->compiled = o->out_of_date + o->no_data;
        r->compiled += o->compiled;
        r->out_of_date += o->out_of_date;
        r->no_data += o->no_data;
    }
    if (r->nfiles > 1)
        qsort(r->files, r->nfiles, sizeof(*r->files), compare_paths);
}

/* The BOLT report of r's build tree, read here with the report's other sources: the names in
 * it are demangled with the report's (report_names.c) before its section shows it. */
int report_bolt_text(const struct report *r, struct buf *text)
{
    char *path;
    int rc = -1;

    if (!r->build_dir)
        return -1;
    path = xasprintf("%s/_pgo/bolt/report.txt", r->build_dir);
    buf_init(text);
    if (access(path, F_OK) == 0 && read_file(path, text) == 0 && text->len > 0)
        rc = 0;
    else
        buf_release(text);
    free(path);
    return rc;
}
