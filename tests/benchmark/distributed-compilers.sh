#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What distcc and icecream do with the toolkit's compiles (not a test): starts a distccd
# and an icecream scheduler with two daemons, all on loopback and in a directory of
# their own, builds examples/interp with -DPGO=ON and with -DPGO=OFF (plain) with each
# launcher as CMAKE_C_COMPILER_LAUNCHER, and classifies every compile from the
# launcher's own debug log: its kind (instrumented: -fprofile-generate, optimized:
# -fprofile-use, plain: neither) and where it ran (sent to a daemon, or local and the
# reason the launcher printed). Then times each whole build (configure + build from an
# empty directory), the same with no launcher, interleaved, and prints the medians.
#
# The machine is the only host: a loopback daemon shows the routing (what the launcher
# sends), not a speedup. distcc: DISTCC_HOSTS=127.0.0.1:PORT/2 (an address, not
# 'localhost', which distcc compiles on the spot). icecream: a local daemon with
# --no-remote and a second one (node 'remoteice') that takes the jobs; the client runs
# with ICECC_PREFERRED_HOST=remoteice and ICECC_TEST_REMOTEBUILD=1 (icecream's own test
# suite does the same), else a job the scheduler gives to 127.0.0.1 is built in place.
# 'icecc-nocaret' is icecc with ICECC_CARET_WORKAROUND=0 (keeps a remote result whose
# compile printed a warning; not timed). The PGO builds' summaries are kept and printed.
#
#   tests/benchmark/distributed-compilers.sh [--compilers "gcc-12 clang-19"]
#       [--launchers "distcc icecc"] [--runs 3] [--dir DIR] [--port 3632]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/benchmark/stats.sh"
compilers="gcc-12 clang-19"
launchers="distcc icecc"
runs=3
dir=
port=3632
while [ $# -gt 0 ]; do
  case "$1" in
    --compilers) compilers="$2"; shift 2 ;;
    --launchers) launchers="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    -h|--help) sed -n '3,21p' "$0"; exit 0 ;;
    *) echo "distributed-compilers.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*) echo "distributed-compilers.sh: --runs needs a number" >&2; exit 2 ;; esac
case "$port" in ''|*[!0-9]*) echo "distributed-compilers.sh: --port needs a number" >&2; exit 2 ;; esac
for l in $launchers; do
  case "$l" in
    distcc) command -v distcc > /dev/null && command -v distccd > /dev/null ||
      { echo "distributed-compilers.sh: distcc is not installed (apt-get install distcc)" >&2; exit 2; } ;;
    icecc|icecc-nocaret) command -v icecc > /dev/null && command -v iceccd > /dev/null ||
      { echo "distributed-compilers.sh: icecream is not installed (apt-get install icecc)" >&2; exit 2; } ;;
    *) echo "distributed-compilers.sh: unknown launcher '$l' (distcc, icecc, icecc-nocaret)" >&2; exit 2 ;;
  esac
done
for c in $compilers; do
  command -v "$c" > /dev/null || { echo "distributed-compilers.sh: $c is not installed" >&2; exit 2; }
done

if [ -z "$dir" ]; then dir=$(mktemp -d); fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
run=$dir/daemons
rm -rf "$run"
mkdir -p "$run"
chmod 777 "$run" # distccd and iceccd drop root for their own users
pids=()
stop_daemons() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
}
trap stop_daemons EXIT

# ---- the daemons ----------------------------------------------------------------
need_distcc= need_icecc=
for l in $launchers; do case "$l" in distcc) need_distcc=1 ;; icecc*) need_icecc=1 ;; esac; done
if [ -n "$need_distcc" ]; then
  touch "$run/distccd.log"
  chmod 666 "$run/distccd.log"
  distccd --daemon --allow 127.0.0.1 --listen 127.0.0.1 --port "$port" --jobs 2 \
    --log-file "$run/distccd.log" --log-level info --pid-file "$run/distccd.pid"
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$run/distccd.pid" ] && break; sleep 0.2; done
  if [ -s "$run/distccd.pid" ]; then pids+=("$(cat "$run/distccd.pid")")
  else
    # As root distccd cannot write its pid file once it has dropped to 'distccd'.
    p=$(pgrep -o -f "distccd --daemon --allow 127.0.0.1 --listen 127.0.0.1 --port $port " || true)
    [ -n "$p" ] || { echo "distributed-compilers.sh: distccd did not start ($run/distccd.log)" >&2; exit 1; }
    pids+=("$p")
  fi
