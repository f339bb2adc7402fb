/* SPDX-License-Identifier: MIT */
/* What an optimized compile reads of the merged profile.
 *
 * GCC: the object's own .gcda file, which holds its functions' counters and the program's
 * summary (runs, the largest counter): what the compile reads of it (gcda_compile_hash).
 *
 * Clang: the compile looks up, in the whole indexed profile, the record of each function the
 * module defines (by name; a static function's name carries its file), and copies the
 * profile's summary into the module, from which the hot and cold thresholds come. So the hash
 * covers those records and the summary, less the two totals that only count functions and
 * blocks (a new function, run or not, changes them; no threshold reads them). The module
 * defines the functions the instrumented object does, the same compile up to the counters. A
 * static function instrumented and then inlined into every caller is no longer defined, but
 * its record is read all the same: its counter variable, __profc_<name> with the characters
 * an assembler may refuse turned into '_', stays in the object and names it. */
#define _POSIX_C_SOURCE 200809L
#include "profile_reads.h"

#include "fs.h"
#include "nm_cache.h"
#include "profdata_text.h"
#include "profile_formats.h"
#include "subprocess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct record {
    const char *name; /* into the text, name_len bytes */
    size_t name_len;
    const char *base; /* a local function's: its file's base name (base_len bytes) */
    size_t base_len;
    const char *local; /* and its own name, up to the end of name; else NULL */
    uint64_t hash;
    size_t order; /* place in the text: records of one name combine in that order */
};

struct clang_reads {
    struct buf text;
    uint64_t summary;
    struct record *by_name;  /* sorted by name */
    struct record *by_local; /* the local ones, sorted by their own name */
    struct record *by_var;   /* every one named as its counter variable (into vars), sorted */
    char *vars;
    size_t n, nlocal;
};

static int span_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);

    return c ? c : (an > bn) - (an < bn);
}

static int by_name(const void *pa, const void *pb)
{
    const struct record *a = pa, *b = pb;
    int c = span_cmp(a->name, a->name_len, b->name, b->name_len);

    return c ? c : (a->order > b->order) - (a->order < b->order);
}

static size_t local_len(const struct record *r)
{
    return r->name_len - (size_t)(r->local - r->name);
}

static int by_local(const void *pa, const void *pb)
{
    const struct record *a = pa, *b = pb;
    int c = span_cmp(a->local, local_len(a), b->local, local_len(b));

    return c ? c : (a->order > b->order) - (a->order < b->order);
}

/* The summary of the indexed profile as the compiler reads it, fields and cutoff entries:
 * every module carries it, and ThinLTO's import refuses to link modules whose summaries
 * differ ("linking module flags 'ProfileSummary': IDs have conflicting values"). The merge
 * zeroes its totals of functions and blocks (merge_neutral_summary), which move with any new
 * function. A profile whose summary is not found is hashed whole. */
static int summary_hash(const char *profile, uint64_t *out)
{
    struct buf data;
    size_t fields;
    const unsigned char *p;

    buf_init(&data);
    if (read_file(profile, &data) < 0 || !data.data) {
        error("cannot read the profile '%s':", profile);
        buf_release(&data);
        return -1;
    }
    p = (const unsigned char *)data.data;
    if (llvm_indexed_summary(p, data.len, &fields) == 0) {
        uint64_t entries = 0;

        for (int i = 7; i >= 0; i--)
            entries = entries << 8 | p[fields - 8 + (size_t)i];
        *out = fnv1a64(FNV1A64_INIT, p + fields, 6 * 8 + (size_t)entries * 24);
    } else {
        *out = fnv1a64(FNV1A64_INIT, p, data.len);
    }
    buf_release(&data);
    return 0;
}

/* Splits the records of the text profile: blocks separated by an empty line, each named by
 * its first line that is neither a comment (#) nor a header flag (:). */
