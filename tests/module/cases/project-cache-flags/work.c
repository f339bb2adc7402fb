static int sq(int x)
{
    return x * x;
}
long work(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += (i % 5 == 1) ? sq((int)(i & 255)) : -i;
    return s;
}
