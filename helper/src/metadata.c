/* SPDX-License-Identifier: MIT */
/* pgo-helper metadata: writes the sidecar of a merged profile (<profile>.meta), which says
 * what made it: compiler and version, profile format, a hash of the optimization flags, the
 * training workloads, the source revision and the date. pgo-helper report reads it back to
 * tell how old a profile given with PGO_PROFILE is and whether another compiler made it. */
#define _POSIX_C_SOURCE 200809L
#include "metadata.h"

#include "cli.h"
#include "fs.h"
#include "output_cache.h"
#include "profile_options.h"
#include "subprocess.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char usage[] =
    "usage: pgo-helper metadata --profile PATH --compiler clang|gcc [--compiler-path CC]\n"
    "                           [--flags TEXT] [--training FILE] [--source-dir DIR]\n"
    "                           [--sources FILE [--build-dir DIR]] [--shard K/N]\n"
    "                           [--output FILE]\n"
    "\n"
    "Writes the sidecar of a merged profile: PATH.meta for a file, PATH/profile.meta for a\n"
    "directory (or FILE), as key=value lines.\n"
    "\n"
    "  --profile PATH        the merged profile\n"
    "  --compiler KIND       clang or gcc\n"
    "  --compiler-path CC    the compiler that made it, to record its version\n"
    "  --flags TEXT          the optimization flags; their hash is recorded\n"
    "  --training FILE       the training workloads, one a line\n"
    "  --source-dir DIR      the sources; their git revision is recorded when DIR is a checkout\n"
    "  --sources FILE        the source files compiled, one absolute path a line: a hash of\n"
    "                        their contents and of their paths below DIR (or below the\n"
    "                        --build-dir) is recorded, the same in every checkout\n"
    "  --build-dir DIR       the build tree, for the paths of generated sources\n"
    "  --shard K/N           the profile is shard K of N of the training (PGO_TRAINING_SHARD)\n"
    "  --output FILE         where to write (default: beside the profile, as above)\n"
    "  -h, --help            show this help\n"
    "      --version         show the version\n";

enum {
    OPT_FLAGS = 256,
    OPT_TRAINING,
    OPT_SOURCE_DIR,
    OPT_SOURCES,
    OPT_BUILD_DIR,
    OPT_SHARD,
    OPT_OUTPUT
};

static const struct cli_option options[] = {
    PROFILE_OPTION_ROWS_PROFILE,
    {"flags", 0, 1, OPT_FLAGS},
    {"training", 0, 1, OPT_TRAINING},
    {"source-dir", 0, 1, OPT_SOURCE_DIR},
    {"sources", 0, 1, OPT_SOURCES},
    {"build-dir", 0, 1, OPT_BUILD_DIR},
    {"shard", 0, 1, OPT_SHARD},
    {"output", 0, 1, OPT_OUTPUT},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

void kv_init(struct kv *kv)
{
    strvec_init(&kv->keys);
    strvec_init(&kv->values);
}

void kv_release(struct kv *kv)
{
    strvec_release(&kv->keys);
    strvec_release(&kv->values);
}

void kv_add(struct kv *kv, const char *key, const char *value)
{
    strvec_push(&kv->keys, key);
    strvec_push(&kv->values, value);
}

const char *kv_get(const struct kv *kv, const char *key)
{
    for (size_t i = 0; i < kv->keys.n; i++)
        if (strcmp(kv->keys.v[i], key) == 0)
            return kv->values.v[i];
    return NULL;
}

void kv_parse(const char *text, size_t n, struct kv *kv)
{
    const char *end = text + n;

    for (const char *line = text; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
        const char *eq = memchr(line, '=', len);

        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len > 0 && line[0] != '#' && eq && eq > line) {
            char *key = xstrndup(line, (size_t)(eq - line));
            char *value = xstrndup(eq + 1, len - (size_t)(eq + 1 - line));

            kv_add(kv, key, value);
            free(key);
            free(value);
        }
        line = nl ? nl + 1 : end;
    }
}

void kv_format(const struct kv *kv, struct buf *out)
{
    for (size_t i = 0; i < kv->keys.n; i++) {
        buf_addf(out, "%s=", kv->keys.v[i]);
        for (const char *p = kv->values.v[i]; *p; p++)
            buf_add(out, *p == '\n' || *p == '\r' ? " " : p, 1);
        buf_adds(out, "\n");
    }
}

int kv_read(const char *path, struct kv *kv)
{
    struct stat st;
    struct buf b;

    if (stat(path, &st) < 0)
        return 1;
    buf_init(&b);
    if (read_file(path, &b) < 0) {
        buf_release(&b);
        return -1;
    }
    kv_parse(b.data, b.len, kv);
    buf_release(&b);
    return 0;
}

char *metadata_path(const char *profile)
{
    struct stat st;

    if (stat(profile, &st) == 0 && S_ISDIR(st.st_mode))
        return xasprintf("%s/profile.meta", profile);
    return xasprintf("%s.meta", profile);
}

