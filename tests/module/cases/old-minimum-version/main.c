#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000, sum = 0;

    for (long i = 0; i < n; i++)
        sum += i % 7 == 0 ? i / 7 : i % 3;
    printf("%ld\n", sum);
    return 0;
}
