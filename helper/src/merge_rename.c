/* SPDX-License-Identifier: MIT */
/* Clang names a static function's counters "<source path>;<name>", the path as on the compile
 * line: absolute with CMake. A profile made in a checkout at another path (another CI machine,
 * a developer's) names every static function by that path, and a build here would find none
 * of them. Naming them relative to the source tree at compile time
 * (-static-func-strip-dirname-prefix) fixed that but cost up to 10% of the profile's gain:
 * ThinLTO's summary keys each function by a hash of its global name, made from the module's
 * full path, while the value profile's call targets were hashed from the stripped names, so the
 * link never imported a static target of an indirect call and never promoted the call. So the
 * names stay as the compiler makes them, and a profile that crosses checkouts is renamed here,
 * in the merge that brings it in: through llvm-profdata's text format, where every name, value
 * targets included, is written out in full, and hashed anew when the text is read back. */
#define _POSIX_C_SOURCE 200809L
#include "merge_rename.h"

#include "cleanup.h"
#include "fs.h"
#include "metadata.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Appends the name TOKEN (LEN bytes) renamed; returns 1 if it changed. */
static int rename_token(const char *token, size_t len, const char *from, size_t flen,
                        const char *to, int relative, struct buf *out)
{
    if (from && len > flen && memcmp(token, from, flen) == 0 && token[flen] == '/') {
        buf_adds(out, to);
        buf_add(out, token + flen, len - flen);
        return 1;
    }
    if (relative && len > 0 && token[0] != '/' && memchr(token, ';', len)) {
        buf_adds(out, to);
        buf_adds(out, "/");
        buf_add(out, token, len);
        return 1;
    }
    buf_add(out, token, len);
    return 0;
}

size_t llvm_text_rename(const char *text, size_t n, const char *from, const char *to, int relative,
                        struct buf *out)
{
    size_t flen = from ? strlen(from) : 0, changed = 0;
    const char *p = text, *end = text + n;

    while (flen > 1 && from[flen - 1] == '/')
        flen--;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;

        /* Comments, the header (":ir") and numbers hold no names. */
        if (p == eol || *p == '#' || *p == ':' || strspn(p, "0123456789") >= (size_t)(eol - p)) {
            buf_add(out, p, (size_t)(eol - p));
        } else {
            /* A name, a value target "name:count", or a temporal trace "a,b,c". */
            for (const char *t = p; t < eol;) {
                const char *comma = memchr(t, ',', (size_t)(eol - t));
                const char *stop = comma ? comma : eol;

                changed +=
                    (size_t)rename_token(t, (size_t)(stop - t), from, flen, to, relative, out);
                if (comma)
                    buf_adds(out, ",");
                t = comma ? comma + 1 : eol;
            }
        }
        if (nl)
            buf_adds(out, "\n");
        p = nl ? nl + 1 : end;
    }
    return changed;
}

char *merge_rename_input(const struct merge *m, const char *input, const char *source_dir,
                         int *failed)
{
    char *sidecar = metadata_path(input), *text_path = NULL, *out_arg = NULL, *result = NULL;
    const char *from, *names;
    struct kv kv;
    struct buf err, text, renamed;
    size_t changed;
    int relative, fd;

    *failed = 0;
    kv_init(&kv);
    buf_init(&err);
    buf_init(&text);
    buf_init(&renamed);
    if (access(sidecar, F_OK) != 0 || kv_read(sidecar, &kv) < 0)
        goto done; /* nothing says where it was made */
    from = kv_get(&kv, "source_dir");
    names = kv_get(&kv, "static_names");
    relative = !names || strcmp(names, "absolute") != 0;
    if (!relative && (!from || strcmp(from, source_dir) == 0))
        goto done;
    text_path = xasprintf("%s.tmp.XXXXXX", m->output);
    if ((fd = mkstemp(text_path)) < 0) {
        error("create a temporary file for '%s':", m->output);
        *failed = 1;
        goto done;
    }
    cleanup_add(text_path);
    close(fd);
    out_arg = xasprintf("--output=%s", text_path);
    {
        char *argv[] = {(char *)m->tool, "merge", "--text", out_arg, (char *)input, NULL};
        char *what = xasprintf("%s merge --text", m->tool);

        *failed = merge_run_tool(m, argv, what, &err) < 0 || read_file(text_path, &text) < 0;
        free(what);
        if (*failed)
            goto done;
    }
    changed = llvm_text_rename(text.data, text.len, from, source_dir, relative, &renamed);
    if (changed == 0)
        goto done;
    if (write_file(text_path, renamed.data, renamed.len) < 0) {
        *failed = 1;
        goto done;
    }
    note("renamed %zu static function name%s of '%s', made from sources at %s, for the sources "
         "at %s",
         changed, changed == 1 ? "" : "s", input, from ? from : "(relative names)", source_dir);
    result = text_path;
    text_path = NULL;
done:
    if (text_path) {
        unlink(text_path);
        cleanup_forget(text_path);
    }
    free(text_path);
    free(out_arg);
    free(sidecar);
    kv_release(&kv);
    buf_release(&err);
    buf_release(&text);
    buf_release(&renamed);
    return result;
}
