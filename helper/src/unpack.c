/* SPDX-License-Identifier: MIT */
/* pgo-helper unpack. A profile archive is handed from one machine to another (PGO_PROFILE,
 * CI shards, a profile checked into a repository), so whoever made it is not trusted: the
 * whole member list is read and checked before the first byte is written, and then the
 * members are created only inside a new private folder, each path component opened without
 * following links, each file created new. Only what pgo-archive writes needs to pass: files
 * and folders with relative names. */
#define _POSIX_C_SOURCE 200809L
#include "unpack.h"

#include "ccache_names.h"
#include "cleanup.h"
#include "cli.h"
#include "fs.h"
#include "gzip.h"
#include "tar.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_SIZE ((size_t)4 << 30)

static const char usage[] =
    "usage: pgo-helper unpack --archive FILE --output DIR --compiler clang|gcc [--key TEXT]\n"
    "                         [--max-size BYTES]\n"
    "\n"
    "Unpacks a profile archive written by pgo-archive (.tar.gz) into DIR, after checking that\n"
    "it holds only files and folders whose names stay below DIR. DIR is replaced whole, or\n"
    "left as it was when the archive is refused.\n"
    "\n"
    "  --archive FILE     the archive\n"
    "  --output DIR       the folder it becomes\n"
    "  --compiler KIND    clang (a .profdata file) or gcc (a folder of .gcda files)\n"
    "  --key TEXT         recorded in DIR/.extracted with the profile's path (the archive's\n"
    "                     SHA-256, so that the same archive is not unpacked again)\n"
    "  --max-size BYTES   refuse an archive that unpacks to more (default 4 GiB)\n"
    "  -h, --help         show this help\n"
    "      --version      show the version\n";

/* NAME for a message: control characters as \xNN, so that a name cannot rewrite the
 * terminal. Points into a static buffer, valid until the next call. */
static const char *shown(const char *name)
{
    static char out[512];
    const unsigned char *c = (const unsigned char *)name;
    size_t o = 0;

    for (; *c && o + 8 < sizeof(out); c++) {
        if (*c < 0x20 || *c == 0x7f || *c == '\\')
            o += (size_t)snprintf(out + o, sizeof(out) - o, "\\x%02x", *c);
        else
            out[o++] = (char)*c;
    }
    if (*c)
        o += (size_t)snprintf(out + o, sizeof(out) - o, "...");
    out[o] = '\0';
    return out;
}

struct entry {
    char *path; /* owned, as unpacked */
    int dir;
    size_t index; /* into the members */
};

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

static int by_index(const void *a, const void *b)
{
    size_t x = ((const struct entry *)a)->index, y = ((const struct entry *)b)->index;

    return x < y ? -1 : x > y;
}

static const struct entry *find(const struct entry *v, size_t n, const char *path)
{
    struct entry key = {(char *)path, 0, 0};

    return bsearch(&key, v, n, sizeof(*v), by_path);
}

/* Checks the members in order: each one may be unpacked, no file comes twice or sits where a
 * folder is. Fills *entries (sorted by path; caller frees). Returns 0, or -1 after an error. */
static int check_members(const struct unpack_options *o, const struct tar_member *m, size_t n,
                         struct entry **entries)
{
    struct entry *v = xcalloc(n ? n : 1, sizeof(*v));
    size_t nv = 0;

