# SPDX-License-Identifier: MIT
pgo_check_supported(ok OUTPUT why)
message(STATUS "pgo_check_supported: '${ok}' '${why}'")
pgo_add_training(app-train COMMAND app 3000000)
