/* SPDX-License-Identifier: MIT */
/* A program the training never runs. */
#include <stdio.h>
int main(void)
{
    puts("c");
    return 0;
}
