/* SPDX-License-Identifier: MIT */
/* See cycle_fixture_a.c: a caller of the cycle, not part of it. */
int cycle_a(int n);
int cycle_c(int n);

int cycle_c(int n)
{
    return cycle_a(n);
}
