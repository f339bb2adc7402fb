static unsigned slots[64];

unsigned table(unsigned n)
{
    unsigned hits = 0;

    for (unsigned i = 0; i < n; i++) {
        unsigned k = (i * 40503u) & 63;

        hits += slots[k] == i % 5;
        slots[k] = i % 5;
    }
    return hits;
}
