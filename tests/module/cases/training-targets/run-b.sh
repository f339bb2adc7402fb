#!/bin/sh
# SPDX-License-Identifier: MIT
# A training test that runs its program from a script, as json-c's do: the
# command line names the script, not the program.
exec "$1" 400000
