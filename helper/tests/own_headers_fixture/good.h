/* SPDX-License-Identifier: MIT */
/* Fixture of the own_headers test: the header of good.c. */
int good(void);
