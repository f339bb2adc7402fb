/* A program of two paths: a training may run the benchmark's path or the other one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static unsigned long mix(unsigned long n)
{
    unsigned long h = 1469598103934665603UL;

    for (unsigned long i = 0; i < n; i++)
        h = (h ^ (i & 0xff)) * 1099511628211UL;
    return h;
}

static int a[4096], b[4096];

__attribute__((noinline)) static unsigned kernel(int rounds)
{
    unsigned s = 0;

    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < 4096; i++)
            s += (unsigned)(a[i] * b[i] + (a[i] > b[i] ? a[i] : b[i]));
    return s;
}

int main(int argc, char **argv)
{
    long n = argc > 2 ? atol(argv[2]) : 1000;

    if (argc > 1 && strcmp(argv[1], "fail") == 0)
        return 3;
    if (argc > 1 && strcmp(argv[1], "mix") == 0) {
        printf("%lu\n", mix((unsigned long)n));
        return 0;
    }
    for (int i = 0; i < 4096; i++) {
        a[i] = i % 17;
        b[i] = i % 13;
    }
    printf("%u\n", kernel((int)n));
    return 0;
}
