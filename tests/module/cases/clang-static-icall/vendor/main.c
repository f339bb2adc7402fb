#include "ops.h"

#include <stdio.h>
#include <stdlib.h>

/* Indirect calls to the static functions of another file. */
static long run_remote(const unsigned char *kinds, long n)
{
    long acc = 7;

    for (long i = 0; i < n; i++)
        acc = op_table[kinds[i]](acc, i);
    return acc;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000, a = 0;
    unsigned char *k = malloc(n > 0 ? (size_t)n : 1);
    unsigned long s = 12345;

    if (!k)
        return 1;
    for (long i = 0; i < n; i++) {
        unsigned r;

        s = s * 6364136223846793005UL + 1442695040888963407UL;
        r = (unsigned)(s >> 33) % 100;
        k[i] = r < 70 ? 0 : r < 90 ? 2 : (unsigned char)(r % 8);
    }
    for (int rep = 0; rep < 5; rep++)
        a += run_remote(k, n) + ops_run_local(k, n);
    printf("%ld\n", a);
    free(k);
    return 0;
}
