# SPDX-License-Identifier: MIT
# PCRE2 (a regular expression engine): many small functions, static
# libraries, a code generator built and run during the build
# (PCRE2_REBUILD_CHARTABLES: pcre2_dftables writes pcre2_chartables.c),
# pcre2grep and pcre2test, the project's own test scripts, install() rules.
P_PACKAGE=pcre2
P_CMAKE_DIR=.
P_ARGS=(-DPCRE2_REBUILD_CHARTABLES=ON -DPCRE2_SUPPORT_JIT=OFF)
P_PROGRAM=pcre2grep
P_TESTS=
P_CTEST=.
# Its test scripts find their data through srcdir.
P_CTEST_ENV=(srcdir=@SRC@)

p_corpus() {
  local d=$1
  perl "$integration_dir/gen.pl" log 1 6000000 > "$d/train.log"
  perl "$integration_dir/gen.pl" text 2 3000000 > "$d/train.txt"
  perl "$integration_dir/gen.pl" log 11 8000000 > "$d/bench.log"
  perl "$integration_dir/gen.pl" text 12 4000000 > "$d/bench.txt"
  head -c 600000 "$d/bench.log" > "$d/small.log"
}

# Runs pcre2grep with each pattern (one per line of the here-document) over
# FILES; -c counts, so the output is small.
_pcre2_grep() {
  local prog=$1 opts=$2 p
  shift 2
  while IFS= read -r p; do
    run "$prog" $opts -c -e "$p" "$@" < /dev/null > /dev/null
    [ $? -le 1 ] || { say "pcre2grep failed on '$p'"; return 1; }
  done
}

p_workload() {
  local mode=$1 prog=$2 d=$3
  case "$mode" in
    train)
      _pcre2_grep "$prog" "" "$d/train.log" <<'P' &&
ERROR
 (GET|POST) /[a-z]+/[0-9]+ 5[0-9][0-9] 
^\S+T(\d\d):(\d\d):\d\d\.\d+Z host-(\d+)
user=(\w+)$
\b10\.[0-3]\.\d{1,3}\.\d{1,3}\b
q=(?<word>[a-z]+)&page=[0-9]+
(?i)exception in \w+: .*(luinmara|theonkaen)
P
      _pcre2_grep "$prog" "-i" "$d/train.txt" <<'P'
\b(\w+) \1\b
^[A-Z][a-z]+ [a-z]+ (an|en|on)\b
[.!?]\s+[A-Z]\w{6,}
(?:ka|to|ri){2,}
P
      ;;
    bench)
      _pcre2_grep "$prog" "" "$d/bench.log" <<'P' &&
WARN|ERROR
 (PUT|DELETE) \S+ [45]0[0-9] 
host-(1\d|2\d) app\[\d+\]: INFO
[0-9]+\.[0-9]{3}s user=\w*e\w*$
/(\w+)/\1\b
P
      _pcre2_grep "$prog" "" "$d/bench.txt" <<'P'
\b\w+(ing|ve|ma)\b
^\w+ \w+ \w+[,;]
(?i)\bkacotheco\b|\btheonkaen\b
P
      ;;
    small) run "$prog" -c -e '(GET|POST) /\w+ [45]\d\d ' "$d/small.log" > /dev/null ;;
    check)
      [ "$(printf 'a1\nbb22\nc\n' | run "$prog" -o '[a-z]+\d+')" = "$(printf 'a1\nbb22')" ] ||
        { say "pcre2grep -o gives a wrong answer"; return 1; }
      [ "$(printf 'x abab y\n' | run "$prog" -o '(ab)\1')" = abab ] ||
        { say "pcre2grep back reference gives a wrong answer"; return 1; } ;;
  esac
}

p_check_install() {
  local prefix=$1 d=$2 libdir
  libdir=$(dirname "$(compgen -G "$prefix/lib*/libpcre2-8.a" | head -1)")
  [ -e "$libdir/libpcre2-8.a" ] || { say "no libpcre2-8.a installed in $prefix"; return 1; }
  [ -e "$prefix/include/pcre2.h" ] || { say "pcre2.h not installed"; return 1; }
  no_instrumentation "${CC:-}" "$prefix/bin/pcre2grep" "$prefix/bin/pcre2test" "$libdir/libpcre2-8.a" &&
    p_workload check "$prefix/bin/pcre2grep" "$d" &&
    printf '/(a+)b/\n  xaab\n' | "$prefix/bin/pcre2test" -q | grep -q '^ 1: aa$' ||
    { say "the installed pcre2test gives a wrong answer"; return 1; }
}
