/* SPDX-License-Identifier: MIT */
/* pgo-helper bolt: the post-link stage of PGO_BOLT. Each linked file of the optimized tree is
 * instrumented with llvm-bolt, the training tests run (as pgo-helper train runs them), and the
 * file llvm-bolt optimizes with their profile takes the linked file's place.
 *
 * State, in the state directory, per target NAME:
 *   NAME.input    the linker's output, kept to bolt from and to restore
 *   NAME.state    hashes of that output and of the file last put at the target path, its kind
 *                 (input, instrumented, bolted, kept) and the training it was made with
 *   NAME.log      what llvm-bolt said, NAME.result the one-line outcome for the report
 *   raw/NAME/     the instrumented runs' .fdata files; NAME.fdata their merge
 * A file is put at a target path only after the state names its hash, so the target path always
 * holds a file the state knows: an interrupted run leaves nothing the next one cannot restore,
 * and an instrumented file is never left in place after the next build. Whatever is put at the
 * target path keeps the linker's time stamp, so neither the target nor the targets linking it
 * look out of date to the build tool. */
#define _POSIX_C_SOURCE 200809L
#include "bolt.h"
#include "bolt_log.h"
#include "cli.h"
#include "fs.h"
#include "subprocess.h"
#include "train.h"
#include "training_options.h"
#include "util.h"
#include "version.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: pgo-helper bolt --state-dir DIR --targets FILE --build-dir DIR --llvm-bolt PATH\n"
    "                       --merge-fdata PATH [--ctest PATH] [--config NAME] [--jobs N]\n"
    "                       [--timeout SEC] [--allow-failures] [--tests-regex R]\n"
    "                       [--test NAME]... [-v]\n"
    "\n"
    "Optimizes the linked files of an optimized build tree with llvm-bolt: files linked anew\n"
    "are instrumented, the training tests of DIR run, and the files llvm-bolt optimizes with\n"
    "their profile take the linked files' places. Nothing is done when no file was linked\n"
    "again and the training is the same.\n"
    "\n"
    "  --state-dir DIR     where the linker's outputs, profiles and logs are kept\n"
    "  --targets FILE      lines 'target<TAB>NAME<TAB>PATH', 'input<TAB>PATH' (training\n"
    "                      inputs) and 'training<TAB>TEXT'\n"
    "  --build-dir DIR     the build tree whose training tests run\n"
    "  --llvm-bolt PATH    the llvm-bolt to run, in its installed place: it finds its\n"
    "                      instrumentation runtime in ../lib\n"
    "  --merge-fdata PATH  the merge-fdata to run\n" TRAINING_OPTIONS_HELP
    "  -v, --verbose       show each command\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n";

enum { OPT_STATE_DIR = 256, OPT_TARGETS, OPT_BUILD_DIR, OPT_LLVM_BOLT, OPT_MERGE_FDATA };

static const struct cli_option options[] = {
    {"state-dir", 0, 1, OPT_STATE_DIR},
    {"targets", 0, 1, OPT_TARGETS},
    {"build-dir", 0, 1, OPT_BUILD_DIR},
    {"llvm-bolt", 0, 1, OPT_LLVM_BOLT},
    {"merge-fdata", 0, 1, OPT_MERGE_FDATA},
    TRAINING_OPTION_ROWS,
    {"verbose", 'v', 0, 'v'},
    CLI_HELP_ROWS,
    {NULL, 0, 0, 0},
};

/* The optimization llvm-bolt applies; part of the training key, so a change re-bolts. */
static const char *const optimize_options[] = {"-reorder-blocks=ext-tsp",
                                               "-reorder-functions=cdsort", "-split-functions",
                                               "-dyno-stats", NULL};

/* Functions llvm-bolt is told to skip at most, one retry each. */
#define MAX_SKIPS 8

struct state {
    uint64_t input;        /* hash of the linker's output */
    struct timespec mtime; /* its time stamp */
    uint64_t placed;       /* hash of the file last put at the target path */
    char kind[16];         /* input, instrumented, bolted or kept */
    uint64_t key;          /* the training key of a bolted or kept file */
};

