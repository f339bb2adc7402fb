#include <stdio.h>
#include <stdlib.h>
static long step(long s, long i)
{
    return (i % 3 == 0) ? s + i : s ^ i;
}
int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000, s = 0;
    for (long i = 0; i < n; i++)
        s = step(s, i);
    printf("%ld\n", s);
    return 0;
}
int never_called(int x);
int never_called(int x)
{
    return x > 3 ? x + 1 : x - 1;
} /* placed cold by the profile */
