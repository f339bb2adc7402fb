#include "config.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
    unsigned long sum = 0;
    for (long i = 0; i < n; i++)
        sum += (unsigned long)(i % 7 == 0 ? i * 3 : i) % (SIZEOF_LONG + 1);
    printf("%lu\n", sum);
    return 0;
}
