/* SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
/* A training program that misbehaves on purpose: fail, crash or hang. */
int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "fail";
    if (what[0] == 'h') {
        for (;;)
            pause();
    }
    if (what[0] == 'c') {
        raise(SIGSEGV);
    }
    fprintf(stderr, "fail.c: failing on purpose\n");
    return 3;
}
