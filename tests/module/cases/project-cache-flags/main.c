#include <stdio.h>
#include <stdlib.h>
long work(long n);
int main(int argc, char **argv)
{
    printf("%ld\n", work(argc > 1 ? atol(argv[1]) : 1000));
    return 0;
}
