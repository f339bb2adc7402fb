# SPDX-License-Identifier: MIT
# zstd (a codec): its build/cmake project.  Subdirectories each calling
# project(), static and shared libraries built from the same sources,
# assembly sources, its own warning flags (AddZstdCompilationFlags),
# custom targets making symlinks, install() rules with a CMake package.
P_PACKAGE=libzstd
P_CMAKE_DIR=build/cmake
P_ARGS=(-DZSTD_BUILD_TESTS=OFF -DZSTD_BUILD_CONTRIB=OFF)
P_PROGRAM=programs/zstd
P_TESTS=
P_CTEST=

p_corpus() {
  local d=$1
  perl "$integration_dir/gen.pl" text 1 6000000 > "$d/train-text"
  perl "$integration_dir/gen.pl" log 2 6000000 > "$d/train-log"
  perl "$integration_dir/gen.pl" bin 3 3000000 > "$d/train-bin"
  perl "$integration_dir/gen.pl" text 11 4000000 > "$d/bench-text"
  perl "$integration_dir/gen.pl" log 12 8000000 > "$d/bench-log"
  perl "$integration_dir/gen.pl" bin 13 4000000 > "$d/bench-bin"
  head -c 1000000 "$d/bench-log" > "$d/small-log"
}

# Compresses FILES at each LEVEL with PROG and decompresses them again.
_zstd_roundtrip() {
  local prog=$1 levels=$2 tmp f l
  shift 2
  tmp=$(mktemp -d)
  for f in "$@"; do
    for l in $levels; do
      if ! run "$prog" -q -f "-$l" "$f" -o "$tmp/z.zst" ||
         ! run "$prog" -q -d -f "$tmp/z.zst" -o "$tmp/z" || ! cmp -s "$f" "$tmp/z"; then
        say "zstd -$l round trip of $f failed"
        rm -rf "$tmp"
        return 1
      fi
    done
  done
  rm -rf "$tmp"
}

# Compresses FILES at each of LEVELS to standard output, then decompresses
# the frames made at level 5 (made once, by whichever build runs first:
# zstd's output does not depend on how it was compiled).
_zstd_stream() {
  local prog=$1 levels=$2 d=$3 f l
  shift 3
  mkdir -p "$d/zst"
  for f in "$@"; do
    for l in $levels; do
      run "$prog" -q -c "-$l" "$f" > /dev/null || { say "zstd -$l $f failed"; return 1; }
    done
    if [ ! -e "$d/zst/${f##*/}.zst" ]; then
      "$prog" -q -c -5 "$f" > "$d/zst/${f##*/}.tmp" && mv "$d/zst/${f##*/}.tmp" "$d/zst/${f##*/}.zst" || return 1
    fi
    run "$prog" -q -d -c "$d/zst/${f##*/}.zst" > /dev/null || { say "zstd -d of $f failed"; return 1; }
  done
}

p_workload() {
  local mode=$1 prog=$2 d=$3
  case "$mode" in
    train) _zstd_roundtrip "$prog" "1 3 6 9" "$d"/train-* ;;
    train-level-*) _zstd_roundtrip "$prog" "${mode#train-level-}" "$d"/train-* ;;   # a part of train
    bench) _zstd_stream "$prog" "2 7" "$d" "$d"/bench-* ;;
    small) _zstd_stream "$prog" "3" "$d" "$d/small-log" ;;
    check)
      _zstd_roundtrip "$prog" "1 19" "$d/small-log" &&
        run "$prog" -q -c -T2 -5 "$d/small-log" | run "$prog" -q -d -c | cmp -s - "$d/small-log" ;;
  esac
}

p_check_install() {
  local prefix=$1 d=$2 lib
  lib=$(compgen -G "$prefix/lib*/libzstd.so.1" | head -1)
  [ -n "$lib" ] || { say "no libzstd.so.1 installed in $prefix"; return 1; }
  readelf -d "$lib" | grep -q 'SONAME.*\[libzstd.so.1\]' || { say "$lib has no SONAME libzstd.so.1"; return 1; }
  [ -e "$prefix/include/zstd.h" ] || { say "zstd.h not installed"; return 1; }
  compgen -G "$prefix/lib*/cmake/zstd/zstdConfig.cmake" > /dev/null || { say "no zstdConfig.cmake installed"; return 1; }
  no_instrumentation "${CC:-}" "$prefix/bin/zstd" "$lib" "$(dirname "$lib")/libzstd.a" &&
    p_workload check "$prefix/bin/zstd" "$d"
}
