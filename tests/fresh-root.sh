#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a command on a clean clone of the committed HEAD inside a fresh Debian bookworm
# root (debootstrap --variant=minbase, plus ca-certificates, git and sudo), the way a
# new user's machine or CI sees the project: whatever the command needs must come from
# .ci/install-deps, not from what this machine has installed by hand.
#
# Usage, as root, from the checkout:
#   tests/fresh-root.sh [--work-dir DIR] [-- COMMAND [ARGS...]]
# Without a command it runs `bash .ci/run` (CI: install the dependencies, run the suite).
# Examples:
#   tests/fresh-root.sh -- sh -c '.ci/install-deps && tests/benchmark/speedup.sh'
#   tests/fresh-root.sh -- tests/docs/ci-recipes.sh github
# --work-dir (default /tmp/pgo-fresh-root) keeps the pristine root between runs
# (base/, made once, about 3 minutes); each run works on a copy of it, so nothing one
# run installs reaches the next.  The copy is removed at the end.
set -euo pipefail

me=fresh-root.sh
work=/tmp/pgo-fresh-root
cmd=()
while [ $# -gt 0 ]; do
  case "$1" in
    --work-dir) work="$2"; shift 2 ;;
    --) shift; cmd=("$@"); break ;;
    -h|--help) sed -n '3,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#cmd[@]} -gt 0 ] || cmd=(bash .ci/run)
[ "$(id -u)" -eq 0 ] || { echo "$me: needs root (debootstrap, chroot, mounts in a private namespace)" >&2; exit 2; }
for tool in debootstrap unshare chroot git; do
  command -v "$tool" > /dev/null ||
    { echo "$me: $tool is not installed (apt-get install debootstrap util-linux git)" >&2; exit 2; }
done
top=$(git rev-parse --show-toplevel 2> /dev/null) ||
  { echo "$me: run it inside the project's checkout" >&2; exit 2; }
[ -z "$(git -C "$top" status --porcelain)" ] ||
  echo "$me: note: uncommitted changes are not in the clone, only HEAD"

# The root uses the same Debian archive as this machine's apt.
sources=/etc/apt/sources.list.d/debian.sources
mirror=$(sed -n 's/^URIs: //p' "$sources" 2> /dev/null | head -n1)
mirror=${mirror:-http://deb.debian.org/debian}
mkdir -p "$work"
base="$work/base"
if [ ! -x "$base/usr/bin/git" ]; then
  echo "$me: making a fresh bookworm root in $base (once)"
  rm -rf "$base.tmp"
  debootstrap --variant=minbase --include=ca-certificates,git,sudo bookworm "$base.tmp" "$mirror" \
    > "$work/base.log" 2>&1 || { echo "$me: debootstrap failed; see $work/base.log" >&2; exit 1; }
  if [ -e "$sources" ]; then
    rm -f "$base.tmp/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/*.sources "$base.tmp/etc/apt/sources.list.d/"
  fi
  mv "$base.tmp" "$base"
fi

run=$(mktemp -d "$work/run.XXXXXX")
trap 'rm -rf "$run"' EXIT
cp -a "$base/." "$run/"
git clone -q "$top" "$run/ci/project"
git -C "$run/ci/project" checkout -q "$(git -C "$top" rev-parse HEAD)"
cp /etc/resolv.conf "$run/etc/resolv.conf" 2> /dev/null || true
printf '%q ' "${cmd[@]}" > "$run/ci/cmd"
echo "$me: running '$(cat "$run/ci/cmd")' on $(git -C "$top" rev-parse --short HEAD) in a fresh bookworm root"

set +e
unshare --mount --pid --fork bash -c '
  r=$1
  mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && mount -t sysfs sys "$r/sys" &&
    mount -t tmpfs tmpfs "$r/tmp" && mount -t tmpfs tmpfs "$r/dev/shm" || exit 97
  exec chroot "$r" /usr/bin/env -i HOME=/root \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 CI=true \
    TERM=dumb /bin/bash -c "cd /ci/project && $(cat "$r/ci/cmd") < /dev/null"' _ "$run"
rc=$?
set -e
echo "$me: exit code $rc"
exit "$rc"