struct target {
    char *name;       /* owned, all strings below too */
    char *path;       /* the target file */
    char *input;      /* STATE/NAME.input */
    char *state_file; /* STATE/NAME.state */
    char *raw;        /* STATE/raw/NAME */
    struct state st;
    int have_state;
    int work;         /* instrument and bolt it in this run */
    int instrumented; /* the target path holds the instrumented file */
    struct strvec skip;
};

struct bolt {
    const struct bolt_options *o;
    struct target *t; /* owned, n entries */
    size_t n;
    uint64_t key; /* the training: target list, training lines, inputs' contents, options */
};

static int load_state(struct target *t)
{
    struct buf b;
    unsigned long long input, placed, key;
    long long sec;
    long nsec;
    char kind[16];
    int ok;

    buf_init(&b);
    t->have_state = 0;
    if (access(t->state_file, F_OK) != 0 || read_file(t->state_file, &b) < 0) {
        buf_release(&b);
        return 0;
    }
    ok = sscanf(b.data, "pgo-bolt-state 1\ninput %llx %lld %ld\nplaced %llx\nkind %15s\nkey %llx",
                &input, &sec, &nsec, &placed, kind, &key) == 6;
    buf_release(&b);
    if (!ok)
        return 0; /* unreadable: the file at the target path counts as a new link */
    t->st.input = input;
    t->st.mtime.tv_sec = (time_t)sec;
    t->st.mtime.tv_nsec = nsec;
    t->st.placed = placed;
    memcpy(t->st.kind, kind, sizeof(kind));
    t->st.key = key;
    t->have_state = 1;
    return 0;
}

static int save_state(struct target *t, const char *kind, uint64_t placed, uint64_t key)
{
    char *text;
    int rc;

    snprintf(t->st.kind, sizeof(t->st.kind), "%s", kind);
    t->st.placed = placed;
    t->st.key = key;
    text = xasprintf("pgo-bolt-state 1\ninput %016" PRIx64 " %lld %ld\nplaced %016" PRIx64
                     "\nkind %s\nkey %016" PRIx64 "\n",
                     t->st.input, (long long)t->st.mtime.tv_sec, (long)t->st.mtime.tv_nsec,
                     t->st.placed, t->st.kind, t->st.key);
    rc = write_file_atomic(t->state_file, text, strlen(text));
    t->have_state = rc == 0;
    free(text);
    return rc;
}

static mode_t mode_of(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? st.st_mode & 07777 : 0755;
}

/* Puts the linker's output back at the target path and records it. */
static int restore_input(struct target *t)
{
    if (put_file(t->input, t->path, mode_of(t->input), &t->st.mtime, 0) < 0)
        return -1;
    t->instrumented = 0;
    return save_state(t, "input", t->st.input, 0);
}

/* Records the outcome of a target for the report, and prints it. */
static void write_result(const struct bolt *b, const struct target *t, const char *text, int warned)
{
    char *file = xasprintf("%s/%s.result", b->o->state_dir, t->name);
    char *line = xasprintf("%s\t%s\n", t->name, text);

    if (warned)
        warn("%s: %s", t->name, text);
    else
        note("%s: %s", t->name, text);
    (void)write_file_atomic(file, line, strlen(line));
    free(line);
    free(file);
}

static void release_targets(struct bolt *b)
{
    for (size_t i = 0; i < b->n; i++) {
        struct target *t = &b->t[i];

        free(t->name);
        free(t->path);
        free(t->input);
        free(t->state_file);
        free(t->raw);
        strvec_release(&t->skip);
    }
    free(b->t);
    b->t = NULL;
    b->n = 0;
}