    for (size_t i = 0; i < n; i++) {
        const char *why = tar_member_problem(&m[i]);

        /* The module lists the .gcda files it depends on: a ';' would split a name into two
         * list entries, "$<" start a generator expression. */
        if (!why && strchr(m[i].name, ';'))
            why = "has a ';' in its name, which CMake would read as two names";
        else if (!why && strstr(m[i].name, "$<"))
            why = "has '$<' in its name, which CMake would read as a generator expression";

        if (why) {
            error("'%s': member %zu, '%s', %s; nothing was unpacked. Give an archive that "
                  "the pgo-archive target wrote",
                  o->archive, i + 1, shown(m[i].name), why);
            goto fail;
        }
        v[nv].path = tar_member_path(&m[i]);
        v[nv].dir = m[i].type == '5';
        v[nv].index = i;
        if (v[nv].dir && v[nv].path[0] == '\0')
            free(v[nv].path); /* "./": the folder itself */
        else
            nv++;
    }
    qsort(v, nv, sizeof(*v), by_path);
    for (size_t i = 0; i < nv; i++) {
        const struct entry *e = &v[i], *clash = NULL;

        if (i + 1 < nv && strcmp(e->path, v[i + 1].path) == 0 && (!e->dir || !v[i + 1].dir))
            clash = &v[i + 1];
        for (const char *slash = strchr(e->path, '/'); slash && !clash;
             slash = strchr(slash + 1, '/')) {
            char *folder = xstrndup(e->path, (size_t)(slash - e->path));
            const struct entry *parent = find(v, nv, folder);

            if (parent && !parent->dir)
                clash = parent;
            free(folder);
        }
        if (clash) {
            size_t later = e->index > clash->index ? e->index : clash->index;

            error("'%s': member %zu, '%s', %s; nothing was unpacked. Give an archive that "
                  "the pgo-archive target wrote",
                  o->archive, later + 1, shown(m[later].name),
                  strcmp(e->path, clash->path) == 0 ? "is a second member of the same name"
                                                    : "lies below a member that is a file");
            goto fail;
        }
    }
    *entries = v;
    return (int)nv;
fail:
    for (size_t i = 0; i < nv; i++)
        free(v[i].path);
    free(v);
    return -1;
}

static size_t depth(const char *path)
{
    size_t d = 0;

    for (; *path; path++)
        d += *path == '/';
    return d;
}

/* Whether PATH may go on a compile line as it is (-fprofile-use=<folder>/PATH): no ';' that
 * CMake would split into another option, no space, quote or '$' of a generator expression. */
static int plain_path(const char *path)
{
    return strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+-/") ==
           strlen(path);
}

/* The profile among the entries, as a path below the folder ("." for the folder itself):
 * Clang's shallowest .profdata file; GCC's folder profile/ when it holds .gcda files (what
 * pgo-archive writes), else the shallowest folder that does. NULL after an error. */
static char *find_profile(const struct unpack_options *o, const struct entry *v, size_t n)
{
    const char *best = NULL, *slash;
    char *out;

    for (size_t i = 0; i < n; i++) {
        const char *p = v[i].path;

        if (v[i].dir || !ends_with(p, o->clang ? ".profdata" : ".gcda"))
            continue;
        if (!o->clang && starts_with(p, "profile/") && !strchr(p + 8, '/')) {
            best = "profile/";
            break;
        }
        if (!best || depth(p) < depth(best))
            best = p; /* sorted: the first of a depth comes first */
    }
    if (!best) {
        error("'%s' holds no %s profile (%s): give an archive that pgo-archive wrote with this "
              "compiler family",
              o->archive, o->clang ? "Clang" : "GCC",
              o->clang ? "no .profdata file" : "no .gcda file");
        return NULL;
    }
    slash = strrchr(best, '/');
    if (o->clang)
        out = xstrdup(best);
    else
        out = slash ? xstrndup(best, (size_t)(slash - best)) : xstrdup(".");
    if (!plain_path(out)) {
        error("'%s': its profile '%s' has a name that the toolkit does not put on a compile line "
              "(only letters, digits and . _ + - /); nothing was unpacked. Give an archive that "
              "the pgo-archive target wrote",
              o->archive, shown(out));
        free(out);
        return NULL;
    }
    return out;
}

/* Opens the folder of PATH's leading components below TOP, making each, never following a
 * link; *last gets the last component. Returns the descriptor, or -1 after an error. */
