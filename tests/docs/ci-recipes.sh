#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the CI recipes of docs/ci.md as a CI machine would: takes the YAML block after
# `<!-- ci-recipe: github -->`, `<!-- ci-recipe: github-shards -->` or
# `<!-- ci-recipe: gitlab -->`, extracts its shell steps in order (GitHub Actions: the `run:`
# steps of each job, GitLab CI: the `script:` items), and runs them one by one, printing each,
# stopping at the first that fails. A GitHub job with a `matrix:` of one key runs once per
# value, `${{ matrix.<key> }}` replaced, each run on a fresh workspace at the same path (the
# last one is moved aside), as each job of a matrix gets a machine of its own; the jobs run in
# the order written (a later one `needs:` the earlier). The project the recipes build is a copy
# of a bundled example (examples/interp); the toolkit's checkout is a `git clone` of the
# repository this script lives in (its committed HEAD). For GitHub, `actions/checkout` steps
# become that copy or that clone, and `actions/upload-artifact` becomes a check that the
# artifact exists and a copy of it under its name, and `actions/download-artifact` copies the
# artifacts whose names match its `pattern:` into its `path:`; for GitLab, `<this toolkit>` becomes the clone's URL, the
# items run in the copy of the example, and the `artifacts:` paths are checked and copied.
# Each step runs in its own `bash -eo pipefail` (GitHub does the same; GitLab runs the items in
# one shell, which these recipes do not depend on), with stdin from /dev/null.
#
# The recipes install packages with apt-get, so run it in a disposable root, from the
# repository's top:
#   tests/fresh-root.sh -- tests/docs/ci-recipes.sh github
#   tests/fresh-root.sh -- tests/docs/ci-recipes.sh gitlab
#   tests/fresh-root.sh -- tests/docs/ci-recipes.sh github-shards
# Usage: tests/docs/ci-recipes.sh [--print] [--i-know] [--work DIR] github|github-shards|gitlab
#   --print     print the extracted steps and exit; runs nothing
#   --i-know    run although CI is not "true" (the steps install packages on this machine)
#   --work DIR  work in DIR (default: a new folder under ${TMPDIR:-/tmp})
# Exit code: 0 when every step passed, 1 when a step failed, 2 on bad usage or a recipe this
# script cannot read.
set -euo pipefail

usage() {  # usage [exit code]: --help to stdout, bad usage to stderr
  if [ "${1:-2}" = 0 ]; then sed -n '25,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
  sed -n '25,28p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2
}
die() { printf 'ci-recipes: %s\n' "$*" >&2; exit 2; }
say() { printf 'ci-recipes: %s\n' "$*"; }

print=0; iknow=0; work=""; which=""
while [ $# -gt 0 ]; do
  case $1 in
    --print) print=1; shift ;;
    --i-know) iknow=1; shift ;;
    --work) [ $# -ge 2 ] || usage; work=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    github|github-shards|gitlab) [ -z "$which" ] || usage; which=$1; shift ;;
    *) printf 'ci-recipes: unknown argument %s\n' "$1" >&2; usage ;;
  esac
done
[ -n "$which" ] || usage

root=$(cd "$(dirname "$0")/../.." && pwd)
doc="$root/docs/ci.md"
example="$root/examples/interp"
[ -f "$doc" ] || die "no $doc"

