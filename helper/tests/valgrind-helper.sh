#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs pgo-helper ($PGO_HELPER_REAL) under valgrind's memcheck: any memory
# error or leak makes it exit 99, which fails the case that ran it.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "$PGO_HELPER_REAL" "$@"
