/* Colder code in objects of their own, which the edit of hot.c leaves alone. */
unsigned parse(unsigned n)
{
    unsigned digits = 0;

    for (unsigned i = 0; i < n; i++) {
        unsigned v = i * 2654435761u;

        while (v) {
            digits += v % 10 == 7;
            v /= 10;
        }
    }
    return digits;
}
