/* Static functions on purpose: Clang names their counters after the source path. */
#include <stdlib.h>

static long sum_step(long s, long i)
{
    return i % 3 == 0 ? s + i : s - (i & 7);
}

static unsigned long hash_step(unsigned long h, long i)
{
    h ^= (unsigned long)i;
    h *= 1099511628211UL;
    return h % 5 == 1 ? h >> 3 : h;
}

static int compare(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    return x < y ? -1 : x > y;
}

static long twice(long v)
{
    return 2 * v;
}

static long plus_one(long v)
{
    return v + 1;
}

long kernel_sum(long n)
{
    long s = 0;

    for (long i = 0; i < n; i++)
        s = sum_step(s, i);
    return s;
}

unsigned long kernel_hash(long n)
{
    unsigned long h = 14695981039346656037UL;

    for (long i = 0; i < n; i++)
        h = hash_step(h, i);
    return h;
}

long kernel_sort(long n)
{
    long *v = malloc((size_t)n * sizeof(*v)), r;

    for (long i = 0; i < n; i++)
        v[i] = (i * 7919) % 10007;
    qsort(v, (size_t)n, sizeof(*v), compare);
    r = v[n / 2];
    free(v);
    return r;
}

long kernel_calls(long n)
{
    long (*f[2])(long) = {twice, plus_one}, s = 0;

    for (long i = 0; i < n; i++)
        s = f[i % 3 == 0](s) % 1000003;
    return s;
}