# The YAML block after the marker, without its fences.
yaml=$(awk -v m="<!-- ci-recipe: $which -->" '
  $0 == m { found = 1; next }
  found == 1 && /^```/ { found = 2; next }
  found == 2 && /^```/ { exit }
  found == 2 { print }' "$doc")
[ -n "$yaml" ] || die "docs/ci.md has no YAML block after <!-- ci-recipe: $which -->"

# Step i: kinds[i] is run (args[i]: the command), checkout (args[i]: the path, repos[i]: the
# repository, empty for the project's own), upload (args[i]: the path, repos[i]: the
# artifact's name), download (args[i]: the path, repos[i]: the names' pattern) or artifact
# (args[i]: the path); jobs[i] is the number of its job.
kinds=(); args=(); repos=(); jobs=()
job=0
add_step() { kinds+=("$1"); args+=("$2"); repos+=("${3:-}"); jobs+=("$job"); }
# Job j: job_names[j], and its matrix: job_keys[j] (empty without one), job_values[j]
# (space-separated).
job_names=(); job_keys=(); job_values=()

indent() { local s=$1; s=${s%%[! ]*}; printf '%d' "${#s}"; }

# A folded (>) or plain multi-line scalar: lines joined by spaces. A literal (|) one: by
# newlines. Only what the recipes use; anything else is refused, not guessed.
join_lines() {  # join_lines style line...
  local style=$1 out="" l; shift
  for l in "$@"; do
    l=${l#"${l%%[! ]*}"}
    if [ -z "$out" ]; then out=$l
    elif [ "$style" = "|" ]; then out+=$'\n'$l
    else out+=" $l"; fi
  done
  printf '%s' "$out"
}

# Values of a step's `with:`: inline `{ k: v, k: v }` or a block of `k: v` lines.
with_value() {  # with_value key text
  local key=$1 text=$2 v
  if printf '%s\n' "$text" | grep -q '^ *with: *{'; then
    text=$(printf '%s\n' "$text" | sed -n 's/^ *with: *{\(.*\)} *$/\1/p' | tr ',' '\n')
  fi
  v=$(printf '%s\n' "$text" | sed -n "s/^ *$key: *\\(.*[^ ]\\) *\$/\\1/p" | head -n1)
  printf '%s' "$v"
}

# The steps of one GitHub job, from its lines (the text below `<job>:`).
parse_github_steps() {
  local lines=() l i n step_indent=-1 in_steps=0
  mapfile -t lines <<<"$1"
  n=${#lines[@]}
  # Steps: the list items under `steps:`; each item's text is its lines until the next item.
  local items=() cur="" have=0
  for ((i = 0; i < n; i++)); do
    l=${lines[i]}
    if [ $in_steps = 0 ]; then
      [[ $l =~ ^\ *steps:\ *$ ]] && in_steps=1
      continue
    fi
    [ -z "${l// }" ] && { [ $have = 1 ] && cur+=$'\n'; continue; }
    if [ "$step_indent" -lt 0 ] && [[ $l =~ ^\ *-\  ]]; then step_indent=$(indent "$l"); fi
    if [ "$(indent "$l")" -lt "$step_indent" ]; then break; fi
    if [ "$(indent "$l")" -eq "$step_indent" ] && [[ $l =~ ^\ *-\  ]]; then
      [ $have = 1 ] && items+=("$cur")
      cur=${l#*- }; have=1
    else
      cur+=$'\n'$l
    fi
  done
  [ $have = 1 ] && items+=("$cur")
  [ ${#items[@]} -gt 0 ] || die "the $which recipe's job ${job_names[job]} has no steps"

  local item first rest body cont
  for item in "${items[@]}"; do
    first=${item%%$'\n'*}
    rest=""; [[ $item == *$'\n'* ]] && rest=${item#*$'\n'}
    case $first in
      run:\ *)
        body=${first#run: }
        if [ "$body" = ">" ] || [ "$body" = "|" ]; then
          mapfile -t cont <<<"$rest"
          body=$(join_lines "$body" "${cont[@]}")
        elif [ -n "${rest// }" ]; then
          die "a github run: step with more lines but no > or |: '$first'"
        fi
        add_step run "$body" ;;
      uses:\ actions/checkout@*)
        local path repo
        path=$(with_value path "$rest"); repo=$(with_value repository "$rest")
        [ -n "$path" ] || die "an actions/checkout step without a path: the recipe must say where"
        add_step checkout "$path" "$repo" ;;
      uses:\ actions/upload-artifact@*)
        local path name
        path=$(with_value path "$rest"); name=$(with_value name "$rest")
        [ -n "$path" ] || die "an actions/upload-artifact step without a path"
        add_step upload "$path" "${name:-artifact}" ;;
      uses:\ actions/download-artifact@*)
        local path pattern
        path=$(with_value path "$rest"); pattern=$(with_value pattern "$rest")
        [ -n "$path" ] && [ -n "$pattern" ] || die "an actions/download-artifact step needs a pattern and a path"
        [ "$(with_value merge-multiple "$rest")" = true ] || die "an actions/download-artifact step without merge-multiple: true (one folder per artifact) is not supported"
        add_step download "$path" "$pattern" ;;
      *) die "a github step this script cannot run: '$first'" ;;
    esac
  done
}

# The jobs below `jobs:`, in order, each with its matrix of one key (`<key>: [a, b]`).
parse_github() {
  local lines=() l i n in_jobs=0 job_indent=-1 text="" name=""
  mapfile -t lines <<<"$yaml"
  n=${#lines[@]}
  flush_job() {
    [ -n "$name" ] || return 0
    local key="" values=""
    if printf '%s\n' "$text" | grep -q '^ *matrix: *$'; then
      local m
      m=$(printf '%s\n' "$text" | sed -n '/^ *matrix: *$/{n;p}')
      [[ $m =~ ^\ *([a-z_-]+):\ *\[(.*)\]\ *$ ]] || die "job $name: a matrix this script cannot read: '$m' (one key: [values])"
      key=${BASH_REMATCH[1]}; values=$(echo ${BASH_REMATCH[2]//,/ })
    fi
    job_names+=("$name"); job_keys+=("$key"); job_values+=("$values")
    parse_github_steps "$text"
    job=$((job + 1))
  }
  for ((i = 0; i < n; i++)); do
    l=${lines[i]}
    if [ $in_jobs = 0 ]; then
      [[ $l =~ ^jobs:\ *$ ]] && in_jobs=1
      continue
    fi
    [ -z "${l// }" ] && { text+=$'\n'; continue; }
    if [ "$job_indent" -lt 0 ]; then job_indent=$(indent "$l"); fi
    if [ "$(indent "$l")" -eq "$job_indent" ] && [[ $l =~ ^\ *([A-Za-z0-9_-]+):\ *$ ]]; then
      local next=${BASH_REMATCH[1]}
      flush_job
      name=$next; text=""
    else
      text+=$l$'\n'
    fi
  done
  flush_job
  [ ${#job_names[@]} -gt 0 ] || die "the $which recipe has no jobs"
}

parse_gitlab() {
  local lines=() l i n in_script=0 item_indent=-1 key_indent=-1
  mapfile -t lines <<<"$yaml"
  n=${#lines[@]}
  local items=() cur=() have=0
  for ((i = 0; i < n; i++)); do
    l=${lines[i]}
    if [ $in_script = 0 ]; then
      if [[ $l =~ ^\ *script:\ *$ ]]; then in_script=1; key_indent=$(indent "$l"); fi
      continue
    fi
    [ -z "${l// }" ] && continue
    [ "$(indent "$l")" -le "$key_indent" ] && break
    if [ "$item_indent" -lt 0 ]; then
      [[ $l =~ ^\ *-\  ]] || die "gitlab script: is not a list"
      item_indent=$(indent "$l")
    fi
    if [ "$(indent "$l")" -eq "$item_indent" ] && [[ $l =~ ^\ *-\  ]]; then
      [ $have = 1 ] && items+=("$(join_lines ">" "${cur[@]}")")
      cur=("${l#*- }"); have=1
    elif [ "$(indent "$l")" -gt "$item_indent" ]; then
      cur+=("$l")
    else
      die "gitlab script: a line this script cannot read: '$l'"
    fi
  done
  [ $have = 1 ] && items+=("$(join_lines ">" "${cur[@]}")")
  [ ${#items[@]} -gt 0 ] || die "the gitlab recipe has no script items"
  local item
  for item in "${items[@]}"; do
    case $item in
      \>*|\|*|\"*|\'*) die "a gitlab script item this script cannot read: '$item'" ;;
    esac
    add_step run "${item//"<this toolkit>"/$toolkit_url}"
  done
  # artifacts: paths: [a, b] (inline) only
  local paths p
  paths=$(printf '%s\n' "$yaml" | sed -n 's/^ *paths: *\[\(.*\)\] *$/\1/p')
  IFS=',' read -r -a paths <<<"$paths"
  for p in "${paths[@]}"; do
    p=${p#"${p%%[! ]*}"}; p=${p%"${p##*[! ]}"}
    [ -n "$p" ] && add_step artifact "$p"
  done
}

# The toolkit's checkout: a clone of this repository's committed HEAD.
toolkit_url="file://$root"
rev=$(git -C "$root" rev-parse HEAD)

parse_"${which%%-*}"

describe() {  # describe i
  local a=${args[$1]} b=${repos[$1]}
  case ${kinds[$1]} in
    run) printf 'run: %s' "$a" ;;
    checkout)
      if [ -n "$b" ]; then printf 'checkout of the toolkit (%s) into %s: git clone %s' "$b" "$a" "$toolkit_url"
      else printf 'checkout of the project into %s: a copy of examples/interp' "$a"; fi ;;
    upload) printf 'upload-artifact %s as %s: check it exists, copy it to the artifacts folder' "$a" "$b" ;;
    download) printf 'download-artifact %s into %s: copy them from the artifacts folder' "$b" "$a" ;;
    artifact) printf 'artifact %s: check it exists, copy it to the artifacts folder' "$a" ;;
  esac
}

if [ $print = 1 ]; then
  for i in "${!kinds[@]}"; do
    if [ "$which" != gitlab ] && { [ "$i" = 0 ] || [ "${jobs[i]}" != "${jobs[i - 1]}" ]; }; then
      j=${jobs[i]}
      printf 'job %s%s:\n' "${job_names[j]}" "${job_keys[j]:+ (matrix ${job_keys[j]}: ${job_values[j]})}"
    fi
    printf '%d. %s\n' $((i + 1)) "$(describe "$i")"
  done
  exit 0
fi

if [ "${CI:-}" != true ] && [ $iknow = 0 ]; then
  die "the recipes install packages (apt-get): run this in a disposable root, as in
  tests/fresh-root.sh -- tests/docs/ci-recipes.sh $which
or give --i-know to run it here anyway"
fi

[ -n "$work" ] || work=$(mktemp -d "${TMPDIR:-/tmp}/ci-recipes-$which.XXXXXX")
mkdir -p "$work"
work=$(cd "$work" && pwd)
artifacts="$work/artifacts"
mkdir -p "$artifacts"
if [ "$which" != gitlab ]; then
  dir="$work/workspace"            # $GITHUB_WORKSPACE: checkouts go below it
else
  dir="$work/project"              # $CI_PROJECT_DIR: the project's own checkout
  cp -a "$example/." "$dir/"
  say "the project: a copy of examples/interp in $dir"
fi
mkdir -p "$dir"

copy_artifact() {  # copy_artifact path [name]: the files the path (a glob) matches, kept
  local p=$1 name=${2:-} f found=0     # under the artifacts folder (in name/ when named)
  local to=$artifacts${name:+/$name}
  for f in $(cd "$dir" && compgen -G "$p" || true); do
    mkdir -p "$to/$(dirname "$f")"
    cp -a -L "$dir/$f" "$to/$f"
    say "artifact '$f'${name:+ ($name)} ($(du -sh "$to/$f" | cut -f1)) copied to $to"
    found=1
  done
  if [ $found = 0 ]; then
    say "the artifact '$p' does not exist in $dir"
    return 1
  fi
}

download_artifacts() {  # download_artifacts path pattern: every file of the matching
  local to=$dir/$1 pattern=$2 a f found=0   # artifacts, into path (merge-multiple)
  mkdir -p "$to"
  for a in "$artifacts"/$pattern; do
    [ -d "$a" ] || continue
    while IFS= read -r -d '' f; do
      cp -a "$f" "$to/"
      found=$((found + 1))
    done < <(find "$a" -type f -print0)
  done
  say "$found file(s) of the artifacts '$pattern' copied to $to"
  [ $found -gt 0 ]
}

# The runs: each job once, or once per value of its matrix, in order.
runs=()   # "job value"
for j in "${!job_names[@]}"; do
  if [ -n "${job_keys[j]}" ]; then
    for v in ${job_values[j]}; do runs+=("$j $v"); done
  else
    runs+=("$j -")
  fi
done
[ "$which" = gitlab ] && runs=("0 -")

total=${#kinds[@]}
say "$which recipe from docs/ci.md: $total steps in ${#runs[@]} job run(s), in $work (toolkit at $rev)"
n_run=0
for run in "${runs[@]}"; do
  j=${run%% *} value=${run#* }
  n_run=$((n_run + 1))
  if [ "$which" != gitlab ]; then
    # A machine of its own: a fresh workspace at the same path; the last one is kept aside.
    if [ -n "$(ls -A "$dir")" ]; then
      mv "$dir" "$work/workspace-of-run-$((n_run - 1))"
      mkdir -p "$dir"
    fi
    printf '\n==> ci-recipes: job %s%s (run %d/%d), in a fresh %s\n' "${job_names[j]}" \
      "${job_keys[j]:+ with ${job_keys[j]}=$value}" "$n_run" "${#runs[@]}" "$dir"
  fi
  for i in "${!kinds[@]}"; do
    [ "$which" = gitlab ] || [ "${jobs[i]}" = "$j" ] || continue
    kind=${kinds[i]} a=${args[i]} b=${repos[i]}
    if [ "$value" != - ]; then
      a=${a//"\${{ matrix.${job_keys[j]} }}"/$value}
      b=${b//"\${{ matrix.${job_keys[j]} }}"/$value}
    fi
    printf '\n==> ci-recipes: step %d/%d: %s\n' $((i + 1)) "$total" "$(args=("${args[@]}"); args[i]=$a; repos[i]=$b; describe "$i")"
    rc=0
    case $kind in
      run)
        cmd=$a
        case $cmd in *"<this toolkit>"*|*"<owner>"*|*'${{'*)
          say "step $((i + 1)) still has a placeholder: $cmd"; exit 1 ;; esac
        (cd "$dir" && bash --noprofile --norc -eo pipefail -c "$cmd" </dev/null) || rc=$?
        ;;
      checkout)
        if [ -n "$b" ]; then
          (cd "$dir" && git clone -q "$toolkit_url" "$a" && git -C "$a" checkout -q --detach "$rev") || rc=$?
        else
          (mkdir -p "$dir/$a" && cp -a "$example/." "$dir/$a/") || rc=$?
        fi ;;
      upload) copy_artifact "$a" "$b" || rc=$? ;;
      artifact) copy_artifact "$a" || rc=$? ;;
      download) download_artifacts "$a" "$b" || rc=$? ;;
    esac
    if [ $rc -ne 0 ]; then
      printf '\nci-recipes: FAILED: step %d/%d (%s) exited with %d\n' $((i + 1)) "$total" "$(describe "$i")" "$rc" >&2
      exit 1
    fi
  done
done
printf '\nci-recipes: %s recipe: all %d steps of %d job run(s) passed\n' "$which" "$total" "${#runs[@]}"
