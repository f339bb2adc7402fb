/* SPDX-License-Identifier: MIT */
/* The version of pgo-helper, printed by --version. */
#ifndef PGO_HELPER_VERSION_H
#define PGO_HELPER_VERSION_H

#define PGO_HELPER_VERSION "0.1.0"

#endif