static void split_records(struct clang_reads *r)
{
    size_t cap = 0;
    char *p = r->text.data, *end = p + r->text.len;

    while (p < end) {
        char *block_end = strstr(p, "\n\n");
        char *name = p, *nl;
        struct record rec;

        if (!block_end)
            block_end = end;
        while (name < block_end && (*name == '#' || *name == ':' || *name == '\n')) {
            nl = memchr(name, '\n', (size_t)(block_end - name));
            name = nl ? nl + 1 : block_end;
        }
        if (name < block_end) {
            nl = memchr(name, '\n', (size_t)(block_end - name));
            memset(&rec, 0, sizeof(rec));
            rec.name = name;
            rec.name_len = (size_t)((nl ? nl : block_end) - name);
            rec.hash = fnv1a64(FNV1A64_INIT, name, (size_t)(block_end - name));
            rec.order = r->n;
            for (const char *sep = ";:"; *sep && !rec.local; sep++) {
                for (size_t i = rec.name_len; i-- > 0;) {
                    if (name[i] == *sep) {
                        const char *slash = name + i;

                        while (slash > name && slash[-1] != '/')
                            slash--;
                        rec.base = slash;
                        rec.base_len = (size_t)(name + i - slash);
                        rec.local = name + i + 1;
                        break;
                    }
                }
            }
            if (r->n == cap) {
                cap = cap ? 2 * cap : 256;
                r->by_name = xrealloc(r->by_name, cap * sizeof(*r->by_name));
            }
            r->by_name[r->n++] = rec;
        }
        p = block_end + (block_end < end ? 2 : 0);
    }
}

/* LLVM's counter variable of a function is "__profc_" and its profile name with each of these
 * turned into '_' (getVarName in InstrProf.cpp). */
static const char var_invalid[] = "-:;<>/\"'";

/* Fills r->by_var: the records by the names of their counter variables. */
static void name_by_counter(struct clang_reads *r)
{
    size_t len = 0;
    char *at;

    for (size_t i = 0; i < r->n; i++)
        len += r->by_name[i].name_len + 1;
    at = r->vars = xmalloc(len ? len : 1);
    r->by_var = xmalloc((r->n ? r->n : 1) * sizeof(*r->by_var));
    for (size_t i = 0; i < r->n; i++) {
        struct record rec = r->by_name[i];

        memcpy(at, rec.name, rec.name_len);
        at[rec.name_len] = '\0';
        for (char *c = at; *c; c++)
            if (strchr(var_invalid, *c))
                *c = '_';
        rec.name = at;
        rec.local = NULL;
        r->by_var[i] = rec;
        at += rec.name_len + 1;
    }
    qsort(r->by_var, r->n, sizeof(*r->by_var), by_name);
}

struct clang_reads *clang_reads_load(const char *tool, const char *profile, const char *cache)
{
    struct clang_reads *r = xcalloc(1, sizeof(*r));

    buf_init(&r->text);
    if (summary_hash(profile, &r->summary) < 0 ||
        profdata_text(tool, profile, cache, &r->text) < 0) {
        clang_reads_free(r);
        return NULL;
    }
    split_records(r);
    r->by_local = xmalloc((r->n ? r->n : 1) * sizeof(*r->by_local));
    for (size_t i = 0; i < r->n; i++)
        if (r->by_name[i].local)
            r->by_local[r->nlocal++] = r->by_name[i];
    qsort(r->by_name, r->n, sizeof(*r->by_name), by_name);
    qsort(r->by_local, r->nlocal, sizeof(*r->by_local), by_local);
    name_by_counter(r);
    return r;
}

void clang_reads_free(struct clang_reads *r)
{
    if (!r)
        return;
    buf_release(&r->text);
    free(r->by_name);
    free(r->by_local);
    free(r->by_var);
    free(r->vars);
    free(r);
}

