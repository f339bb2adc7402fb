/* The report with LTO, whose objects hold bitcode or GIMPLE: their symbols come from the
 * toolchain's nm, which reads them (llvm-nm; gcc-nm through GCC's plugin), and the placement
 * the profile gave each function from the linked files and the linker's maps. */
#define _POSIX_C_SOURCE 200809L
#include "link_map.h"
#include "report.h"
#include "subprocess.h"

#include <stdlib.h>
#include <string.h>

int report_lto_symbols(const char *nm, const char *object, struct rsym **syms, size_t *count)
{
    char *argv[] = {(char *)nm, "-P", "--defined-only", (char *)object, NULL};
    struct buf out, err;
    size_t cap = 0;
    int status;
    char *line, *next;

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
    /* POSIX format: "name type value size", type T or t (W, w: weak) for code. */
    for (line = out.data; line && *line; line = next) {
        char *sp;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        sp = strchr(line, ' ');
        if (!sp || !strchr("TtWw", sp[1]) || (sp[2] != ' ' && sp[2] != '\0'))
            continue;
        if (*count == cap) {
            cap = cap ? 2 * cap : 32;
            *syms = xrealloc(*syms, cap * sizeof(**syms));
        }
        (*syms)[*count].name = xstrndup(line, (size_t)(sp - line));
        (*syms)[*count].global = sp[1] == 'T' || sp[1] == 'W';
        (*syms)[*count].placement = PLACE_UNKNOWN;
        (*count)++;
    }
    buf_release(&out);
    buf_release(&err);
    return 0;
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
