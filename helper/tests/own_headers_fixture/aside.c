/* SPDX-License-Identifier: MIT */
/* Fixture of the own_headers test: a file whose header is there but not included. */
int aside(void);

int aside(void)
{
    return 0;
}
