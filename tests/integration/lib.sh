# SPDX-License-Identifier: MIT
# Shared by tests/integration/run.sh and tests/benchmark/real-projects.sh
# (sourced, not run): fetching and unpacking Debian source packages without
# touching the system's apt configuration, the compilers, the project
# definitions in projects/*.sh, and checks on build logs and binaries.
#
# A project definition (projects/NAME.sh) sets:
#   P_PACKAGE     the Debian bookworm source package
#   P_CMAKE_DIR   the directory of its CMakeLists.txt, relative to the source
#   P_ARGS        an array of configure options (the project's own options)
#   P_PROGRAM     the program the workloads run, relative to a build tree
#   P_TESTS       a regex of the project's own CTest tests that also train
#                 (PGO_TRAINING_TESTS; empty: none)
#   P_CTEST       a regex of the project's tests run on the optimized build
#                 (empty: none)
#   P_CTEST_ENV   an array of NAME=VALUE they need (@SRC@: the source dir)
# and defines, all run with the program's path in $1 and the data folder in $2:
#   p_corpus DATA            writes the generated inputs into DATA
#   p_workload MODE PROG DATA  MODE is train (the training), bench (the
#                 benchmark, other inputs and options), small (a short run
#                 for cachegrind) or check (fails if the output is wrong).
#                 Every run of the program goes through "$RUN" (empty, or
#                 a valgrind command line).
#   p_check_install PREFIX DATA  fails unless the installed files work (run
#                 with CC set to the compiler: gcc-N or clang-N).
# and may define p_compiler_args CC, printing extra configure options for
# compiler CC, one a line.

integration_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pgo_root=$(cd "$integration_dir/../.." && pwd)
: "${RUN:=}"

say() { printf '%s\n' "$me: $*" >&2; }
die() { say "$*"; exit 1; }

