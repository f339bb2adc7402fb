#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The toolchain suite: the module cases (ctest -L module) and the helper's unit tests,
# run in a fresh Debian root per system with that system's own GCC, Clang and CMake:
#   trixie                gcc-14, clang-19 (llvm-19, libclang-rt-19-dev), CMake 3.31
#                         (and clang-22, bolt-22: a second Clang and an llvm-bolt that
#                         rewrites computed gotos, for the cases that need them)
#   sid                   gcc-16, clang-21 (llvm-21, libclang-rt-21-dev), CMake 4.x
#                         (and clang-22, the second Clang)
#   bookworm-cmake-3.31   gcc-12, clang-19, and bookworm-backports' CMake 3.31 unpacked
#                         into a folder (apt-get download cmake cmake-data, dpkg -x)
# For each system: a pristine root (debootstrap --variant=minbase, made once and kept in
# WORK/base-<suite>) is copied to WORK/run-<system>, the toolchain and the tools the
# cases call are installed there with apt-get, a clean clone of the committed HEAD is
# configured (-DBUILD_TESTING=ON -DPGO_HELPER_WERROR=ON -DPGO_TEST_COMPILERS=...),
# built and tested, inside `unshare --mount --pid` + chroot.  Ends with a table:
# system, compilers, CMake, passed/total, failing tests; exits 1 if any test failed.
#
# Usage, as root:  tests/toolchains/run.sh [--work-dir DIR] [--systems "trixie sid bookworm-cmake-3.31"]
#                                          [--regex REGEX]
#   --work-dir  roots, apt caches and logs (default /tmp/toolchains); each system's
#               log is WORK/<system>.log, its root (build tree, ctest logs in /ci) is
#               kept in WORK/run-<system> until the next run of that system
#   --regex     run only the module cases matching REGEX (ctest -R), to retry a few
#
# How long: about 3 minutes per suite for the first debootstrap, 3 to 6 minutes of
# installs, then the module cases: 3 to 40 minutes per system on two cores (all three
# took 10 minutes on 2026-12-02, roots made earlier).
#
# bookworm-cmake-3.31 runs in a bookworm root too, not on the host: the host keeps
# whatever was installed by hand (other compilers, tools) and is shared with other
# jobs, so a host run could pass for a reason a fresh bookworm lacks; a root gives
# every system the same path and leaves the host untouched.  Where a system lacks a
# tool some cases call (bolt, sccache, the aarch64 cross GCC, qemu-user), the
# summary says what was left out; those cases then count as skipped (case_needs) and
# say what is missing.
set -euo pipefail

work=/tmp/toolchains
systems="trixie sid bookworm-cmake-3.31"
regex=""
while [ $# -gt 0 ]; do
  case $1 in
    --work-dir) work=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    --regex) regex=$2; shift 2 ;;
    -h|--help) sed -n '3,36p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "run.sh: needs root (debootstrap, chroot, mounts in a private namespace)" >&2; exit 2; }
for tool in debootstrap unshare chroot git; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (apt-get install debootstrap util-linux git)" >&2; exit 2; }
done
here=$(cd "$(dirname "$0")" && pwd)
top=$(git -C "$here" rev-parse --show-toplevel)
head=$(git -C "$top" rev-parse HEAD)
sources=/etc/apt/sources.list.d/debian.sources
mirror=$(sed -n 's/^URIs: //p' "$sources" | head -n1)
[ -n "$mirror" ] || { echo "run.sh: no URIs: line in $sources" >&2; exit 2; }
mkdir -p "$work"
work=$(cd "$work" && pwd)

say() { echo "toolchains: $*"; }

# What each system installs; the first compiler runs the "first" cases.
common="ninja-build make binutils procps valgrind ccache git ca-certificates gcc g++"
configure_system() {
  case $1 in
    trixie)
      suite=trixie cmake_from=apt compilers="gcc-14;clang-19"
      packages="$common cmake gcc-14 g++-14 clang-19 llvm-19 libclang-rt-19-dev"
      optional="bolt-19 bolt-22 clang-22 sccache redis-server gcc-14-aarch64-linux-gnu g++-14-aarch64-linux-gnu qemu-user" ;;
    sid)
      suite=sid cmake_from=apt compilers="gcc-16;clang-21"
      packages="$common cmake gcc-16 g++-16 clang-21 llvm-21 libclang-rt-21-dev"
      optional="bolt-21 clang-22 sccache redis-server gcc-16-aarch64-linux-gnu g++-16-aarch64-linux-gnu qemu-user" ;;
    bookworm-cmake-3.31)
      suite=bookworm cmake_from=bookworm-backports compilers="gcc-12;clang-19"
      packages="$common gcc-12 g++-12 clang-19 llvm-19 libclang-rt-19-dev"
      optional="bolt-19 bolt-22 clang-14 sccache redis-server gcc-12-aarch64-linux-gnu g++-12-aarch64-linux-gnu qemu-user" ;;
    *) echo "run.sh: unknown system '$1' (trixie, sid, bookworm-cmake-3.31)" >&2; exit 2 ;;
  esac
}
for s in $systems; do configure_system "$s"; done   # reject a bad name before any work

