/* SPDX-License-Identifier: MIT */
/* Functions compiled without a profile: all in .text. */
int plain_one(int x)
{
    return x * 3;
}

int plain_two(int x)
{
    return x * 5;
}