fi
sched_port=$((port + 5135))
if [ -n "$need_icecc" ]; then
  net=pgobench$$
  icecc-scheduler -p "$sched_port" -n "$net" -l "$run/scheduler.log" -vvv &
  pids+=($!)
  ICECC_TEST_SOCKET=$run/socket-local iceccd --no-remote -n "$net" -s "127.0.0.1:$sched_port" \
    -p $((sched_port + 1)) -b "$run/envs-local" -l "$run/iceccd-local.log" -N localice -m 2 -vvv &
  pids+=($!)
  ICECC_TEST_SOCKET=$run/socket-remote iceccd -n "$net" -s "127.0.0.1:$sched_port" \
    -p $((sched_port + 2)) -b "$run/envs-remote" -l "$run/iceccd-remote.log" -N remoteice -m 2 -vvv &
  pids+=($!)
  for _ in $(seq 1 60); do
    [ "$(grep -c 'Connected to scheduler' "$run"/iceccd-*.log 2> /dev/null | awk -F: '{ s += $2 } END { print s + 0 }')" -ge 2 ] && break
    sleep 0.5
  done
  grep -q 'Connected to scheduler' "$run/iceccd-remote.log" ||
    { echo "distributed-compilers.sh: the icecream daemons did not reach the scheduler ($run)" >&2; exit 1; }
fi

# launcher_env LAUNCHER LOG: the environment words of a build through LAUNCHER, its
# debug log in LOG (empty: no log).
launcher_env() {
  case "$1" in
    none) ;;
    distcc)
      echo "DISTCC_HOSTS=127.0.0.1:$port/2"
      [ -z "$2" ] || echo "DISTCC_VERBOSE=1 DISTCC_LOG=$2" ;;
    icecc*)
      echo "ICECC_TEST_SOCKET=$run/socket-local ICECC_PREFERRED_HOST=remoteice ICECC_TEST_REMOTEBUILD=1"
      [ "$1" != icecc-nocaret ] || echo "ICECC_CARET_WORKAROUND=0"
      [ -z "$2" ] || echo "ICECC_DEBUG=debug ICECC_LOGFILE=$2" ;;
  esac
}

# build COMPILER LAUNCHER PGO OUT [LOG]: configure and build examples/interp in OUT from
# nothing, its output in OUT.log; prints the wall time in ms.
build() {
  local cc=$1 l=$2 pgo=$3 out=$4 log=${5:-} t0 launcher=()
  [ "$l" = none ] || launcher=(-DCMAKE_C_COMPILER_LAUNCHER="${l%-nocaret}")
  rm -rf "$out"
  t0=$(now_ns)
  if ! env $(launcher_env "$l" "$log") bash -c '
    cmake -S "$1/examples/interp" -B "$2" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPGO="$3" \
      -DCMAKE_C_COMPILER="$4" "${@:5}" && cmake --build "$2"' _ \
      "$root" "$out" "$pgo" "$cc" "${launcher[@]}" > "$out.log" 2>&1; then
    echo "distributed-compilers.sh: the build failed: $out.log" >&2
    tail -20 "$out.log" >&2
    return 1
  fi
  echo $(( ($(now_ns) - t0) / 1000000 ))
}

# kind ARGS: instrumented, optimized or plain.
kind() {
  case " $1 " in
    *" -fprofile-generate"* | *" -fprofile-instr-generate"*) echo instrumented ;;
    *" -fprofile-use"* | *" -fprofile-instr-use"*) echo optimized ;;
    *) echo plain ;;
  esac
}

# classify_distcc LOG: one line a compile: KIND<TAB>WHERE<TAB>REASON.
classify_distcc() {
  local pid args where reason
  for pid in $(sed -nE 's/^distcc\[([0-9]+)\] \(dcc_scan_args\) scanning arguments:.*/\1/p' "$1" | sort -u); do
    args=$(grep -m1 "^distcc\[$pid\] (dcc_scan_args) scanning arguments:" "$1")
    case "$args" in *" -c "*) ;; *) continue ;; esac
    if grep -q "^distcc\[$pid\] compile .* on 127.0.0.1:$port.* completed ok" "$1"; then
      where=daemon
      reason=-
    else
      where=local
      reason=$(grep "^distcc\[$pid\] " "$1" | grep -E 'must be local|running locally|locally instead|local compilation|failed to distribute|cannot be distributed' |
        head -1 | sed -E 's/^distcc\[[0-9]+\] (\([a-z_]+\) )?//')
      [ -n "$reason" ] || reason=$(grep "^distcc\[$pid\] " "$1" | grep -m1 -E '(warning|ERROR)' | sed -E 's/^distcc\[[0-9]+\] //')
      [ -n "$reason" ] || reason='(no reason printed)'
    fi
    printf '%s\t%s\t%s\n' "$(kind "$args")" "$where" "$reason"
  done
}

