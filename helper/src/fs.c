/* SPDX-License-Identifier: MIT */
/* Files, directories and paths: reading, writing atomically, listing, removing. */
#define _POSIX_C_SOURCE 200809L
#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int read_file(const char *path, struct buf *out)
{
    char chunk[65536];
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        error("open '%s':", path);
        return -1;
    }
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error("read '%s':", path);
            close(fd);
            return -1;
        }
        if (n == 0)
            break;
        buf_add(out, chunk, (size_t)n);
    }
    close(fd);
    return 0;
}

static int write_all(int fd, const void *data, size_t n)
{
    const char *p = data;

    while (n > 0) {
        ssize_t w = write(fd, p, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

mode_t new_file_mode(void)
{
    mode_t mask = umask(022);

    umask(mask);
    return 0666 & ~mask;
}

int fsync_dir_of(const char *path)
{
    char *dir = dir_name(path);
    int fd = open(dir, O_RDONLY | O_CLOEXEC);

    free(dir);
    if (fd < 0)
        return -1;
    /* Some file systems refuse fsync on directories; the rename is done either way. */
    (void)fsync(fd);
    close(fd);
    return 0;
}

int write_file(const char *path, const void *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

    if (fd < 0 || write_all(fd, data, n) < 0) {
        error("write '%s':", path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (close(fd) < 0) {
        error("close '%s':", path);
        return -1;
    }
    return 0;
}

/* Writes DATA to a temporary file beside PATH and renames it over PATH, so that a reader, or an
 * interrupted run, sees the old file or the new one, never part of one. DURABLE fsyncs the file
 * and its directory as well, for what a crash of the machine must not lose. */
static int replace_file(const char *path, const void *data, size_t n, int durable)
{
    char *tmp = xasprintf("%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);

    if (fd < 0) {
        error("create a temporary file for '%s':", path);
        free(tmp);
        return -1;
    }
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (fchmod(fd, new_file_mode()) < 0 || write_all(fd, data, n) < 0 ||
        (durable && fsync(fd) < 0)) {
        error("write '%s':", tmp);
        close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (close(fd) < 0) {
        error("close '%s':", tmp);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (rename(tmp, path) < 0) {
        error("rename '%s' to '%s':", tmp, path);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    if (durable)
        fsync_dir_of(path);
    return 0;
}

int write_file_atomic(const char *path, const void *data, size_t n)
{
    return replace_file(path, data, n, 1);
}

int write_file_replace(const char *path, const void *data, size_t n)
{
    return replace_file(path, data, n, 0);
}

static int replace_if_changed(const char *path, const void *data, size_t n, int *changed,
                              int durable)
{
    struct buf old;
    struct stat st;
    int same = 0;

    if (changed)
        *changed = 0;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == n) {
        buf_init(&old);
        if (read_file(path, &old) == 0)
            same = old.len == n && memcmp(old.data, data, n) == 0;
        buf_release(&old);
    }
    if (same)
        return 0;
    if (changed)
        *changed = 1;
    return replace_file(path, data, n, durable);
}

int write_file_if_changed(const char *path, const void *data, size_t n, int *changed)
{
    return replace_if_changed(path, data, n, changed, 1);
}

int write_file_replace_if_changed(const char *path, const void *data, size_t n, int *changed)
{
    return replace_if_changed(path, data, n, changed, 0);
}

int mkdir_p(const char *path)
{
    char *p;
    struct stat st;

    if (*path == '\0') {
        errno = ENOENT;
        error("create directory '':");
        return -1;
    }
    p = xstrdup(path);
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;

        *s = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST) {
            error("create directory '%s':", p);
            free(p);
            return -1;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        error("create directory '%s':", p);
        free(p);
        return -1;
    }
    free(p);
    return 0;
}

int remove_tree(const char *path)
{
    struct stat st;
    struct strvec names;
    int rc = 0;

    if (lstat(path, &st) < 0) {
        if (errno == ENOENT)
            return 0;
        error("stat '%s':", path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (unlink(path) < 0) {
            error("remove '%s':", path);
            return -1;
        }
        return 0;
    }
    strvec_init(&names);
    if (list_dir(path, NULL, &names) < 0) {
        strvec_release(&names);
        return -1;
    }
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *child = xasprintf("%s/%s", path, names.v[i]);

        rc = remove_tree(child);
        free(child);
    }
    strvec_release(&names);
    if (rc == 0 && rmdir(path) < 0) {
        error("remove '%s':", path);
        rc = -1;
    }
    return rc;
}

int list_dir(const char *dir, const char *suffix, struct strvec *out)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d) {
        error("open directory '%s':", dir);
        return -1;
    }
    errno = 0;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (!suffix || ends_with(e->d_name, suffix))
            strvec_push(out, e->d_name);
        errno = 0;
    }
    if (errno) {
        error("read directory '%s':", dir);
        closedir(d);
        return -1;
    }
    closedir(d);
    strvec_sort(out);
    return 0;
}

static int find_files_in(const char *dir, const char *suffix, struct strvec *out)
{
    struct strvec names;
    int rc = 0;

    strvec_init(&names);
    if (list_dir(dir, NULL, &names) < 0) {
        strvec_release(&names);
        return -1;
    }
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", dir, names.v[i]);
        struct stat st;

        if (lstat(path, &st) < 0) {
            error("stat '%s':", path);
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            rc = find_files_in(path, suffix, out);
        } else if (S_ISREG(st.st_mode) && ends_with(names.v[i], suffix)) {
            strvec_push(out, path);
        }
        free(path);
    }
    strvec_release(&names);
    return rc;
}

int find_files(const char *dir, const char *suffix, struct strvec *out)
{
    int rc = find_files_in(dir, suffix, out);

    strvec_sort(out);
    return rc;
}

char *absolute_path(const char *path)
{
    struct buf in, out;
    char *result;

    buf_init(&in);
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);

        if (!cwd) {
            buf_release(&in);
            return NULL;
        }
        buf_adds(&in, cwd);
        buf_adds(&in, "/");
        free(cwd);
    }
    buf_adds(&in, path);

    /* Fold components: out always starts with '/' and has no trailing '/'. */
    buf_init(&out);
    for (char *s = in.data; *s;) {
        char *e;
        size_t n;

        while (*s == '/')
            s++;
        e = s;
        while (*e && *e != '/')
            e++;
        n = (size_t)(e - s);
        if (n == 0 || (n == 1 && s[0] == '.')) {
            /* nothing */
        } else if (n == 2 && s[0] == '.' && s[1] == '.') {
            while (out.len > 0 && out.data[out.len - 1] != '/')
                out.len--;
            if (out.len > 0)
                out.len--;
            out.data[out.len] = '\0';
        } else {
            buf_adds(&out, "/");
            buf_add(&out, s, n);
        }
        s = e;
    }
    if (out.len == 0)
        buf_adds(&out, "/");
    buf_release(&in);
    result = out.data; /* ownership passes to the caller */
    return result;
}

char *dir_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

const char *path_below(const char *path, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;

    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n > 0 && strncmp(path, dir, n) == 0 && path[n] == '/')
        return path + n + 1;
    return NULL;
}

