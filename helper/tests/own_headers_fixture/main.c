/* SPDX-License-Identifier: MIT */
/* Fixture of the own_headers test: the program, listed as an exception. */
int main(void)
{
    return 0;
}
