#include <stdio.h>
#include <stdlib.h>

unsigned hot(unsigned n);
unsigned parse(unsigned n);
unsigned table(unsigned n);

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 1000;

    printf("%u\n", hot(n) + parse(n / 100) + table(n / 20));
    return 0;
}