/* Reads the target list and computes the training key. */
static int read_targets(struct bolt *b)
{
    struct buf text;
    uint64_t key = FNV1A64_INIT;
    int rc = 0;

    buf_init(&text);
    if (read_file(b->o->targets_file, &text) < 0) {
        buf_release(&text);
        return -1;
    }
    key = fnv1a64(key, text.data, text.len);
    key = fnv1a64(key, b->o->llvm_bolt, strlen(b->o->llvm_bolt) + 1);
    key = fnv1a64(key, PGO_HELPER_VERSION, strlen(PGO_HELPER_VERSION) + 1);
    for (size_t i = 0; optimize_options[i]; i++)
        key = fnv1a64(key, optimize_options[i], strlen(optimize_options[i]) + 1);
    for (char *line = text.data; *line && rc == 0;) {
        char *nl = strchr(line, '\n'), *tab;

        if (nl)
            *nl = '\0';
        tab = strchr(line, '\t');
        if (tab && starts_with(line, "target\t")) {
            char *path = strchr(tab + 1, '\t');
            struct target *t;

            if (!path) {
                error("%s: malformed line '%s'", b->o->targets_file, line);
                rc = -1;
                break;
            }
            *path++ = '\0';
            b->t = xrealloc(b->t, (b->n + 1) * sizeof(*b->t));
            t = &b->t[b->n++];
            memset(t, 0, sizeof(*t));
            strvec_init(&t->skip);
            t->name = xstrdup(tab + 1);
            t->path = xstrdup(path);
            t->input = xasprintf("%s/%s.input", b->o->state_dir, t->name);
            t->state_file = xasprintf("%s/%s.state", b->o->state_dir, t->name);
            t->raw = xasprintf("%s/raw/%s", b->o->state_dir, t->name);
        } else if (tab && starts_with(line, "input\t")) {
            uint64_t h = 0;

            /* An input that cannot be read counts as changed each time: say so. */
            if (hash_file(tab + 1, &h) < 0)
                warn("training input '%s' cannot be read", tab + 1);
            key = fnv1a64(key, &h, sizeof(h));
        }
        line = nl ? nl + 1 : line + strlen(line);
    }
    buf_release(&text);
    b->key = key;
    return rc;
}

/* Looks at a target's file: restores what an interrupted run left instrumented, keeps a new
 * link's output, and decides whether the file needs work. */
static int examine(struct bolt *b, struct target *t)
{
    struct stat st;
    uint64_t cur;
    int known;

    remove_temporaries_of(t->path);
    remove_temporaries_of(t->input);
    remove_temporaries_of(t->state_file);
    if (stat(t->path, &st) < 0) {
        error("'%s' (target %s) does not exist: build the target first:", t->path, t->name);
        return -1;
    }
    if (hash_file(t->path, &cur) < 0 || load_state(t) < 0)
        return -1;
    known =
        t->have_state && (cur == t->st.input || cur == t->st.placed) && access(t->input, R_OK) == 0;
    if (known && cur == t->st.placed && cur != t->st.input &&
        strcmp(t->st.kind, "instrumented") == 0) {
        note("%s: restoring the linked file that an interrupted run left instrumented", t->name);
        if (restore_input(t) < 0)
            return -1;
        cur = t->st.input;
    }
    if (known && cur == t->st.input) {
        /* Linked again to the same bytes, maybe: whatever goes in its place must not look
         * older than the link, or the build would link it once more. */
        t->st.mtime = st.st_mtim;
    }
    if (!known && t->have_state && cur == t->st.placed) {
        /* The file we put there, but the linker's output it came from is gone: the
         * instrumented file must not stay; removing it makes the build link it again. */
        warn("%s: the linked file kept in %s is missing; removing %s so that the next build "
             "links it again",
             t->name, t->input, t->path);
        unlink(t->path);
        unlink(t->state_file);
        return -1;
    }
    if (!known) {
        /* A new link: keep its output. */
        t->st.input = cur;
        t->st.mtime = st.st_mtim;
        if (put_file(t->path, t->input, st.st_mode & 07777, &st.st_mtim, 0) < 0 ||
            save_state(t, "input", cur, 0) < 0)
            return -1;
        if (b->o->verbose)
            note("%s: linked anew", t->name);
        t->work = 1;
        return 0;
    }
    t->work = !(cur == t->st.placed && t->st.key == b->key &&
                (strcmp(t->st.kind, "bolted") == 0 || strcmp(t->st.kind, "kept") == 0));
    return 0;
}

/* Runs llvm-bolt with ARGS (after the input) writing OUTPUT, retrying with the functions it
 * names skipped. The output of the last attempt is appended to LOG and left in *said. Returns
 * 0 when it succeeded, 1 when it failed (reason in *said), -1 on an error of our own. */