static int open_parent(int top, char *path, char **last)
{
    int fd = top;
    char *c = path;

    for (char *slash; (slash = strchr(c, '/')); c = slash + 1) {
        int next;

        *slash = '\0';
        if (mkdirat(fd, c, 0777) < 0 && errno != EEXIST) {
            error("create the folder '%s':", path);
            next = -1;
        } else {
            next = openat(fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (next < 0)
                error("open the folder '%s':", path);
        }
        *slash = '/';
        if (fd != top)
            close(fd);
        if (next < 0)
            return -1;
        fd = next;
    }
    *last = c;
    return fd;
}

static int write_all(int fd, const unsigned char *data, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, data, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Creates the entry below the folder TOP (named dir in messages). */
static int create(int top, const char *dir, const struct entry *e, const struct tar_member *m)
{
    char *path = xstrdup(e->path), *last;
    int parent = open_parent(top, path, &last), fd, rc = -1;

    if (parent < 0)
        goto done;
    if (e->dir) {
        if (mkdirat(parent, last, 0777) < 0 && errno != EEXIST)
            error("create the folder '%s/%s':", dir, e->path);
        else
            rc = 0;
    } else {
        fd = openat(parent, last, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) {
            error("create '%s/%s':", dir, e->path);
        } else {
            if (write_all(fd, m->data, m->size) < 0 || fsync(fd) < 0)
                error("write '%s/%s':", dir, e->path);
            else
                rc = 0;
            if (close(fd) < 0 && rc == 0) {
                error("write '%s/%s':", dir, e->path);
                rc = -1;
            }
        }
    }
    if (parent != top)
        close(parent);
done:
    free(path);
    return rc;
}

/* Puts the folder FRESH at OUTPUT, replacing what was there. */
static int put_in_place(const char *fresh, const char *output)
{
    struct stat st;
    char *old = NULL;
    int rc = -1;

    if (lstat(output, &st) == 0) {
        old = xasprintf("%s.tmp.XXXXXX", output);
        if (!mkdtemp(old)) {
            error("create a temporary folder beside '%s':", output);
            free(old);
            old = NULL;
            goto done;
        }
        cleanup_add(old);
        if (rename(output, old) < 0) {
            error("rename '%s' to '%s':", output, old);
            rmdir(old);
            goto done;
        }
    }
    if (rename(fresh, output) < 0) {
        error("rename '%s' to '%s':", fresh, output);
        if (old && rename(old, output) == 0) {
            cleanup_forget(old);
            free(old);
            old = NULL;
        }
        goto done;
    }
    fsync_dir_of(output);
    rc = 0;
done:
    if (old) {
        remove_tree(old);
        cleanup_forget(old);
    }
    free(old);
    return rc;
}

int unpack_run(const struct unpack_options *o)
{
    struct buf packed, tar, marker;
    struct tar_member *members = NULL;
    struct entry *entries = NULL;
    size_t nmembers = 0, at = 0;
    int nentries = 0, top = -1, rc = 1;
    char *profile = NULL, *fresh = NULL, *parent = dir_name(o->output);
    const char *why = NULL;

    buf_init(&packed);
    buf_init(&tar);
    buf_init(&marker);
    if (read_file(o->archive, &packed) < 0)
        goto done;
    if (gzip_decode((const unsigned char *)packed.data, packed.len, o->max_size, &tar, &why) < 0) {
        error("'%s' is not an archive that pgo-archive wrote (.tar.gz): %s%s", o->archive, why,
              strstr(why, "size limit") ? "; unpack it yourself and set PGO_PROFILE to the "
                                          "profile inside, or raise --max-size"
                                        : "");
        goto done;
    }
    buf_release(&packed);
    buf_init(&packed);
    if (tar_read((const unsigned char *)tar.data, tar.len, &members, &nmembers, &at, &why) < 0) {
        if (at)
            error("'%s': header %zu is %s; nothing was unpacked", o->archive, at, why);
        else
            error("'%s' is not a tar archive that pgo-archive wrote: %s", o->archive, why);
        goto done;
    }
    if ((nentries = check_members(o, members, nmembers, &entries)) < 0)
        goto done;
    if (!(profile = find_profile(o, entries, (size_t)nentries)))
        goto done;

    /* Everything checked: now the writes, into a new folder beside OUTPUT. */
    if (mkdir_p(parent) < 0)
        goto done;
    remove_temporaries_of(o->output);
    fresh = xasprintf("%s.tmp.XXXXXX", o->output);
    if (!mkdtemp(fresh)) {
        error("create a temporary folder beside '%s':", o->output);
        free(fresh);
        fresh = NULL;
        goto done;
    }
    cleanup_add(fresh); /* removed if a signal stops the unpacking */
    top = open(fresh, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (top < 0) {
        error("open '%s':", fresh);
        goto done;
    }
    /* In the archive's order. */
    qsort(entries, (size_t)nentries, sizeof(*entries), by_index);
    for (int k = 0; k < nentries; k++) {
        cleanup_check(); /* a signal stops here, the folder removed */
        if (create(top, fresh, &entries[k], &members[entries[k].index]) < 0)
            goto done;
    }
    if (!o->clang) {
        char *dir = xasprintf("%s/%s", fresh, profile);

        ccache_add_gcda_names(dir);
        free(dir);
    }
    buf_addf(&marker, "key=%s\nprofile=%s\n", o->key ? o->key : "", profile);
    {
        char *path = xasprintf("%s/.extracted", fresh);
        int written = write_file_atomic(path, marker.data, marker.len);

        free(path);
        if (written < 0)
            goto done;
    }
    if (put_in_place(fresh, o->output) < 0)
        goto done;
    cleanup_forget(fresh);
    free(fresh);
    fresh = NULL;
    note("unpacked %d member%s of '%s' into '%s'", nentries, nentries == 1 ? "" : "s", o->archive,
         o->output);
    rc = 0;
done:
    if (top >= 0)
        close(top);
    if (fresh) {
        remove_tree(fresh);
        cleanup_forget(fresh);
    }
    free(fresh);
    for (int k = 0; k < nentries; k++)
        free(entries[k].path);
    free(entries);
    free(profile);
    free(parent);
    tar_release(members, nmembers);
    buf_release(&marker);
    buf_release(&tar);
    buf_release(&packed);
    return rc;
}

enum { OPT_ARCHIVE = 256, OPT_OUTPUT, OPT_COMPILER, OPT_KEY, OPT_MAX_SIZE };

static const struct cli_option options[] = {
    {"archive", 0, 1, OPT_ARCHIVE},
    {"output", 0, 1, OPT_OUTPUT},
    {"compiler", 0, 1, OPT_COMPILER},
    {"key", 0, 1, OPT_KEY},
    {"max-size", 0, 1, OPT_MAX_SIZE},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

int cmd_unpack(int argc, char **argv)
{
    struct unpack_options o = {NULL, NULL, -1, NULL, DEFAULT_MAX_SIZE};
    struct cli c;
    unsigned long max;
    int id, finished;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_ARCHIVE:
            o.archive = c.arg;
            break;
        case OPT_OUTPUT:
            o.output = c.arg;
            break;
        case OPT_COMPILER:
            if (strcmp(c.arg, "clang") != 0 && strcmp(c.arg, "gcc") != 0)
                return cli_usage_error(usage, "--compiler must be clang or gcc");
            o.clang = strcmp(c.arg, "clang") == 0;
            break;
        case OPT_KEY:
            if (strchr(c.arg, '\n'))
                return cli_usage_error(usage, "--key must be one line");
            o.key = c.arg;
            break;
        case OPT_MAX_SIZE:
            if (cli_number("--max-size", c.arg, 1, (unsigned long)-1, &max) < 0)
                return 2;
            o.max_size = max;
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    if (!o.archive || !o.output || o.clang < 0)
        return cli_usage_error(usage, !o.archive  ? "missing --archive"
                                      : !o.output ? "missing --output"
                                                  : "missing --compiler");
    if (!*o.output)
        return cli_usage_error(usage, "--output is empty");
    return unpack_run(&o);
}