# The projects that have a definition, in a fixed order.
all_projects() {
  local f
  for f in "$integration_dir"/projects/*.sh; do basename "$f" .sh; done
}

# Loads the definition of project $1 (clearing the previous one).
load_project() {
  local def="$integration_dir/projects/$1.sh"
  [ -f "$def" ] || die "no project '$1' (known: $(all_projects | tr '\n' ' '))"
  unset P_PACKAGE P_CMAKE_DIR P_PROGRAM P_TESTS P_CTEST
  P_ARGS=()
  P_CTEST_ENV=()
  unset -f p_corpus p_workload p_check_install p_compiler_args
  # shellcheck source=/dev/null
  . "$def"
}

# project_args CC: P_ARGS and the project's options for compiler CC, one a line.
project_args() {
  [ ${#P_ARGS[@]} -eq 0 ] || printf '%s\n' "${P_ARGS[@]}"
  if declare -F p_compiler_args > /dev/null; then p_compiler_args "$1"; fi
}

# The C and C++ compilers of a compiler name (gcc-12, clang-14, clang-19).
c_compiler() { echo "$1"; }
cxx_compiler() {
  case "$1" in
    gcc-*) echo "g++-${1#gcc-}" ;;
    clang-*) echo "clang++-${1#clang-}" ;;
    *) die "unknown compiler '$1': give gcc-N or clang-N" ;;
  esac
}

# fetch_sources CACHE PACKAGE...: downloads each Debian bookworm source
# package into CACHE/PACKAGE/ unless it is there.  apt reads a sources file
# and keeps its lists in a scratch folder of its own: the system's apt
# configuration and lists are neither read for sources nor changed.
fetch_sources() {
  local cache=$1 p need=()
  shift
  for p in "$@"; do
    compgen -G "$cache/$p/*.dsc" > /dev/null || need+=("$p")
  done
  [ ${#need[@]} -gt 0 ] || return 0
  command -v apt-get > /dev/null || die "apt-get is needed to fetch the source packages"
  mkdir -p "$cache"
  local d o uris
  d=$(mktemp -d)
  mkdir -p "$d/lists/partial"
  uris=$(sed -n 's/^URIs: //p' /etc/apt/sources.list.d/debian.sources 2> /dev/null | head -1)
  # The mirror this machine's apt already uses: no address is written here.
  [ -n "$uris" ] || uris=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2> /dev/null)
  [ -n "$uris" ] || die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uris" > "$d/src.sources"
  o="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$d -o Dir::State::Lists=$d/lists"
  say "fetching source packages: ${need[*]}"
  # shellcheck disable=SC2086
  if ! apt-get $o -q update > "$d/update.log" 2>&1; then
    cat "$d/update.log" >&2
    rm -rf "$d"
    die "apt-get update of the source lists failed"
  fi
  for p in "${need[@]}"; do
    rm -rf "$cache/$p.part"
    mkdir -p "$cache/$p.part"
    # shellcheck disable=SC2086
    if ! (cd "$cache/$p.part" && apt-get $o -q source --download-only "$p") > "$d/$p.log" 2>&1; then
      cat "$d/$p.log" >&2
      rm -rf "$d"
      die "apt-get source --download-only $p failed"
    fi
    rm -rf "$cache/$p"
    mv "$cache/$p.part" "$cache/$p"
  done
  rm -rf "$d"
}

# unpack_source CACHE PACKAGE DEST: the package's source tree in DEST
# (Debian's patches applied by dpkg-source; without dpkg-dev, the upstream
# tarball alone).  Done once: DEST/.unpacked marks a complete unpack.
unpack_source() {
  local cache=$1 p=$2 dest=$3 dsc orig
  [ -e "$dest/.unpacked" ] && return 0
  rm -rf "${dest:?}"
  mkdir -p "$(dirname "$dest")"
  dsc=$(compgen -G "$cache/$p/*.dsc" | head -1)
  [ -n "$dsc" ] || die "no source package $p in $cache"
  if command -v dpkg-source > /dev/null; then
    dpkg-source -q -x "$dsc" "$dest" > /dev/null 2>&1 || die "dpkg-source -x $dsc failed"
  else
    orig=$(compgen -G "$cache/$p/*.orig.tar.*" | head -1)
    mkdir -p "$dest"
    tar -xf "$orig" -C "$dest" --strip-components=1 || die "unpacking $orig failed"
  fi
  touch "$dest/.unpacked"
}

# prepare_project NAME BUILD: loads project NAME, and sets src to its CMake
# source folder (its Debian source package unpacked below BUILD/src) and data
# to its generated inputs (BUILD/data/NAME, made once: .done marks them).
prepare_project() {
  load_project "$1"
  fetch_sources "$2/downloads" "$P_PACKAGE"
  unpack_source "$2/downloads" "$P_PACKAGE" "$2/src/$1"
  src="$2/src/$1/$P_CMAKE_DIR"
  data="$2/data/$1"
  if [ ! -e "$data/.done" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    say "$1: generating the workload inputs in $data"
    p_corpus "$data"
    touch "$data/.done"
  fi
}

# check_summary LOG: the build's pgo-helper summary exists and says that
# functions ran during training and that the profile placed some; prints it.
check_summary() {
  local log=$1 block ran placed objects
  block=$(sed -n '/^pgo-helper: summary/,/^  warnings/p' "$log")
  [ -n "$block" ] || { say "no 'pgo-helper: summary' in $log"; return 1; }
  printf '%s\n' "$block" >&2
  ran=$(printf '%s\n' "$block" | sed -n 's/.*functions, \([0-9]*\) ran during training.*/\1/p')
  objects=$(printf '%s\n' "$block" | sed -n 's/^  objects *\([0-9]*\) compiled with the profile.*/\1/p')
  placed=$(printf '%s\n' "$block" | sed -n 's/^  placement *\([0-9]*\) of .*/\1/p')
  [ "${ran:-0}" -gt 0 ] || { say "the summary shows no function that ran during training"; return 1; }
  [ "${objects:-0}" -gt 0 ] || { say "the summary shows no object compiled with the profile"; return 1; }
  # With LTO the summary cannot read placements; these builds use none.
  [ "${placed:-0}" -gt 0 ] || { say "the summary shows no function placed by the profile"; return 1; }
}

