/* SPDX-License-Identifier: MIT */
/* The report with LTO, whose objects hold bitcode or GIMPLE: their symbols come from the
 * toolchain's nm, which reads them (llvm-nm; gcc-nm through GCC's plugin), and the placement
 * the profile gave each function from the linked files and the linker's maps. */
#define _POSIX_C_SOURCE 200809L
#include "report_lto.h"

#include "link_map.h"
#include "nm_cache.h"
#include "report_elf.h"
#include "subprocess.h"

#include <stdlib.h>
#include <string.h>

/* Adds the function symbol of one line of `nm -P` ("name type value size", type T or t, W or w
 * for weak code) to syms. */
static void add_symbol_line(char *line, struct rsym **syms, size_t *count, size_t *cap)
{
    char *sp = strchr(line, ' ');

    if (!sp || !sp[1] || !strchr("TtWw", sp[1]) || (sp[2] != ' ' && sp[2] != '\0'))
        return;
    if (*count == *cap) {
        *cap = *cap ? 2 * *cap : 32;
        *syms = xrealloc(*syms, *cap * sizeof(**syms));
    }
    (*syms)[*count].name = xstrndup(line, (size_t)(sp - line));
    (*syms)[*count].global = sp[1] == 'T' || sp[1] == 'W';
    (*syms)[*count].placement = PLACE_UNKNOWN;
    (*count)++;
}

void report_lto_read_nm(const char *text, size_t len, struct rsym **syms, size_t *count)
{
    char *copy = xstrndup(text, len), *line, *next; /* read up to a NUL, as nm's output */
    size_t cap = *count;                            /* a grown array is full */

    for (line = copy; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        add_symbol_line(line, syms, count, &cap);
    }
    free(copy);
}

int report_lto_symbols(const char *nm, const char *object, struct rsym **syms, size_t *count)
{
    char *argv[] = {(char *)nm, "-P", "--defined-only", (char *)object, NULL};
    struct buf out, err;
    int status;

    *syms = NULL;
    *count = 0;
    buf_init(&out);
    buf_init(&err);
    if (run_capture(argv, NULL, &out, &err, &status) < 0 || status != 0) {
        note("'%s -P --defined-only %s' failed: its functions stay unnamed", nm, object);
        buf_release(&out);
        buf_release(&err);
        return -1;
    }
    report_lto_read_nm(out.data, out.len, syms, count);
    buf_release(&out);
    buf_release(&err);
    return 0;
}

void report_lto_read_nm_batch(const char *text, size_t len, struct robj **objs, size_t n)
{
    char *copy = xstrndup(text, len), *line, *next; /* read up to a NUL, as nm's output */
    size_t *caps = xcalloc(n + 1, sizeof(*caps)), cur = 0;

    for (size_t k = 0; k < n; k++)
        caps[k] = objs[k]->nsyms; /* a grown array is full */
    /* Each line is "<object>: name type value size", the objects in the order given. */
    for (line = copy; line && *line; line = next) {
        size_t k = cur, olen = 0;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        for (; k < n; k++) {
            olen = strlen(objs[k]->object);
            if (strncmp(line, objs[k]->object, olen) == 0 && line[olen] == ':' &&
                line[olen + 1] == ' ')
                break;
        }
        if (k == n)
            continue;
        cur = k;
        add_symbol_line(line + olen + 2, &objs[k]->syms, &objs[k]->nsyms, &caps[k]);
    }
    free(caps);
    free(copy);
}

/* One nm run over objs[0..n) (all LTO, without symbols yet), `-A` naming each line's file,
 * through the cache file CACHE (nm_cache.h; NULL: none); returns -1 when nm failed (then no
 * object got symbols). */
static int lto_symbols_batch(const char *nm, const char *cache, struct robj **objs, size_t n)
{
    char **paths = xcalloc(n ? n : 1, sizeof(*paths));
    struct buf out;
    int rc;

    for (size_t i = 0; i < n; i++)
        paths[i] = objs[i]->object;
    buf_init(&out);
    rc = nm_defined(nm, cache, paths, n, &out);
    if (rc == 0)
        report_lto_read_nm_batch(out.data ? out.data : "", out.len, objs, n);
    buf_release(&out);
    free(paths);
    return rc;
}

void report_lto_symbols_all(const char *nm, const char *cache, struct robj *objs, size_t n)
{
    struct robj **lto = xcalloc(n ? n : 1, sizeof(*lto));
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        if (objs[i].kind == OBJECT_LTO && objs[i].nsyms == 0)
            lto[k++] = &objs[i];
    /* A failed run (one unreadable object fails its batch) goes object by object, so that
     * each failure is named and the others keep their names. */
    if (k > 0 && lto_symbols_batch(nm, cache, lto, k) < 0)
        for (size_t j = 0; j < k; j++) {
            report_free_syms(lto[j]->syms, lto[j]->nsyms);
            lto[j]->syms = NULL;
            lto[j]->nsyms = 0;
            report_lto_symbols(nm, lto[j]->object, &lto[j]->syms, &lto[j]->nsyms);
        }
    free(lto);
}

struct placed_name {
    char *name;
    int placement;
};

struct placed_names {
    struct placed_name *v;
    size_t n, cap;
};

static void add_placed(void *ctx, const char *name, int placement)
{
    struct placed_names *p = ctx;

    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 256;
        p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
    }
    p->v[p->n].name = xstrdup(name);
    p->v[p->n].placement = placement;
    p->n++;
}

static int compare_placed(const void *a, const void *b)
{
    return strcmp(((const struct placed_name *)a)->name, ((const struct placed_name *)b)->name);
}

void report_lto_placements(struct report *r)
{
    struct placed_names names = {NULL, 0, 0};
    struct placement unused = {0, 0, 0, 0};

    if (r->lto && linked_list_scan(r->linked, &unused, add_placed, NULL, &names) > 0) {
        r->linked_read = 1;
        if (names.n > 1)
            qsort(names.v, names.n, sizeof(*names.v), compare_placed);
        for (size_t i = 0; i < r->nfns; i++) {
            struct rfunc *f = &r->fns[i];
            struct placed_name key = {f->name, 0};
            const struct placed_name *found;

            if (f->placement != PLACE_UNKNOWN || f->unnamed)
                continue;
            found =
                names.n ? bsearch(&key, names.v, names.n, sizeof(*names.v), compare_placed) : NULL;
            f->placement = found ? found->placement : PLACE_INLINED;
        }
    }
    for (size_t i = 0; i < names.n; i++)
        free(names.v[i].name);
    free(names.v);
}
