#include <stdio.h>
#include <stdlib.h>
static long add_one(long s, long i)
{
    return s + i;
}
static long xor_one(long s, long i)
{
    return s ^ i;
}
int main(int argc, char **argv)
{
    long (*ops[2])(long, long) = {add_one, xor_one};
    long n = argc > 1 ? atol(argv[1]) : 1000, s = 0;
    for (long i = 0; i < n; i++)
        s = ops[(i % 7) == 0](s, i); /* an indirect call */
    printf("%ld\n", s);
    return 0;
}
