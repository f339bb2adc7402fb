#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same work in two functions, so that their counts differ only by the training's weights. */
__attribute__((noinline)) unsigned alpha(unsigned n)
{
    unsigned s = 0;
    for (unsigned i = 0; i < n; i++)
        s += (i % 3 ? i * 2 : i + 1) & 0xff;
    return s;
}

__attribute__((noinline)) unsigned beta(unsigned n)
{
    unsigned s = 0;
    for (unsigned i = 0; i < n; i++)
        s += (i % 3 ? i * 2 : i + 1) & 0xff;
    return s;
}

int main(int argc, char **argv)
{
    unsigned n = argc > 2 ? (unsigned)atoi(argv[2]) : 10;
    if (argc > 1 && strcmp(argv[1], "beta") == 0)
        printf("%u\n", beta(n));
    else
        printf("%u\n", alpha(n));
    return 0;
}