const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

int lock_path(const char *path, const char *what)
{
    struct flock fl;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);

    if (fd < 0) {
        error("open lock file '%s':", path);
        return -1;
    }
    memset(&fl, 0, sizeof(fl));
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &fl) == 0)
        return fd;
    if (errno != EACCES && errno != EAGAIN) {
        error("lock '%s':", path);
        close(fd);
        return -1;
    }
    {
        struct flock holder = fl;

        if (fcntl(fd, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK)
            note("waiting for another pgo-helper (pid %ld) %s", (long)holder.l_pid, what);
        else
            note("waiting for another pgo-helper %s", what);
    }
    while (fcntl(fd, F_SETLKW, &fl) < 0) {
        if (errno == EINTR)
            continue;
        error("lock '%s':", path);
        close(fd);
        return -1;
    }
    return fd;
}

void unlock_path(int fd)
{
    if (fd >= 0)
        close(fd); /* closing drops the lock */
}

/* Whether name is base + ".tmp.XXXXXX" or base + ".inputs.XXXXXX" (a mkstemp/mkdtemp name). */
static int is_temporary_of(const char *name, const char *base)
{
    static const char *const kinds[] = {".tmp.", ".inputs.", ".scale."};
    size_t n = strlen(base);

    if (strncmp(name, base, n) != 0)
        return 0;
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
        if (starts_with(name + n, kinds[k]) && strlen(name + n + strlen(kinds[k])) == 6)
            return 1;
    return 0;
}

