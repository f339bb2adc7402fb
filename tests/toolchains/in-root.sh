#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run by run.sh inside a system's fresh root (chroot), never by hand: installs the
# system's toolchain with apt-get, configures and builds the toolkit's clean clone in
# /ci/project, and runs the helper's unit tests and the module cases.  The environment
# gives what to do (run.sh's table):
#   TC_SYSTEM     the system's name, for messages
#   TC_COMPILERS  the compilers the tests run with, ';'-separated, the "first" one first
#   TC_PACKAGES   packages that must install (any missing one fails the run)
#   TC_OPTIONAL   packages installed where the system has them; the rest are listed
#                 as left out in /ci/result
#   TC_CMAKE      "apt" (the system's cmake package) or "bookworm-backports" (that
#                 suite's cmake and cmake-data, unpacked with dpkg -x into /opt/cmake)
#   TC_MIRROR     the Debian archive's URL
#   TC_REGEX      if not empty, only the module cases matching it (ctest -R)
# Writes /ci/versions, /ci/unit.log, /ci/module.log and /ci/result (key=value lines).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
say() { echo "toolchains: $TC_SYSTEM: $*"; }
result() { echo "$1=$2" >> /ci/result; }
: > /ci/result

say "apt-get update"
apt-get update -qq
install=() left_out=()
for p in $TC_OPTIONAL; do
  if apt-cache show --no-all-versions "$p" >/dev/null 2>&1; then install+=("$p"); else left_out+=("$p"); fi
done
result left_out "${left_out[*]}"
say "installing $TC_PACKAGES ${install[*]}"
# shellcheck disable=SC2086 # TC_PACKAGES is a word list
apt-get install -y -qq --no-install-recommends $TC_PACKAGES "${install[@]}" >/ci/apt.log 2>&1 ||
  { tail -n 30 /ci/apt.log; exit 1; }

if [ "$TC_CMAKE" = bookworm-backports ]; then
  # bookworm-backports' CMake from a folder: a private sources list and apt state, so
  # that the root's own apt never sees backports and nothing else comes from there.
  d=/ci/apt-backports
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial" /ci/debs
  echo "deb $TC_MIRROR bookworm-backports main" > "$d/backports.list"
  opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$d"
        -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache")
  apt-get "${opts[@]}" update -qq
  (cd /ci/debs && apt-get "${opts[@]}" -qq download cmake cmake-data)
  # what the cmake binary links with, from bookworm itself (cmake-data is the folder)
  deps=$(dpkg-deb -f /ci/debs/cmake_*.deb Depends | tr ',' '\n' | sed 's/[(|].*//; s/ //g' |
         grep -v -e '^cmake-data$' -e '^$' | tr '\n' ' ')
  say "installing cmake's dependencies: $deps"
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $deps >>/ci/apt.log 2>&1 ||
    { tail -n 30 /ci/apt.log; exit 1; }
  for deb in /ci/debs/*.deb; do dpkg -x "$deb" /opt/cmake; done
  export PATH="/opt/cmake/usr/bin:$PATH"
fi

IFS=';' read -r -a compilers <<< "$TC_COMPILERS"
{
  for cc in "${compilers[@]}"; do echo "$cc: $("$cc" --version | head -n1)"; done
  echo "cmake: $(command -v cmake): $(cmake --version | head -n1)"
  echo "ninja: $(ninja --version)"
} | tee /ci/versions
result cmake "$(cmake --version | head -n1 | sed 's/^cmake version //')"
result compilers "$(for cc in "${compilers[@]}"; do
  printf '%s %s, ' "$cc" "$("$cc" -dumpfullversion 2>/dev/null || "$cc" -dumpversion)"; done | sed 's/, $//')"

cd /ci/project
say "configuring and building the toolkit"
cmake -S . -B build -G Ninja -DBUILD_TESTING=ON -DPGO_HELPER_WERROR=ON \
  "-DPGO_TEST_COMPILERS=$TC_COMPILERS" >/ci/configure.log 2>&1 || { tail -n 40 /ci/configure.log; exit 1; }
cmake --build build -j2 >/ci/build.log 2>&1 || { tail -n 40 /ci/build.log; exit 1; }

say "the helper's unit tests"
set +e
ctest --test-dir build -R '^pgo_helper\.unit\.' -j2 --output-on-failure >/ci/unit.log 2>&1
result unit_rc $?
say "the module cases (ctest -L module -j2)"
start=$(date +%s)
ctest --test-dir build -L module ${TC_REGEX:+-R "$TC_REGEX"} -j2 --output-on-failure >/ci/module.log 2>&1
result module_rc $?
result module_seconds $(( $(date +%s) - start ))
exit 0