static int run_bolt(struct bolt *b, struct target *t, const char *const *args, const char *output,
                    struct buf *said)
{
    for (;;) {
        struct strvec argv;
        struct buf out, err;
        char *log = xasprintf("%s/%s.log", b->o->state_dir, t->name);
        int status, rc;
        FILE *f;

        strvec_init(&argv);
        strvec_push(&argv, b->o->llvm_bolt);
        strvec_push(&argv, t->input);
        strvec_push(&argv, "-o");
        strvec_push(&argv, output);
        for (size_t i = 0; args[i]; i++)
            strvec_push(&argv, args[i]);
        if (t->skip.n > 0) {
            struct buf list;

            buf_init(&list);
            buf_adds(&list, "--skip-funcs=");
            for (size_t k = 0; k < t->skip.n; k++)
                buf_addf(&list, "%s%s", k ? "," : "", t->skip.v[k]);
            strvec_push(&argv, list.data);
            buf_release(&list);
        }
        buf_init(&out);
        buf_init(&err);
        if (b->o->verbose) {
            struct buf cmd;

            buf_init(&cmd);
            format_command(&cmd, argv.v);
            note("run: %s", cmd.data);
            buf_release(&cmd);
        }
        rc = run_capture(argv.v, NULL, &out, &err, &status);
        strvec_release(&argv);
        buf_release(said);
        buf_init(said);
        buf_add(said, out.data, out.len);
        buf_add(said, err.data, err.len);
        if ((f = fopen(log, "a"))) {
            fwrite(said->data, 1, said->len, f);
            fclose(f);
        }
        free(log);
        buf_release(&out);
        buf_release(&err);
        if (rc < 0)
            return -1;
        if (status == 0)
            return 0;
        if (bolt_log_skips(said->data, &t->skip, MAX_SKIPS) == 0)
            return 1;
        note("%s: llvm-bolt fails on function %s; trying again without it", t->name,
             t->skip.v[t->skip.n - 1]);
    }
}

/* Instruments a target: the instrumented file takes the target path, recorded first. Returns
 * 0 (instrumented, or kept with a warning when llvm-bolt cannot), -1 on error. */
static int instrument(struct bolt *b, struct target *t)
{
    char *tmp = xasprintf("%s.tmp.XXXXXX", t->path);
    char *file = xasprintf("--instrumentation-file=%s/prof.fdata", t->raw);
    /* No --runtime-instrumentation-lib: llvm-bolt 19 appends even an absolute path to its own
     * ../lib, where it finds the runtime by itself. */
    const char *args[] = {"-instrument", file, "--instrumentation-file-append-pid", NULL};
    char *log = xasprintf("%s/%s.log", b->o->state_dir, t->name);
    struct buf said;
    uint64_t h;
    int fd, rc = -1, r;

    buf_init(&said);
    unlink(log);
    if (remove_tree(t->raw) < 0 || mkdir_p(t->raw) < 0)
        goto done;
    fd = mkstemp(tmp);
    if (fd < 0) {
        error("create a temporary file for '%s':", t->path);
        goto done;
    }
    close(fd);
    r = run_bolt(b, t, args, tmp, &said);
    if (r < 0)
        goto done;
    if (r > 0) {
        char *why = bolt_log_first_error(said.data);
        char *text = xasprintf("kept the PGO build's file: llvm-bolt cannot instrument it (%s; "
                               "see %s)",
                               why, log);

        write_result(b, t, text, 1);
        free(text);
        free(why);
        t->work = 0;
        rc = restore_input(t) < 0 ? -1 : save_state(t, "kept", t->st.input, b->key);
        goto done;
    }
    if (hash_file(tmp, &h) < 0 || save_state(t, "instrumented", h, 0) < 0)
        goto done;
    if (put_file(tmp, t->path, mode_of(t->input), &t->st.mtime, 1) < 0)
        goto done;
    t->instrumented = 1;
    rc = 0;
done:
    unlink(tmp);
    buf_release(&said);
    free(log);
    free(file);
    free(tmp);
    return rc;
}

