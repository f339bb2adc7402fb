/* SPDX-License-Identifier: MIT */
/* C++ names for people: the toolchain's own demangler (c++filt of binutils, beside every GCC,
 * or LLVM's llvm-cxxfilt), run once over every name a report shows. The helper links no C++
 * runtime and carries no demangler of its own. */
#ifndef PGO_HELPER_DEMANGLE_H
#define PGO_HELPER_DEMANGLE_H

#include "util.h"

#include <stddef.h>

/* Mangled names and what the demangler made of them, sorted by mangled name. */
struct demangled {
    char **mangled, **plain; /* owned */
    size_t n;
};

/* Whether name looks like an Itanium C++ mangled name ("_Z...", also GCC's clones of one). */
int is_mangled(const char *name);
/* The demangler to run: tool when given (a name or a path), else c++filt or llvm-cxxfilt
 * found on PATH. NULL if there is none; the result is owned by the caller. */
char *demangler_find(const char *tool);
/* Demangles the mangled ones of names (duplicates allowed) with one run of tool, which reads
 * them one per line. A tool that fails leaves the table empty, with a note when verbose.
 * Returns the number of names it demangled. */
size_t demangle_all(const char *tool, char *const *names, size_t n, int verbose,
                    struct demangled *out);
/* The demangled form of name, or name itself when it has none. */
const char *demangled_name(const struct demangled *d, const char *name);
void demangled_release(struct demangled *d);
/* Appends text with every mangled word in it (a run of identifier characters, '.' and '$'
 * starting "_Z") replaced by its demangled form. */
void demangle_text(const struct demangled *d, struct buf *out, const char *text);
/* Adds the mangled words of text to names, for demangle_all. */
void mangled_words(struct strvec *names, const char *text);
/* A long C++ name made short enough to read in a list: past max bytes, the arguments of
 * every template are left out ("std::map<…>::find(int const&)"). Owned by the caller. */
char *short_cpp_name(const char *name, size_t max);

#endif
