/* SPDX-License-Identifier: MIT */
/* Reading CMake's compile_commands.json: only what CMake writes there (an array of objects
 * whose values are strings) is understood; anything else is skipped, never trusted. */
#define _POSIX_C_SOURCE 200809L
#include "compile_db.h"

#include <stdlib.h>
#include <string.h>

/* The next JSON string at *p (its opening quote), unescaped; *p moves past it. */
static char *json_string(const char **p)
{
    struct buf b;
    const char *s = *p + 1;

    buf_init(&b);
    for (; *s && *s != '"'; s++) {
        if (*s != '\\') {
            buf_add(&b, s, 1);
            continue;
        }
        s++;
        switch (*s) {
        case 'n':
            buf_adds(&b, "\n");
            break;
        case 't':
            buf_adds(&b, "\t");
            break;
        case 'u': /* not in paths: \uXXXX is one '?' */
            if (strnlen(s + 1, 4) == 4)
                s += 4;
            buf_adds(&b, "?");
            break;
        case '\0':
            s--;
            break;
        default:
            buf_add(&b, s, 1);
        }
    }
    *p = *s ? s + 1 : s;
    return b.data ? b.data : xstrdup("");
}

int compile_db_each(const char *db, int (*visit)(const struct compile_entry *e, void *ctx),
                    void *ctx)
{
    for (const char *p = strchr(db, '{'); p; p = strchr(p, '{')) {
        char *directory = NULL, *file = NULL, *output = NULL, *command = NULL;
        struct compile_entry e;
        int rc;

        /* One entry: "key": "value" pairs up to its closing brace. */
        for (p++; *p && *p != '}';) {
            char *key, *value, **slot = NULL;

            if (*p != '"') {
                p++;
                continue;
            }
            key = json_string(&p);
            p += strspn(p, " \t\n:");
            if (*p != '"') {
                free(key);
                continue;
            }
            value = json_string(&p);
            if (strcmp(key, "directory") == 0)
                slot = &directory;
            else if (strcmp(key, "file") == 0)
                slot = &file;
            else if (strcmp(key, "output") == 0)
                slot = &output;
            else if (strcmp(key, "command") == 0)
                slot = &command;
            if (slot && !*slot)
                *slot = value;
            else
                free(value);
            free(key);
        }
        e.directory = directory;
        e.file = file;
        e.output = output;
        e.command = command;
        rc = visit(&e, ctx);
        free(directory);
        free(file);
        free(output);
        free(command);
        if (rc)
            return rc;
    }
    return 0;
}

void compile_db_shell_words(const char *cmd, struct strvec *out)
{
    const char *p = cmd;

    while (*p) {
        struct buf w;
        int any = 0;

        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        buf_init(&w);
        for (; *p && *p != ' ' && *p != '\t' && *p != '\n'; p++) {
            any = 1;
            if (*p == '\'') {
                for (p++; *p && *p != '\''; p++)
                    buf_add(&w, p, 1);
            } else if (*p == '"') {
                for (p++; *p && *p != '"'; p++) {
                    if (*p == '\\' && p[1] && strchr("\"\\$`\n", p[1]))
                        p++;
                    buf_add(&w, p, 1);
                }
            } else if (*p == '\\' && p[1]) {
                buf_add(&w, ++p, 1);
            } else {
                buf_add(&w, p, 1);
            }
            if (!*p)
                break;
        }
        if (any)
            strvec_take_n(out, w.data ? w.data : "", w.len);
        buf_release(&w);
    }
}

char *compile_db_output(const struct compile_entry *e)
{
    struct strvec words;
    char *out = NULL;

    if (e->output)
        return xstrdup(e->output);
    if (!e->command)
        return NULL;
    strvec_init(&words);
    compile_db_shell_words(e->command, &words);
    for (size_t i = 0; i + 1 < words.n && !out; i++)
        if (strcmp(words.v[i], "-o") == 0)
            out = xstrdup(words.v[i + 1]);
    strvec_release(&words);
    return out;
}
