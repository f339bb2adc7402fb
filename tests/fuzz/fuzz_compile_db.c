/* SPDX-License-Identifier: MIT */
/* Fuzzes the reader of compile_commands.json in report_gcc_notes.c (gcc_notes_find_compile:
 * its JSON strings and the shell words of a command), which pgo-helper report runs to compile
 * an object of the instrumented tree again for GCC's notes. The seeds are CMake's databases of
 * a build tree at /b; the object looked for is one of theirs. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "report_gcc_notes.h"

static const char *const objects[] = {
    "/b/CMakeFiles/app.dir/main.c.o",
    "/b/CMakeFiles/app.dir/src/util.c.o",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *db = (char *)fuzz_copy(data, size);

    for (size_t k = 0; k < sizeof(objects) / sizeof(objects[0]); k++) {
        struct strvec words;
        char *dir = NULL;
        int found = 0;

        strvec_init(&words);
        if (gcc_notes_find_compile(db, size, objects[k], &dir, &words) < 0) {
            FUZZ_ASSERT(dir == NULL && words.n == 0);
        } else {
            /* The compile names the object: -o and its path, absolute or below dir. */
            FUZZ_ASSERT(dir != NULL);
            for (size_t i = 0; i + 1 < words.n && !found; i++) {
                const char *o = words.v[i + 1];
                char *full;

                if (strcmp(words.v[i], "-o") != 0)
                    continue;
                full = o[0] == '/' ? xstrdup(o) : xasprintf("%s/%s", dir, o);
                found = strcmp(full, objects[k]) == 0;
                free(full);
            }
            FUZZ_ASSERT(found);
        }
        free(dir);
        strvec_release(&words);
    }
    free(db);
    return 0;
}
