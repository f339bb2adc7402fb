/* SPDX-License-Identifier: MIT */
/* main.c - command line driver: interp [options] <script> [args...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp.h"

enum { EXIT_USAGE = 64, EXIT_COMPILE = 65, EXIT_NOINPUT = 66, EXIT_RUNTIME = 70 };

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *data = malloc(cap);
    size_t n;
    while (data && (n = fread(data + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            char *bigger = realloc(data, cap * 2);
            if (!bigger) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
            cap *= 2;
        }
    }
    if (data && ferror(f)) {
        free(data);
        data = NULL;
    }
    fclose(f);
    if (data)
        data[len] = '\0';
    return data;
}

static void usage(FILE *out)
{
    fputs("usage: interp [--dump] [--gc-stress] <script> [args...]\n"
          "  --dump       print the compiled bytecode instead of running\n"
          "  --gc-stress  run the garbage collector before every allocation\n",
          out);
}

int main(int argc, char **argv)
{
    InterpOptions opts = {0};
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (strcmp(argv[i], "--dump") == 0) {
            opts.dump = true;
        } else if (strcmp(argv[i], "--gc-stress") == 0) {
            opts.gc_stress = true;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "interp: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[i];
    char *source = read_file(path);
    if (!source) {
        fprintf(stderr, "interp: cannot read '%s'\n", path);
        return EXIT_NOINPUT;
    }
    Interp *in = interp_new(&opts);
    if (!in) {
        fputs("interp: out of memory\n", stderr);
        free(source);
        return 71;
    }
    interp_set_args(in, argc - i - 1, (const char *const *)argv + i + 1);
    InterpResult r = interp_run(in, source, path);
    interp_free(in);
    free(source);
    if (r == INTERP_COMPILE_ERROR)
        return EXIT_COMPILE;
    if (r == INTERP_RUNTIME_ERROR)
        return EXIT_RUNTIME;
    return 0;
}
