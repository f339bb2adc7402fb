#include <stdio.h>
#include <stdlib.h>

unsigned long spin(unsigned long n);
int other(int v);

int main(int argc, char **argv)
{
    unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10;
    printf("%lu %d\n", spin(n), other(argc));
    return 0;
}
