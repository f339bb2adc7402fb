int scan_sink(int x);

/* step() has two callers and calls out: the inliner that runs before the counters are placed
 * leaves it alone, and the one after inlines it into both. */
static int step(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        if (i % 3)
            s += scan_sink(i);
        else
            s -= scan_sink(i * 2);
        if (s > 1000)
            s = scan_sink(s);
    }
    return s;
}

int scan_a(int n)
{
    return step(n) + 1;
}

int scan_b(int n)
{
    return step(n + 1) * 2;
}