# The pristine root of SUITE in WORK/base-SUITE, made once.
make_base() {
  local suite=$1 base=$work/base-$1
  [ -e "$base/.complete" ] && return 0
  say "making a fresh $suite root in $base (once)"
  rm -rf "$base.tmp"
  debootstrap --variant=minbase --include=ca-certificates "$suite" "$base.tmp" "$mirror" \
    >"$work/base-$suite.log" 2>&1 || { echo "run.sh: debootstrap $suite failed; see $work/base-$suite.log" >&2; return 1; }
  rm -f "$base.tmp/etc/apt/sources.list" "$base.tmp/etc/apt/sources.list.d/"*
  if [ "$suite" = bookworm ]; then
    cp "$sources" "$base.tmp/etc/apt/sources.list.d/"   # bookworm, -updates, -security
  else
    echo "deb $mirror $suite main" > "$base.tmp/etc/apt/sources.list.d/$suite.list"
  fi
  if [ "$suite" = sid ]; then
    # sid's Release file on this archive is past its Valid-Until date
    echo 'Acquire::Check-Valid-Until "false";' > "$base.tmp/etc/apt/apt.conf.d/99no-check-valid-until"
  fi
  touch "$base.tmp/.complete"
  mv "$base.tmp" "$base"
}

# Ends every process still running in ROOT (a daemon a case started, a test killed by a
# timeout): the PID namespace ends them when its first process exits; this is for the
# case where run.sh itself was interrupted.  Then checks that nothing stays mounted.
current_root=""
cleanup() {
  local root=$current_root pid
  [ -n "$root" ] || return 0
  for pid in /proc/[0-9]*; do
    [ "$(readlink "$pid/root" 2>/dev/null)" = "$root" ] && kill -9 "${pid#/proc/}" 2>/dev/null
  done
  # the mounts live in the private namespace; none should be visible here
  awk -v r="$root/" 'index($5, r) == 1 {print $5}' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m" || true; done
  current_root=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Runs SYSTEM; leaves its figures in WORK/run-SYSTEM/ci/result.
run_system() {
  local system=$1 run=$work/run-$1 started
  configure_system "$system"
  make_base "$suite"
  started=$(date +%s)
  say "$system: copying the root to $run"
  rm -rf "$run"
  cp -a "$work/base-$suite" "$run"
  current_root=$run
  mkdir -p "$run/ci" "$work/apt-archives-$suite/partial"
  git clone -q "$top" "$run/ci/project"
  git -C "$run/ci/project" checkout -q "$head"
  cp "$here/in-root.sh" "$run/ci/in-root.sh"
  cp /etc/resolv.conf "$run/etc/resolv.conf" 2>/dev/null || true
  set +e
  # shellcheck disable=SC2016 # the inner script's own variables
  unshare --mount --pid --fork bash -c '
    r=$1 archives=$2; shift 2
    mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && mount -t sysfs sys "$r/sys" &&
      mount -t tmpfs tmpfs "$r/tmp" && mount -t tmpfs tmpfs "$r/dev/shm" &&
      mount --bind "$archives" "$r/var/cache/apt/archives" || exit 97
    chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      LANG=C.UTF-8 TERM=dumb "$@" bash /ci/in-root.sh </dev/null' _ "$run" "$work/apt-archives-$suite" \
      "TC_SYSTEM=$system" "TC_COMPILERS=$compilers" "TC_PACKAGES=$packages" "TC_OPTIONAL=$optional" \
      "TC_CMAKE=$cmake_from" "TC_MIRROR=$mirror" "TC_REGEX=$regex"
  local rc=$?
  set -e
  cleanup
  echo "rc=$rc" >> "$run/ci/result"
  echo "seconds=$(( $(date +%s) - started ))" >> "$run/ci/result"
  return 0
}

for s in $systems; do
  say "$s: log in $work/$s.log"
  run_system "$s" > "$work/$s.log" 2>&1 || true
  grep '^toolchains:' "$work/$s.log" | tail -n 3 || true
done

# The table, one row per system.
failed=0
field() { sed -n "s/^$1=//p" "$2" | tail -n1; }
echo
echo "| system | compilers | CMake | module cases passed | failing | skipped (not packaged there) | left out | time |"
echo "|---|---|---|---|---|---|---|---|"
for s in $systems; do
  res=$work/run-$s/ci/result log=$work/run-$s/ci/module.log
  summary="" failing="" total="" skipped=""
  if [ -f "$log" ]; then
    summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n1)
    failing=$(sed -n '/^The following tests FAILED:/,$p' "$log" | sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) .*/\1/p' | tr '\n' ' ')
    # A case_needs() skip: the case names the tool this system lacks.
    skipped=$(sed -n '/^The following tests did not run:/,/^$/p' "$log" | sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (Skipped).*/\1/p' | tr '\n' ' ')
  fi
  if [[ $summary =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
    nskip=$(wc -w <<< "$skipped")
    total="$(( BASH_REMATCH[2] - BASH_REMATCH[1] - nskip ))/${BASH_REMATCH[2]}"
    [ "${BASH_REMATCH[1]}" = 0 ] || failed=1
  else
    total="no result (rc $(field rc "$res" 2>/dev/null), see $work/$s.log)"; failed=1
  fi
  unit=""
  if [ -f "$work/run-$s/ci/unit.log" ]; then
    unit=$(grep -E '^[0-9]+% tests passed' "$work/run-$s/ci/unit.log" | sed 's/.*failed out of \([0-9]*\)/\1/')
    [ "$(field unit_rc "$res")" = 0 ] || { failed=1; failing="$failing(helper unit tests failed)"; }
  fi
  secs=$(field seconds "$res")
  echo "| $s | $(field compilers "$res") | $(field cmake "$res") | $total${unit:+ (+$unit unit)} | ${failing:-none} | ${skipped:-none} | $(field left_out "$res") | $(( ${secs:-0} / 60 )) min |"
done
exit $failed
