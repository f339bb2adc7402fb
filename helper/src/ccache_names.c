/* SPDX-License-Identifier: MIT */
/* ccache (4.11 and later) takes the profile of a `-fprofile-use=DIR -fprofile-prefix-path=P`
 * compile of OBJ.o to be DIR/OBJ.gcda, OBJ's folders kept as folders, while GCC reads
 * DIR/<OBJ, its '/' written '#'>.gcda: finding no file, ccache compiles each time
 * (`no_input_file`). A hard link of each file under the name ccache looks for lets it hash the
 * very bytes GCC reads, and cache. Names with '^' (GCC's ".."), or that would name a folder
 * already a file, are left out: those compiles are just not cached. The .gcda files at the top
 * stay all that the compiler, the summary and gcov-tool merges (which skip folders) read.
 *
 * The names come from files that may have been made on another machine (a profile archive):
 * a name that would lead out of the folder gets no second name. */
#define _POSIX_C_SOURCE 200809L
#include "ccache_names.h"

#include "fs.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *ccache_gcda_name(const char *name)
{
    const char *c = name;
    char *rel;

    if (!strchr(name, '#') || strchr(name, '^') || strchr(name, '/') || !ends_with(name, ".gcda"))
        return NULL;
    while (*c == '#') /* an object outside the prefix: an absolute path */
        c++;
    for (const char *p = c;;) {
        size_t n = strcspn(p, "#");

        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return NULL;
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    rel = xstrdup(c);
    for (char *p = rel; *p; p++)
        if (*p == '#')
            *p = '/';
    return rel;
}

void ccache_add_gcda_names(const char *dir)
{
    struct strvec names;
    size_t made = 0;

    strvec_init(&names);
    if (list_dir(dir, ".gcda", &names) < 0) {
        strvec_release(&names);
        return;
    }
    for (size_t i = 0; i < names.n; i++) {
        char *rel = ccache_gcda_name(names.v[i]), *src, *dst, *parent;

        if (!rel)
            continue;
        src = xasprintf("%s/%s", dir, names.v[i]);
        dst = xasprintf("%s/%s", dir, rel);
        parent = dir_name(dst);
        if (mkdir_p(parent) == 0 && link(src, dst) == 0)
            made++;
        free(parent);
        free(dst);
        free(src);
        free(rel);
    }
    if (made < names.n)
        note("%zu of %zu .gcda files also named for ccache", made, names.n);
    strvec_release(&names);
}
