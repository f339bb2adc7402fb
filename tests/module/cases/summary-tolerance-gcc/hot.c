/* The hottest loop: its count is the largest of each run. */
unsigned hot(unsigned n)
{
    unsigned s = 0;

    for (unsigned i = 0; i < n; i++)
        s += (i % 7 ? i * 3 : i >> 1) & 0xff;
    return s;
}
