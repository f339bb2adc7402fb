#include "ops.h"

/* Static functions called through a table of pointers, from this file and from another. */
static long op_add(long a, long b)
{
    return a + b;
}
static long op_xor(long a, long b)
{
    return a ^ (b << 1);
}
static long op_mix(long a, long b)
{
    return a * 31 + b;
}
static long op_sub(long a, long b)
{
    return a - b;
}
static long op_rot(long a, long b)
{
    return (long)(((unsigned long)a << 7) | ((unsigned long)a >> 57)) + b;
}
static long op_min(long a, long b)
{
    return a < b ? a : b;
}
static long op_max(long a, long b)
{
    return a > b ? a : b;
}
static long op_avg(long a, long b)
{
    return (a + b) / 2;
}

const op_fn op_table[8] = {op_add, op_xor, op_mix, op_sub, op_rot, op_min, op_max, op_avg};

long ops_run_local(const unsigned char *kinds, long n)
{
    long acc = 1;

    for (long i = 0; i < n; i++)
        acc = op_table[kinds[i]](acc, i);
    return acc;
}
