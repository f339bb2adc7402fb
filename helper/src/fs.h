/* SPDX-License-Identifier: MIT */
/* Files, directories and paths. Functions returning int give 0 on success, or -1 after
 * printing an error. */
#ifndef PGO_HELPER_FS_H
#define PGO_HELPER_FS_H

#include "util.h"

#include <stdint.h>
#include <sys/types.h>
#include <time.h>

int read_file(const char *path, struct buf *out);
/* Creates or truncates path and writes data, without fsync: for scratch files. */
int write_file(const char *path, const void *data, size_t n);
/* Writes data to a temporary file in path's directory, fsyncs, checks and renames it. */
int write_file_atomic(const char *path, const void *data, size_t n);
/* The same without the fsyncs, for what the next build writes again if a crash loses it, as it
 * may lose the objects beside it (compile logs, stamps): a build writes one per object. */
int write_file_replace(const char *path, const void *data, size_t n);
/* Writes only if the content differs; *changed (may be NULL) says whether it was written. */
int write_file_if_changed(const char *path, const void *data, size_t n, int *changed);
int write_file_replace_if_changed(const char *path, const void *data, size_t n, int *changed);
int mkdir_p(const char *path);
/* Removes path and everything below it; a missing path is fine. */
int remove_tree(const char *path);
/* Names (not paths) of directory entries that end in suffix (all entries if NULL), sorted;
 * "." and ".." excluded. */
int list_dir(const char *dir, const char *suffix, struct strvec *out);
/* Paths below dir (recursive) of regular files ending in suffix, sorted. */
int find_files(const char *dir, const char *suffix, struct strvec *out);
int fsync_dir_of(const char *path);
/* The FNV-1a hash of a file's content. */
int hash_file(const char *path, uint64_t *out);
/* Puts FROM at TO whole or not at all: copies it to a temporary beside TO (or uses FROM
 * itself, a temporary beside TO, when move is set), gives it MODE and the time stamp MTIME,
 * fsyncs and renames it to TO. */
int put_file(const char *from, const char *to, mode_t mode, const struct timespec *mtime, int move);
/* The mode a newly created file gets under the current umask (0666 & ~umask), for files made
 * by mkstemp. */
mode_t new_file_mode(void);

/* Takes an exclusive lock (fcntl) on the file path, created if missing, waiting with a note
 * "waiting for another pgo-helper (pid N) <what>" while another process holds it. The lock
 * goes with the process: a killed pgo-helper leaves no stale lock. Returns the descriptor to
 * pass to unlock_path, or -1 after printing an error. */
int lock_path(const char *path, const char *what);
void unlock_path(int fd);
/* Removes the temporaries "<path>.tmp.XXXXXX" and "<path>.inputs.XXXXXX" (files or
 * directories) that an interrupted run left beside path. Call it holding the lock. */
void remove_temporaries_of(const char *path);

/* Absolute, lexically normalized path ("." and ".." folded, repeated '/' removed);
 * relative paths are taken from the current directory. Returns NULL on getcwd failure. */
char *absolute_path(const char *path);
char *dir_name(const char *path);
const char *base_name(const char *path);
/* The part of PATH below the folder DIR ("a/b.c" for "/src/a/b.c" below "/src/"), or NULL
 * when PATH is not below DIR (or DIR is NULL or empty). */
const char *path_below(const char *path, const char *dir);

#endif
