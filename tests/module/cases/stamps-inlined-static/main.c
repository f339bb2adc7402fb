#include <stdlib.h>

int scan_a(int n);
int scan_b(int n);

int scan_sink(int x)
{
    return x % 1009;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10;
    return scan_a(n) + scan_b(n) == 12345;
}