/* The first of the records equal to key under cmp, or n. */
static size_t lower_bound(const struct record *v, size_t n, const struct record *key,
                          int (*cmp)(const void *, const void *))
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cmp(&v[mid], key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* H and the hashes of the records of V (N of them, sorted by by_name) named NAME, or
 * "absent". */
static uint64_t hash_named(uint64_t h, const struct record *v, size_t n, const char *name)
{
    struct record key = {name, strlen(name), NULL, 0, NULL, 0, 0};
    size_t k = lower_bound(v, n, &key, by_name);
    int found = 0;

    for (; k < n && !span_cmp(v[k].name, v[k].name_len, key.name, key.name_len); k++, found = 1)
        h = fnv1a64(h, &v[k].hash, sizeof(uint64_t));
    return found ? h : fnv1a64(h, "absent", 6);
}

uint64_t clang_reads_hash(const struct clang_reads *r, const char *source,
                          const struct strvec *globals, const struct strvec *locals,
                          const struct strvec *counters)
{
    uint64_t h = fnv1a64(FNV1A64_INIT, &r->summary, sizeof(r->summary));
    const char *base = base_name(source);
    size_t base_len = strlen(base);

    for (size_t i = 0; i < globals->n; i++) {
        h = fnv1a64(h, globals->v[i], strlen(globals->v[i]) + 1);
        h = hash_named(h, r->by_name, r->n, globals->v[i]);
    }
    for (size_t i = 0; i < locals->n; i++) {
        const char *name = locals->v[i];
        struct record key = {name, strlen(name), NULL, 0, name, 0, 0};
        size_t k = lower_bound(r->by_local, r->nlocal, &key, by_local);
        int found = 0;

        h = fnv1a64(h, "local:", 6);
        h = fnv1a64(h, name, key.name_len + 1);
        for (; k < r->nlocal &&
               !span_cmp(r->by_local[k].local, local_len(&r->by_local[k]), name, key.name_len);
             k++) {
            /* Another file's static function of the same name is read by its own compile. */
            if (span_cmp(r->by_local[k].base, r->by_local[k].base_len, base, base_len) != 0)
                continue;
            h = fnv1a64(h, &r->by_local[k].hash, sizeof(uint64_t));
            found = 1;
        }
        if (!found)
            h = fnv1a64(h, "absent", 6);
    }
    for (size_t i = 0; counters && i < counters->n; i++) {
        h = fnv1a64(h, "counters:", 9);
        h = fnv1a64(h, counters->v[i], strlen(counters->v[i]) + 1);
        h = hash_named(h, r->by_var, r->n, counters->v[i]);
    }
    return h;
}

/* One line of `nm -A -P`: "<file>: <name> <type> <value> <size>". */
static void take_symbol(const char *rest, struct strvec *globals, struct strvec *locals,
                        struct strvec *counters)
{
    const char *sp = strchr(rest, ' ');
    char type;

    if (!sp || sp == rest)
        return;
    type = sp[1];
    if (counters && starts_with(rest, "__profc_") && sp > rest + 8)
        strvec_take_n(counters, rest + 8, (size_t)(sp - rest) - 8);
    else if (type == 'T' || type == 'W')
        strvec_take_n(globals, rest, (size_t)(sp - rest));
    else if (type == 't' || type == 'w')
        strvec_take_n(locals, rest, (size_t)(sp - rest));
}

int clang_object_functions(const char *nm, const char *cache, char *const *objects, size_t n,
                           struct strvec *globals, struct strvec *locals, struct strvec *counters)
{
    struct buf out;
    int rc = -1;
    size_t cur = 0;

    for (size_t i = 0; i < n; i++) {
        strvec_init(&globals[i]);
        strvec_init(&locals[i]);
        if (counters)
            strvec_init(&counters[i]);
    }
    buf_init(&out);
    if (nm_defined(nm, cache, objects, n, &out) < 0)
        goto done;
    for (char *line = out.data, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        /* Files come in the order given; one without symbols prints nothing. */
        while (cur < n &&
               !(starts_with(line, objects[cur]) && starts_with(line + strlen(objects[cur]), ": ")))
            cur++;
        if (cur == n)
            goto done;
        take_symbol(line + strlen(objects[cur]) + 2, &globals[cur], &locals[cur],
                    counters ? &counters[cur] : NULL);
    }
    for (size_t i = 0; i < n; i++) {
        strvec_sort(&globals[i]);
        strvec_sort(&locals[i]);
        if (counters)
            strvec_sort(&counters[i]);
    }
    rc = 0;
done:
    if (rc < 0) {
        for (size_t i = 0; i < n; i++) {
            strvec_release(&globals[i]);
            strvec_release(&locals[i]);
            strvec_init(&globals[i]);
            strvec_init(&locals[i]);
            if (counters) {
                strvec_release(&counters[i]);
                strvec_init(&counters[i]);
            }
        }
    }
    buf_release(&out);
    return rc;
}

uint64_t gcc_reads_hash(const char *dir, const char *object)
{
    struct buf name, data;
    const char *dot = strrchr(object, '.');
    size_t len = dot && !strchr(dot, '/') ? (size_t)(dot - object) : strlen(object);
    uint64_t h = 0;

    /* GCC strips the object's extension and turns its '/' into '#'. */
    buf_init(&name);
    buf_addf(&name, "%s/", dir);
    for (size_t i = 0; i < len; i++)
        buf_add(&name, object[i] == '/' ? "#" : object + i, 1);
    buf_adds(&name, ".gcda");
    buf_init(&data);
    if (access(name.data, F_OK) != 0 || read_file(name.data, &data) < 0)
        h = fnv1a64(FNV1A64_INIT, "absent", 6);
    else
        h = gcda_compile_hash((const unsigned char *)(data.data ? data.data : ""), data.len);
    buf_release(&data);
    buf_release(&name);
    return h;
}