char *compiler_version_line(const char *compiler)
{
    char *argv[] = {(char *)compiler, "--version", NULL};
    struct buf out;
    int status;
    char *line = NULL;

    buf_init(&out);
    if (run_capture(argv, NULL, &out, &out, &status) == 0 && status == 0 && out.len > 0)
        line = xstrndup(out.data, strcspn(out.data, "\n"));
    buf_release(&out);
    return line;
}

char *compiler_version_line_cached(const char *compiler, const char *cache)
{
    char *const files[] = {(char *)compiler};
    char *key = cache ? output_cache_key(files, 1) : NULL;
    struct buf b;
    char *line;

    buf_init(&b);
    if (output_cache_get(cache, key, &b)) {
        line = xstrndup(b.data ? b.data : "", b.len);
    } else if ((line = compiler_version_line(compiler))) {
        output_cache_put(cache, key, line, strlen(line));
    }
    buf_release(&b);
    free(key);
    return line;
}

/* The first line of a command's stdout when it succeeds, else NULL. Its stderr is dropped. */
static char *output_line(char *const *argv)
{
    struct buf out, err;
    int status;
    char *line = NULL;

    buf_init(&out);
    buf_init(&err);
    if (run_capture(argv, NULL, &out, &err, &status) == 0 && status == 0)
        line = xstrndup(out.data, strcspn(out.data, "\n"));
    buf_release(&out);
    buf_release(&err);
    return line;
}

/* The git revision of dir and whether tracked files were changed, when git is installed and
 * dir is a checkout. */
static void add_revision(struct kv *kv, const char *dir)
{
    char *rev_argv[] = {"git", "-C", (char *)dir, "rev-parse", "HEAD", NULL};
    char *status_argv[] = {
        "git", "-C", (char *)dir, "status", "--porcelain", "--untracked-files=no", NULL};
    char *rev = output_line(rev_argv), *changed;

    if (!rev || strlen(rev) < 7) {
        free(rev);
        return;
    }
    kv_add(kv, "source_revision", rev);
    changed = output_line(status_argv);
    if (changed)
        kv_add(kv, "source_modified", *changed ? "yes" : "no");
    free(changed);
    free(rev);
}

/* sources_hash: the contents of the sources listed in FILE, each with its path below the
 * source or the build tree, so that two checkouts of one revision at other paths agree and a
 * changed file or flag of the list does not. A source that cannot be read counts as missing. */
static int add_sources_hash(struct kv *kv, const char *file, const char *source_dir,
                            const char *build_dir)
{
    uint64_t hash = FNV1A64_INIT;
    struct buf list;
    char text[32];

    buf_init(&list);
    if (read_file(file, &list) < 0) {
        buf_release(&list);
        return -1;
    }
    for (char *line = list.data; *line;) {
        char *nl = strchr(line, '\n');
        const char *rel;
        struct stat st;
        struct buf b;

        if (nl)
            *nl = '\0';
        if (*line) {
            if ((rel = path_below(line, source_dir)))
                hash = fnv1a64(hash, "src:", 4);
            else if ((rel = path_below(line, build_dir)))
                hash = fnv1a64(hash, "build:", 6);
            else
                rel = line;
            hash = fnv1a64(hash, rel, strlen(rel) + 1);
            buf_init(&b);
            if (stat(line, &st) == 0 && S_ISREG(st.st_mode) && read_file(line, &b) == 0)
                hash = fnv1a64(hash, b.data, b.len);
            else
                hash = fnv1a64(hash, "(missing)", 10);
            buf_release(&b);
        }
        line = nl ? nl + 1 : line + strlen(line);
    }
    buf_release(&list);
    snprintf(text, sizeof(text), "%016" PRIx64, hash);
    kv_add(kv, "sources_hash", text);
    return 0;
}

/* "llvm-indexed 12" or "gcda GCC 12.2", and a hash of the profile's bytes. */
int metadata_describe_profile(struct kv *kv, const char *profile, enum compiler compiler)
{
    struct strvec names;
    uint64_t hash = FNV1A64_INIT;
    char text[64];
    int rc = 0;

    strvec_init(&names);
    if (compiler == COMPILER_CLANG) {
        strvec_push(&names, profile);
    } else if (list_dir(profile, ".gcda", &names) == 0) {
        for (size_t i = 0; i < names.n; i++) {
            char *path = xasprintf("%s/%s", profile, names.v[i]);

            free(names.v[i]);
            names.v[i] = path;
        }
    } else {
        rc = -1;
    }
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        struct buf b;
        const unsigned char *d;

        buf_init(&b);
        if (read_file(names.v[i], &b) < 0) {
            rc = -1;
        } else {
            d = (const unsigned char *)b.data;
            hash = fnv1a64(hash, base_name(names.v[i]), strlen(base_name(names.v[i])) + 1);
            hash = fnv1a64(hash, b.data, b.len);
            if (i == 0 && compiler == COMPILER_CLANG && b.len >= 16 && d[0] == 0xff && d[7] == 0x81)
                snprintf(text, sizeof(text), "llvm-indexed %u",
                         (unsigned)d[8] | (unsigned)d[9] << 8 | (unsigned)d[10] << 16);
            else if (i == 0 && compiler == COMPILER_CLANG)
                snprintf(text, sizeof(text), "unknown");
            else if (i == 0 && b.len >= 8 && d[7] >= 'A' && d[7] <= 'Z')
                /* The version word "B22*" read little-endian: GCC 12.2. */
                snprintf(text, sizeof(text), "gcda GCC %d.%c", (d[7] - 'A') * 10 + (d[6] - '0'),
                         d[5]);
            else if (i == 0)
                snprintf(text, sizeof(text), "gcda");
            if (i == 0)
                kv_add(kv, "profile_format", text);
        }
        buf_release(&b);
    }
    if (rc == 0) {
        snprintf(text, sizeof(text), "%016" PRIx64, hash);
        kv_add(kv, "profile_hash", text);
    }
    strvec_release(&names);
    return rc;
}