# classify_icecc LOG: the same from icecc's ICECC_LOGFILE.
classify_icecc() {
  local pid args lines where reason
  for pid in $(sed -nE 's/^ICECC\[([0-9]+)\] [^:]+:[0-9]+:[0-9]+: invoked as: .*/\1/p' "$1" | sort -u); do
    lines=$(grep "^ICECC\[$pid\] " "$1" | sed -E 's/^ICECC\[[0-9]+\] [0-9-]+ [0-9:]+: //')
    args=$(grep -m1 '^invoked as:' <<< "$lines")
    case "$args" in *" -c "*) ;; *) continue ;; esac
    if grep -q '^local build forced by remote exception:' <<< "$lines"; then
      where="sent, then local"
      reason=$(grep -m1 '^local build forced by remote exception:' <<< "$lines" | sed 's/^local build forced by remote exception: //')
    elif grep -q '^Compiled on ' <<< "$lines"; then
      where="daemon, failed"
      reason=$(grep -m1 '^Have to use host' <<< "$lines" | sed -E 's/^Have to use host ([^ ]*).*/on \1 (the build log has the error)/')
    elif grep -q '^Have to use host' <<< "$lines"; then
      where=daemon
      reason=$(grep -m1 '^Have to use host' <<< "$lines" | sed -E 's/^Have to use host ([^ ]*).*/on \1/')
    elif grep -q '^building myself, but telling localhost' <<< "$lines"; then
      where=local
      reason="the scheduler chose this host"
    else
      where=local
      reason=$(grep -m1 -E 'building locally|running locally|must be local' <<< "$lines" || true)
      [ -n "$reason" ] || reason='(no reason printed)'
    fi
    printf '%s\t%s\t%s\n' "$(kind "$args")" "$where" "$reason"
  done
}

# ---- the routing pass ---------------------------------------------------------------
res=$dir/results
mkdir -p "$dir/b"
mkdir -p "$res"
: > "$res/routing.tsv"
echo "== routing of each compile (launcher's debug log; $dir)"
for cc in $compilers; do
  for l in $launchers; do
    for pgo in ON OFF; do
      name=$cc-$l-pgo-$pgo
      log=$res/$name.launcher.log
      rm -f "$log"
      touch "$log"
      chmod 666 "$log"
      failed=
      build "$cc" "$l" "$pgo" "$dir/b/$name" "$log" > /dev/null 2>&1 || failed=1
      case "$l" in distcc) classify_distcc "$log" ;; *) classify_icecc "$log" ;; esac |
        sed "s/^/$cc\t$l\t/" >> "$res/routing.tsv"
      if [ "$pgo" = ON ]; then
        grep -E '^  (profile data|objects|warnings) |^pgo-helper: summary: ' "$dir/b/$name.log" | cut -c1-150 | sed "s/^/  $name: /" > "$res/$name.summary" || true
      fi
      [ -z "$failed" ] || echo "  $name: THE BUILD FAILED ($dir/b/$name.log)" >> "$res/$name.summary"
    done
  done
done
printf '%-9s %-14s %-13s %-17s %5s  %s\n' compiler launcher kind where count reason
sort "$res/routing.tsv" | uniq -c | awk -F'\t' '{ split($1, a, " "); printf "%-9s %-14s %-13s %-17s %5d  %s\n", a[2], $2, $3, $4, a[1], $5 }'
echo
echo "== the PGO builds' summaries (did the profile reach the compiler)"
cat "$res"/*.summary

# ---- the wall times ----------------------------------------------------------------
[ "$runs" -gt 0 ] || exit 0
echo
echo "== wall time of configure + build from an empty directory, $runs interleaved rounds, median (s)"
mkdir -p "$res/times"
variants=()
timed=$(tr ' ' '\n' <<< "$launchers" | grep -vx icecc-nocaret | tr '\n' ' ') # it fails with GCC
for cc in $compilers; do
  for pgo in ON OFF; do
    for l in none $timed; do variants+=("$cc:$l:$pgo"); done
  done
done
for ((r = 0; r < runs; r++)); do
  for v in $(rotated "$r" "${variants[@]}"); do
    IFS=: read -r cc l pgo <<< "$v"
    build "$cc" "$l" "$pgo" "$dir/b/time" > "$res/times/$cc-$l-$pgo.$r" 2> /dev/null ||
      echo failed > "$res/times/$cc-$l-$pgo.$r"
  done
done
printf '%-9s %-5s %-14s %8s %8s  %s\n' compiler PGO launcher median range "ratio to no launcher (median of rounds)"
for cc in $compilers; do
  for pgo in ON OFF; do
    for l in none $timed; do
      if grep -qx failed "$res/times/$cc-$l-$pgo".*; then
        printf '%-9s %-5s %-14s %8s\n' "$cc" "$pgo" "$l" "the build failed"
        continue
      fi
      all=$(cat "$res/times/$cc-$l-$pgo".* | sort -g)
      ratio=-
      [ "$l" = none ] || grep -qx failed "$res/times/$cc-none-$pgo".* || ratio=$(ratio_cell "$res/times" "$cc-$l-$pgo" "$cc-none-$pgo")
      printf '%-9s %-5s %-14s %8.2f %8s  %s\n' "$cc" "$pgo" "$l" "$(div "$(median <<< "$all")" 1000)" \
        "$(div "$(head -1 <<< "$all")" 1000)-$(div "$(tail -1 <<< "$all")" 1000)" "$ratio"
    done
  done
done
