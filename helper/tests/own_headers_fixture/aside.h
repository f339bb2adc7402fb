/* SPDX-License-Identifier: MIT */
/* Fixture of the own_headers test: the header aside.c does not include. */
int aside(void);
