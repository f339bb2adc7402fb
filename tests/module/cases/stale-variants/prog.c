#include <stdio.h>
#include <stdlib.h>

static int step(int x)
{
#if MODE == 2
    if (x % 7 == 0)
        return x / 7;
#endif
    return x % 3 ? x * 2 : x + 1;
}

int work(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
#if MODE == 2
        if (i % 5 == 0)
            continue;
#endif
        s += step(i) & 0xff;
    }
    return s;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10;
#if MODE == 2
    if (n > 1000000)
        n = 1000000;
#endif
    printf("%d\n", work(n));
    return 0;
}