int metadata_run(const struct metadata_options *o)
{
    const char *profile = o->p.profile, *compiler = o->p.compiler, *cc = o->p.compiler_path;
    const char *flags = o->flags, *training = o->training, *source_dir = o->source_dir;
    const char *output = o->output, *sources = o->sources, *build_dir = o->build_dir;
    const char *shard = o->shard;
    enum compiler kind = o->kind;
    char *path = NULL, *version = NULL;
    char text[64];
    struct kv kv;
    struct buf b;
    time_t now = time(NULL);
    struct tm tm;
    int rc = 1;

    kv_init(&kv);
    buf_init(&b);
    kv_add(&kv, "compiler", compiler);
    if (cc) {
        version = compiler_version_line(cc);
        kv_add(&kv, "compiler_path", cc);
        kv_add(&kv, "compiler_version", version ? version : "unknown");
    }
    if (metadata_describe_profile(&kv, profile, kind) < 0)
        goto done;
    if (flags) {
        snprintf(text, sizeof(text), "%016" PRIx64, fnv1a64(FNV1A64_INIT, flags, strlen(flags)));
        kv_add(&kv, "flags_hash", text);
    }
    if (training) {
        struct buf t;
        const char *line, *nl;

        buf_init(&t);
        if (read_file(training, &t) < 0) {
            buf_release(&t);
            goto done;
        }
        for (line = t.data; *line; line = nl ? nl + 1 : line + strlen(line)) {
            char *one;

            nl = strchr(line, '\n');
            one = xstrndup(line, nl ? (size_t)(nl - line) : strlen(line));
            if (*one)
                kv_add(&kv, "training", one);
            free(one);
        }
        buf_release(&t);
    }
    if (source_dir) {
        kv_add(&kv, "source_dir", source_dir);
        /* Clang's static functions are named by their full path (merge_rename.c). */
        if (kind == COMPILER_CLANG)
            kv_add(&kv, "static_names", "absolute");
        add_revision(&kv, source_dir);
    }
    if (sources && add_sources_hash(&kv, sources, source_dir, build_dir) < 0)
        goto done;
    if (shard)
        kv_add(&kv, "shard", shard);
    gmtime_r(&now, &tm);
    strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
    kv_add(&kv, "date", text);

    buf_adds(&b, "# pgo-helper metadata: what made this profile (pgo-helper report reads it)\n");
    kv_format(&kv, &b);
    path = output ? xstrdup(output) : metadata_path(profile);
    if (write_file_atomic(path, b.data, b.len) < 0)
        goto done;
    rc = 0;
done:
    free(path);
    free(version);
    buf_release(&b);
    kv_release(&kv);
    return rc;
}

/* Parses argv into o. Returns -1 when the sidecar is to be written, else the exit status (-h,
 * --version, bad usage). */
static int parse_options(struct metadata_options *o, int argc, char **argv)
{
    struct cli c;
    int id, finished;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_FLAGS:
            o->flags = c.arg;
            break;
        case OPT_TRAINING:
            o->training = c.arg;
            break;
        case OPT_SOURCE_DIR:
            o->source_dir = c.arg;
            break;
        case OPT_OUTPUT:
            o->output = c.arg;
            break;
        case OPT_SOURCES:
            o->sources = c.arg;
            break;
        case OPT_BUILD_DIR:
            o->build_dir = c.arg;
            break;
        case OPT_SHARD:
            o->shard = c.arg;
            break;
        default:
            profile_option(&o->p, id, c.arg);
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    if (!o->p.profile || !o->p.compiler) {
        error("missing %s", !o->p.profile ? "--profile" : "--compiler");
        return cli_usage_error(usage, NULL);
    }
    if (compiler_parse(o->p.compiler, 0, &o->kind) < 0)
        return cli_usage_error(usage, NULL);
    return -1;
}

int cmd_metadata(int argc, char **argv)
{
    struct metadata_options o = {.kind = COMPILER_GCC};
    int rc = parse_options(&o, argc, argv);

    return rc < 0 ? metadata_run(&o) : rc;
}
