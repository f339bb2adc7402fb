/* SPDX-License-Identifier: MIT */
static int digit(long i)
{
    return (int)(i % 10);
}
long parse(long n)
{
    long v = 0;
    for (long i = 0; i < n; i++) {
        if (i % 5 == 1)
            v = v * 3 + digit(i);
        else
            v ^= i;
    }
    return v;
}