void remove_temporaries_of(const char *path)
{
    char *parent = dir_name(path);
    const char *base = base_name(path);
    struct strvec names;
    DIR *d;

    if (*base == '\0' || !(d = opendir(parent))) {
        free(parent);
        return;
    }
    closedir(d);
    strvec_init(&names);
    if (list_dir(parent, NULL, &names) == 0) {
        for (size_t i = 0; i < names.n; i++) {
            if (is_temporary_of(names.v[i], base)) {
                char *stale = xasprintf("%s/%s", parent, names.v[i]);

                if (remove_tree(stale) == 0)
                    note("removed '%s', left by an interrupted run", stale);
                free(stale);
            }
        }
    }
    strvec_release(&names);
    free(parent);
}

int hash_file(const char *path, uint64_t *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    uint64_t h = FNV1A64_INIT;
    char chunk[65536];

    if (fd < 0) {
        error("open '%s':", path);
        return -1;
    }
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof(chunk));

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            error("read '%s':", path);
            close(fd);
            return -1;
        }
        if (r == 0)
            break;
        h = fnv1a64(h, chunk, (size_t)r);
    }
    close(fd);
    *out = h;
    return 0;
}

int put_file(const char *from, const char *to, mode_t mode, const struct timespec *mtime, int move)
{
    char *tmp = xasprintf("%s.tmp.XXXXXX", to);
    int fd = -1, in = -1, rc = -1;
    struct timespec times[2];

    if (move) {
        free(tmp);
        tmp = xstrdup(from);
        fd = open(tmp, O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            error("open '%s':", tmp);
            goto done;
        }
    } else {
        char chunk[65536];

        fd = mkstemp(tmp);
        if (fd < 0) {
            error("create a temporary file for '%s':", to);
            goto done;
        }
        (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
        in = open(from, O_RDONLY | O_CLOEXEC);
        if (in < 0) {
            error("open '%s':", from);
            goto done;
        }
        for (;;) {
            ssize_t r = read(in, chunk, sizeof(chunk)), w = 0;

            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                error("read '%s':", from);
                goto done;
            }
            if (r == 0)
                break;
            while (w < r) {
                ssize_t k = write(fd, chunk + w, (size_t)(r - w));

                if (k < 0 && errno == EINTR)
                    continue;
                if (k < 0) {
                    error("write '%s':", tmp);
                    goto done;
                }
                w += k;
            }
        }
    }
    times[0].tv_sec = 0;
    times[0].tv_nsec = UTIME_OMIT;
    times[1] = *mtime;
    if (fchmod(fd, mode) < 0 || fsync(fd) < 0 || futimens(fd, times) < 0) {
        error("write '%s':", tmp);
        goto done;
    }
    if (close(fd) < 0) {
        fd = -1;
        error("close '%s':", tmp);
        goto done;
    }
    fd = -1;
    if (rename(tmp, to) < 0) {
        error("rename '%s' to '%s':", tmp, to);
        goto done;
    }
    fsync_dir_of(to);
    rc = 0;
done:
    if (in >= 0)
        close(in);
    if (fd >= 0)
        close(fd);
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    return rc;
}
