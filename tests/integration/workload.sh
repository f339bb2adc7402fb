#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a project's workload (see lib.sh): the training command of the PGO
# builds, and the benchmark's runs.
#
#   workload.sh PROJECT MODE DATA [PROGRAM]
#
# MODE is train, bench, small or check; DATA the folder of generated inputs;
# PROGRAM defaults to the project's program in the current directory, a
# build tree (PGO_TRAINING_COMMAND runs in the instrumented tree's top).
set -uo pipefail
me=workload.sh
. "$(dirname "$0")/lib.sh"
[ $# -ge 3 ] || die "usage: workload.sh PROJECT train|bench|small|check DATA [PROGRAM]"
load_project "$1"
prog=${4:-./$P_PROGRAM}
[ -x "$prog" ] || die "no program $prog (in $PWD)"
p_workload "$2" "$prog" "$3" || die "$1 $2 workload failed with $prog"
