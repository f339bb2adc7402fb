# SPDX-License-Identifier: MIT
pgo_check_supported(ok RESULT ok)
