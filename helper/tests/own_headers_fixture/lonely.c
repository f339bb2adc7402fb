/* SPDX-License-Identifier: MIT */
/* Fixture of the own_headers test: a file without a header of its own. */
int lonely(void);

int lonely(void)
{
    return 0;
}
