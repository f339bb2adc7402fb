/* A loop GCC keeps (its sum is printed), about a second for five billion turns. */
unsigned long spin(unsigned long n)
{
    unsigned long x = 0;
    for (unsigned long i = 0; i < n; i++)
        x += i * 3;
    return x;
}
