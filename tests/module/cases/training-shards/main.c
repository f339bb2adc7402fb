#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long kernel_sum(long n);
unsigned long kernel_hash(long n);
long kernel_sort(long n);
long kernel_calls(long n);

int main(int argc, char **argv)
{
    long n = argc > 2 ? atol(argv[2]) : 1000;

    if (argc < 2)
        return 2;
    if (strcmp(argv[1], "sum") == 0)
        printf("%ld\n", kernel_sum(n));
    else if (strcmp(argv[1], "hash") == 0)
        printf("%lu\n", kernel_hash(n));
    else if (strcmp(argv[1], "sort") == 0)
        printf("%ld\n", kernel_sort(n));
    else if (strcmp(argv[1], "calls") == 0)
        printf("%ld\n", kernel_calls(n));
    else
        printf("%ld %lu\n", kernel_sum(n), kernel_hash(n / 2));
    return 0;
}
