/* SPDX-License-Identifier: MIT */
/* For pgo_helper.call_cycles_found: cycle_fixture_a.c and cycle_fixture_b.c call each other,
 * the cycle call_cycles.sh must name; cycle_fixture_c.c calls into it from outside. */
int cycle_a(int n);
int cycle_b(int n);

int cycle_a(int n)
{
    return n > 0 ? cycle_b(n - 1) : 0;
}
