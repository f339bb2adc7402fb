/* SPDX-License-Identifier: MIT */
/* Fixture of the own_headers test: a file with its own header. */
#include "good.h"

int good(void)
{
    return 0;
}
