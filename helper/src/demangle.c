/* SPDX-License-Identifier: MIT */
/* Demangling through c++filt or llvm-cxxfilt: the names go to the tool's stdin one per line
 * (a file, so that thousands of long template names need neither a huge command line nor a
 * pipe we must feed while reading), and each output line is the name of the same input line. */
#define _POSIX_C_SOURCE 200809L
#include "demangle.h"

#include "cleanup.h"
#include "fs.h"
#include "subprocess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int is_mangled(const char *name)
{
    return name[0] == '_' && name[1] == 'Z' && name[2] != '\0';
}

static char *on_path(const char *name)
{
    const char *path = getenv("PATH");

    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
    for (const char *p = path ? path : ""; *p;) {
        size_t n = strcspn(p, ":");
        char *candidate = xasprintf("%.*s/%s", (int)n, n ? p : ".", name);

        if (access(candidate, X_OK) == 0)
            return candidate;
        free(candidate);
        p += n + (p[n] == ':');
    }
    return NULL;
}

char *demangler_find(const char *tool)
{
    char *found;

    if (tool && *tool)
        return on_path(tool);
    found = on_path("c++filt");
    return found ? found : on_path("llvm-cxxfilt");
}

/* Unique mangled names, sorted. */
static void collect(char *const *names, size_t n, struct strvec *out)
{
    strvec_init(out);
    for (size_t i = 0; i < n; i++)
        if (names[i] && is_mangled(names[i]) && !strchr(names[i], '\n'))
            strvec_push(out, names[i]);
    strvec_sort(out);
    if (out->n > 1) {
        size_t k = 1;

        for (size_t i = 1; i < out->n; i++) {
            if (strcmp(out->v[i], out->v[k - 1]) == 0)
                free(out->v[i]);
            else
                out->v[k++] = out->v[i];
        }
        out->n = k;
    }
}

/* Runs tool over the names, one per line; *lines gets its output. */
static int run_tool(const char *tool, const struct strvec *names, struct buf *lines)
{
    const char *tmp = getenv("TMPDIR");
    char *dir_template = xasprintf("%s/pgo-demangle.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *dir = mkdtemp(dir_template), *input;
    struct buf text, err;
    int status = 0, rc = -1;
    char *argv[2];

    if (!dir) {
        free(dir_template);
        return -1;
    }
    cleanup_add(dir);
    input = xasprintf("%s/names", dir);
    buf_init(&text);
    buf_init(&err);
    for (size_t i = 0; i < names->n; i++) {
        buf_adds(&text, names->v[i]);
        buf_adds(&text, "\n");
    }
    argv[0] = (char *)tool;
    argv[1] = NULL;
    if (write_file_atomic(input, text.data, text.len) == 0 &&
        run_capture_input(argv, input, lines, &err, &status) == 0 && WIFEXITED(status) &&
        WEXITSTATUS(status) == 0)
        rc = 0;
    unlink(input);
    rmdir(dir);
    cleanup_forget(dir);
    free(input);
    free(dir_template);
    buf_release(&text);
    buf_release(&err);
    return rc;
}

size_t demangle_all(const char *tool, char *const *names, size_t n, int verbose,
                    struct demangled *out)
{
    struct strvec todo;
    struct buf lines;
    size_t done = 0;

    memset(out, 0, sizeof(*out));
    collect(names, n, &todo);
    if (todo.n == 0 || !tool) {
        if (todo.n > 0 && verbose)
            note("no c++filt or llvm-cxxfilt found: C++ names are shown mangled");
        strvec_release(&todo);
        return 0;
    }
    buf_init(&lines);
    if (run_tool(tool, &todo, &lines) < 0) {
        if (verbose)
            note("'%s' failed: C++ names are shown mangled", tool);
    } else {
        const char *p = lines.data ? lines.data : "", *end = p + lines.len;

        out->mangled = xcalloc(todo.n, sizeof(char *));
        out->plain = xcalloc(todo.n, sizeof(char *));
        for (size_t i = 0; i < todo.n && p < end; i++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

            out->mangled[i] = xstrdup(todo.v[i]);
            out->plain[i] = xstrndup(p, len);
            out->n = i + 1;
            done += strcmp(out->plain[i], todo.v[i]) != 0;
            p += len + 1;
        }
        if (out->n != todo.n) { /* out of step: trust none of it */
            if (verbose)
                note("'%s' printed %zu names for %zu: C++ names are shown mangled", tool, out->n,
                     todo.n);
            demangled_release(out);
            done = 0;
        }
    }
    buf_release(&lines);
    strvec_release(&todo);
    return done;
}

const char *demangled_name(const struct demangled *d, const char *name)
{
    size_t lo = 0, hi = d->n;

    if (!name || !is_mangled(name))
        return name;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(d->mangled[mid], name);

        if (c == 0)
            return d->plain[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return name;
}

void demangled_release(struct demangled *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->mangled[i]);
        free(d->plain[i]);
    }
    free(d->mangled);
    free(d->plain);
    memset(d, 0, sizeof(*d));
}

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '$';
}

/* The length of the mangled word at text, 0 if none starts there. */
static size_t mangled_word(const char *text, const char *start)
{
    size_t n = 0;

    if (text > start && is_word_char(text[-1]))
        return 0;
    if (text[0] != '_' || text[1] != 'Z')
        return 0;
    while (is_word_char(text[n]))
        n++;
    while (n > 2 && text[n - 1] == '.') /* the end of a sentence */
        n--;
    return n > 2 ? n : 0;
}

void mangled_words(struct strvec *names, const char *text)
{
    for (const char *p = text; p && *p; p++) {
        size_t n = mangled_word(p, text);

        if (n) {
            strvec_take_n(names, p, n);
            p += n - 1;
        }
    }
}

void demangle_text(const struct demangled *d, struct buf *out, const char *text)
{
    for (const char *p = text; p && *p;) {
        size_t n = mangled_word(p, text);

        if (n) {
            char *word = xstrndup(p, n);

            buf_adds(out, demangled_name(d, word));
            free(word);
            p += n;
        } else {
            buf_add(out, p++, 1);
        }
    }
}

char *short_cpp_name(const char *name, size_t max)
{
    struct buf b;
    int depth = 0;

    if (strlen(name) <= max)
        return xstrdup(name);
    buf_init(&b);
    for (const char *p = name; *p; p++) {
        /* "operator<", "operator<<" and "operator->" are no template brackets. */
        if (strncmp(p, "operator", 8) == 0 && p[8] && strchr("<>-", p[8])) {
            size_t n = 9 + (p[9] == '<' || p[9] == '>' || p[9] == '=');

            if (depth == 0)
                buf_add(&b, p, n);
            p += n - 1;
            continue;
        }
        if (*p == '<') {
            if (depth++ == 0)
                buf_adds(&b, "<\xe2\x80\xa6");
        } else if (*p == '>' && depth > 0) {
            if (--depth == 0)
                buf_adds(&b, ">");
        } else if (depth == 0) {
            buf_add(&b, p, 1);
        }
    }
    return b.data ? b.data : xstrdup("");
}
