/* SPDX-License-Identifier: MIT */
static int sq(int x)
{
    return x * x;
}
long work(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++) {
        if (i % 7 == 3)
            s += sq((int)(i & 1023));
        else if (i % 11 == 0)
            s -= i;
        else
            s ^= i;
    }
    return s;
}
int never_called(int x)
{
    if (x > 3)
        return x + 1;
    return x - 1;
}
