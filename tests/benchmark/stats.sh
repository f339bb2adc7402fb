# SPDX-License-Identifier: MIT
# Shared by the benchmark scripts (sourced): timing and the statistics they print.
# Wall time here varies 10-30% from run to run, so the scripts interleave the
# builds, rotate their order every round and print medians and ranges of the
# per-round ratios.

now_ns() { date +%s%N; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# rotated R WORD...: the words rotated left by R modulo their number, one a line.
rotated() {
  local r=$1
  shift
  local k
  for ((k = 0; k < r % $#; k++)); do set -- "${@:2}" "$1"; done
  printf '%s\n' "$@"
}

# ratios DIR A B: the per-round ratios time(A) / time(B) of the files DIR/A.<round>
# and DIR/B.<round>, one a line.
ratios() {
  local d=$1 a=$2 b=$3 f r
  for f in "$d/$a".*; do
    r=${f##*.}
    echo "$(cat "$f") $(cat "$d/$b.$r")" | awk '{ printf "%.4f\n", $1 / $2 }'
  done
}

# ratio_cell DIR A B: "median [min-max]" of the ratios A / B.
ratio_cell() {
  local all med
  all=$(ratios "$@" | sort -g)
  med=$(median <<< "$all")
  printf '%.3f [%.2f-%.2f]' "$med" "$(head -1 <<< "$all")" "$(tail -1 <<< "$all")"
}

# interp_small_args NAME: the arguments of the interpreter's bench workload NAME for a
# run under cachegrind, about a tenth of its default work.
interp_small_args() {
  case "$1" in
    binarytrees) echo 12 ;;
    json) echo 2000 ;;
    mandelbrot) echo 300 ;;
    queens) echo 9 ;;
    sieve) echo 300000 3 ;;
  esac
}

# instructions_of OUT: the instructions cachegrind counted, from its output file(s)
# matching OUT (summed over the processes of a workload), or nothing when no file
# has a summary.  Printed with %.0f: mawk (Debian's awk) prints a number past
# 2^31-1 as %.6g ("2.14915e+09"), which the callers' integer tests reject.
instructions_of() {
  awk '/^summary:/ { s += $2; n++ } END { if (n) printf "%.0f\n", s }' "$@"
}
