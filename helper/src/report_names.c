/* SPDX-License-Identifier: MIT */
/* pgo-helper report: C++ names for people. Every name the report may show is gathered first
 * and demangled by one run of c++filt or llvm-cxxfilt (demangle.c); the mangled name stays in
 * rfunc.name, for matching and for the verbose output and the HTML's titles. */
#define _POSIX_C_SOURCE 200809L
#include "report_names.h"

#include "report_data.h"

#include <stdlib.h>
#include <string.h>

static void gather(const struct report *r, struct strvec *names)
{
    struct buf bolt;

    for (size_t i = 0; i < r->nfns; i++)
        if (is_mangled(r->fns[i].name))
            strvec_push(names, r->fns[i].name);
    for (size_t i = 0; i < r->nwarns; i++) {
        if (r->warns[i].function && is_mangled(r->warns[i].function))
            strvec_push(names, r->warns[i].function);
        mangled_words(names, r->warns[i].text);
    }
    if (r->rep.work)
        gather(r->rep.work, names);
    if (report_bolt_text(r, &bolt) == 0) {
        mangled_words(names, bolt.data);
        buf_release(&bolt);
    }
}

static void apply(struct report *r, const struct demangled *d)
{
    for (size_t i = 0; i < r->nfns; i++)
        r->fns[i].shown = demangled_name(d, r->fns[i].name);
    for (size_t i = 0; i < r->nwarns; i++) {
        struct buf text;

        buf_init(&text);
        demangle_text(d, &text, r->warns[i].text);
        if (text.data && strcmp(text.data, r->warns[i].text) != 0) {
            free(r->warns[i].shown_text);
            r->warns[i].shown_text = xstrdup(text.data);
        }
        buf_release(&text);
    }
    if (r->rep.work)
        apply(r->rep.work, d);
}

void report_demangle(struct report *r)
{
    struct strvec names;
    char *tool = demangler_find(r->demangler);

    if (r->demangler && *r->demangler && !tool)
        warn("the demangler '%s' is not there: C++ names are shown mangled", r->demangler);
    strvec_init(&names);
    gather(r, &names);
    demangled_release(&r->names);
    demangle_all(tool, names.v, names.n, r->verbose, &r->names);
    apply(r, &r->names);
    strvec_release(&names);
    free(tool);
}

/* A few results live at once (one printf may show two names). */
static const char *keep(char *s)
{
    static char *ring[4];
    static unsigned next;

    free(ring[next % 4]);
    ring[next++ % 4] = s;
    return s;
}

const char *report_name(const struct report *r, const char *name, size_t max)
{
    const char *shown = demangled_name(&r->names, name);

    if (!shown || max == 0 || strlen(shown) <= max || shown == name)
        return shown;
    return keep(short_cpp_name(shown, max));
}

const char *report_fn_name(const struct rfunc *f, size_t max)
{
    const char *shown = f->shown ? f->shown : f->name;

    if (max == 0 || strlen(shown) <= max || shown == f->name)
        return shown;
    return keep(short_cpp_name(shown, max));
}
