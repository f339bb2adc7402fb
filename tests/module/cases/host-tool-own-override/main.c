#include <stdio.h>

extern const int table[2];

int main(void)
{
    printf("%d\n", table[0] + table[1]);
    return 0;
}