# no_instrumentation CC FILE...: none of FILES (programs, shared libraries,
# objects, static archives) carries profiling instrumentation (an
# instrumented object leaking into the optimized build or install), as the
# symbol tables read by compiler CC's own nm show it: gcc-nm-N for gcc-N,
# llvm-nm-N for clang-N, since LTO objects are GIMPLE or bitcode of that
# compiler.  Fails on no file, on a missing file or one nm cannot read, on a
# file with no symbols (stripped: nothing to check), and on an archive member
# nm does not list (llvm-nm skips a member it cannot read and exits 0).
# What nm can see (checked with gcc-12, clang-14 and clang-19): in linked
# files and machine-code objects the runtime (__gcov_*, __llvm_profile_*) and
# Clang's counters (__profc_*); in GCC's GIMPLE objects the references to
# __gcov_*; in Clang's bitcode (-fprofile-generate, -fcs-profile-generate)
# the __llvm_profile_raw_version and __llvm_profile_filename it defines and,
# where it profiles values (indirect calls, memcpy sizes), its references to
# __llvm_profile_instrument_*: its __profc_ counters are private there and
# never show in the bitcode's symbol table.  The linked programs, checked
# beside, stay the real evidence.
no_instrumentation() {
  local cc=${1:-} nm f out err member members bad=0
  case "$cc" in
    gcc-[1-9] | gcc-[1-9][0-9]) nm=gcc-nm-${cc#gcc-} ;;
    clang-[1-9] | clang-[1-9][0-9]) nm=llvm-nm-${cc#clang-} ;;
    *) say "no_instrumentation: give the compiler first (gcc-N or clang-N), not '$cc'"; return 1 ;;
  esac
  shift
  command -v "$nm" > /dev/null || { say "no_instrumentation: $nm (of $cc) is not installed"; return 1; }
  [ $# -gt 0 ] || { say "no_instrumentation: no file given"; return 1; }
  err=$(mktemp) || return 1
  for f in "$@"; do
    if [ ! -f "$f" ]; then
      say "no file $f: it cannot be checked for instrumentation"
      bad=1
      continue
    fi
    if ! out=$("$nm" "$f" 2> "$err"); then
      say "$nm cannot read $f: $(cat "$err")"
      bad=1
      continue
    fi
    if cmp -s -n 8 "$f" <(printf '!<arch>\n'); then
      # A member without symbols only draws "no symbols"; anything else is an error.
      if grep -v ': no symbols$' "$err" | grep -q .; then
        say "$nm cannot read all of $f: $(cat "$err")"
        bad=1
        continue
      fi
      members=$(ar t "$f") || members=""
      if [ -z "$members" ]; then
        say "ar lists no members in $f: nothing to check for instrumentation"
        bad=1
        continue
      fi
      while IFS= read -r member; do
        grep -qxF "$member:" <<< "$out" || { say "$nm cannot read the member $member of $f"; bad=1; }
      done <<< "$members"
    elif [ -s "$err" ] || ! grep -q . <<< "$out"; then
      say "$nm lists no symbols in $f: it cannot be checked for instrumentation ($(cat "$err"))"
      bad=1
      continue
    fi
    if grep -E ' (__llvm_profile_|__llvm_prf_|__profc_|__profd_|__gcov)' <<< "$out" > "$err"; then
      say "$f carries profiling instrumentation: $(head -3 "$err" | tr -s ' \n' ' ')"
      bad=1
    fi
  done
  rm -f "$err"
  return $bad
}

# Runs the program through $RUN (empty, or a valgrind command line).
run() { $RUN "$@"; }
