#include <stdio.h>

static const int table[2] = {2, 7};

int main(void)
{
    printf("%d\n", table[0] + table[1]);
    return 0;
}
