/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
long parse(long n);
int main(int argc, char **argv)
{
    printf("%ld\n", parse(argc > 1 ? atol(argv[1]) : 1000));
    return 0;
}