/* Runs the training tests through pgo-helper train; returns its exit status. */
static int train(struct bolt *b)
{
    struct train_options o = {.build_dir = b->o->build_dir,
                              .compiler = COMPILER_NONE,
                              .verbose = b->o->verbose,
                              .training = b->o->training};
    char *raw = xasprintf("%s/train", b->o->state_dir);
    int rc;

    o.raw_dir = raw;
    /* The training's messages say "train", as those of pgo-helper train itself. */
    set_subcommand("train");
    rc = train_run(&o);
    set_subcommand("bolt");
    free(raw);
    return rc;
}

/* Merges a trained target's profiles and writes the optimized file in its place. Returns 0
 * (bolted, or kept with a note or warning), -1 on error. */
static int optimize(struct bolt *b, struct target *t)
{
    char *merged = xasprintf("%s/%s.fdata", b->o->state_dir, t->name);
    char *data = xasprintf("-data=%s", merged);
    char *tmp = xasprintf("%s.tmp.XXXXXX", t->path);
    char *log = xasprintf("%s/%s.log", b->o->state_dir, t->name);
    const char *args[8];
    struct strvec files, argv;
    struct buf said;
    uint64_t h;
    int rc = -1, fd, r, status;
    size_t a = 0;

    strvec_init(&files);
    strvec_init(&argv);
    buf_init(&said);
    /* The linker's output goes back first: the target path always holds a known file. */
    if (restore_input(t) < 0 || find_files(t->raw, ".fdata", &files) < 0)
        goto done;
    if (files.n == 0) {
        write_result(b, t, "kept the PGO build's file: the training did not run it", 0);
        rc = save_state(t, "kept", t->st.input, b->key);
        goto done;
    }
    strvec_push(&argv, b->o->merge_fdata);
    for (size_t i = 0; i < files.n; i++)
        strvec_push(&argv, files.v[i]);
    strvec_push(&argv, "-o");
    strvec_push(&argv, merged);
    if (run_capture(argv.v, NULL, NULL, &said, &status) < 0)
        goto done;
    if (status != 0) {
        char how[128];

        describe_status(status, how, sizeof(how));
        fputs(said.data, stderr);
        error("%s: merge-fdata failed (%s)", t->name, how);
        goto done;
    }
    for (size_t i = 0; optimize_options[i]; i++)
        args[a++] = optimize_options[i];
    args[a++] = data;
    args[a] = NULL;
    fd = mkstemp(tmp);
    if (fd < 0) {
        error("create a temporary file for '%s':", t->path);
        goto done;
    }
    close(fd);
    r = run_bolt(b, t, args, tmp, &said);
    if (r < 0)
        goto done;
    if (r > 0) {
        char *why = bolt_log_first_error(said.data);
        char *text =
            xasprintf("kept the PGO build's file: llvm-bolt failed (%s; see %s)", why, log);

        write_result(b, t, text, 1);
        free(text);
        free(why);
        rc = save_state(t, "kept", t->st.input, b->key);
        goto done;
    }
    if (hash_file(tmp, &h) < 0 || save_state(t, "bolted", h, b->key) < 0 ||
        put_file(tmp, t->path, mode_of(t->input), &t->st.mtime, 1) < 0)
        goto done;
    {
        char *text = bolt_log_describe(said.data, &t->skip);

        write_result(b, t, text, 0);
        free(text);
    }
    rc = 0;
done:
    unlink(tmp);
    buf_release(&said);
    strvec_release(&argv);
    strvec_release(&files);
    free(log);
    free(tmp);
    free(data);
    free(merged);
    return rc;
}

/* Writes STATE/report.txt: the result line of every target, for pgo-helper report. */
static void write_report(const struct bolt *b)
{
    struct buf all;
    char *path = xasprintf("%s/report.txt", b->o->state_dir);

    buf_init(&all);
    for (size_t i = 0; i < b->n; i++) {
        char *file = xasprintf("%s/%s.result", b->o->state_dir, b->t[i].name);
        struct buf one;

        buf_init(&one);
        if (access(file, F_OK) == 0 && read_file(file, &one) == 0)
            buf_add(&all, one.data, one.len);
        buf_release(&one);
        free(file);
    }
    (void)write_file_if_changed(path, all.data, all.len, NULL);
    buf_release(&all);
    free(path);
}

/* Parses argv into b. Returns -1 when the run goes on, else the exit status (-h, --version,
 * bad usage). */
static int parse_options(struct bolt_options *b, int argc, char **argv)
{
    struct cli c;
    int id, finished;

    cli_init(&c, argc, argv);
    while ((id = cli_next(&c, options)) >= 0) {
        switch (id) {
        case OPT_STATE_DIR:
            b->state_dir = c.arg;
            break;
        case OPT_TARGETS:
            b->targets_file = c.arg;
            break;
        case OPT_BUILD_DIR:
            b->build_dir = c.arg;
            break;
        case OPT_LLVM_BOLT:
            b->llvm_bolt = c.arg;
            break;
        case OPT_MERGE_FDATA:
            b->merge_fdata = c.arg;
            break;
        case 'v':
            b->verbose = 1;
            break;
        default:
            if (training_option(&b->training, id, c.arg) < 0)
                goto bad;
            break;
        }
    }
    if ((finished = cli_finish(&c, id, usage, 0)) >= 0)
        return finished;
    {
        const char *missing = !b->state_dir      ? "--state-dir"
                              : !b->targets_file ? "--targets"
                              : !b->build_dir    ? "--build-dir"
                              : !b->llvm_bolt    ? "--llvm-bolt"
                              : !b->merge_fdata  ? "--merge-fdata"
                                                 : NULL;

        if (missing) {
            error("missing %s", missing);
            goto bad;
        }
    }
    return -1;
bad:
    fputs(usage, stderr);
    return 2;
}

int cmd_bolt(int argc, char **argv)
{
    struct bolt_options o;
    int rc;

    memset(&o, 0, sizeof(o));
    training_options_init(&o.training);
    rc = parse_options(&o, argc, argv);
    rc = rc >= 0 ? rc : bolt_run(&o);
    training_options_release(&o.training);
    return rc;
}

int bolt_run(const struct bolt_options *o)
{
    struct bolt b;
    char *lock_file = NULL;
    int rc = 1, lock = -1, failed;
    size_t work = 0;

    memset(&b, 0, sizeof(b));
    b.o = o;
    cloexec_inherited_fds();
    if (mkdir_p(o->state_dir) < 0)
        return 1;
    lock_file = xasprintf("%s/bolt.lock", o->state_dir);
    lock = lock_path(lock_file, "to finish with BOLT in this build tree");
    if (lock < 0 || read_targets(&b) < 0)
        goto done;
    for (size_t i = 0; i < b.n; i++) {
        if (examine(&b, &b.t[i]) < 0)
            goto done;
        work += b.t[i].work;
    }
    if (work == 0) {
        rc = 0;
        goto done;
    }
    {
        struct buf names;

        buf_init(&names);
        for (size_t i = 0; i < b.n; i++)
            if (b.t[i].work)
                buf_addf(&names, "%s%s", names.len ? ", " : "", b.t[i].name);
        note("instrumenting %s", names.data);
        buf_release(&names);
    }
    work = 0;
    for (size_t i = 0; i < b.n; i++) {
        if (b.t[i].work && instrument(&b, &b.t[i]) < 0)
            goto restore;
        work += b.t[i].instrumented;
    }
    if (work > 0) {
        int trained = train(&b);

        if (trained != 0) {
            rc = trained;
            error("the BOLT training failed: the linked files are back in place");
            goto restore;
        }
    }
    failed = 0;
    for (size_t i = 0; i < b.n; i++)
        if (b.t[i].instrumented && optimize(&b, &b.t[i]) < 0)
            failed = 1;
    if (failed)
        goto restore;
    write_report(&b);
    rc = 0;
    goto done;
restore:
    for (size_t i = 0; i < b.n; i++)
        if (b.t[i].instrumented)
            (void)restore_input(&b.t[i]);
    if (rc == 0)
        rc = 1;
done:
    unlock_path(lock);
    free(lock_file);
    release_targets(&b);
    return rc;
}
