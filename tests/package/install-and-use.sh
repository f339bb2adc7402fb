#!/bin/sh
# SPDX-License-Identifier: MIT
# The toolkit as users install it: `cmake --install` into a prefix, and the
# .deb that CPack makes unpacked into a scratch root; each is then used by a
# project through find_package(PGO) for a whole PGO build, without any path
# into this source tree.
#   install-and-use.sh SOURCE_DIR WORK_DIR CC
set -eu
src=$1 work=$2 cc=$3
rm -rf "$work" && mkdir -p "$work"
# An empty helper cache of its own: the copied modules must build their helper.
export XDG_CACHE_HOME="$work/xdg-cache"

fail() { echo "install-and-use.sh: $*" >&2; exit 1; }

cmake -S "$src" -B "$work/toolkit" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    -DCMAKE_INSTALL_PREFIX=/usr > "$work/toolkit.log" 2>&1 || { cat "$work/toolkit.log"; fail "configure failed"; }
cmake --build "$work/toolkit" >> "$work/toolkit.log" 2>&1 || { cat "$work/toolkit.log"; fail "build failed"; }
DESTDIR="$work/destdir" cmake --install "$work/toolkit" > /dev/null
(cd "$work/toolkit" && cpack -G "TGZ;DEB" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/toolkit/*.deb)
tgz=$(ls "$work"/toolkit/*.tar.gz)
dpkg-deb -x "$deb" "$work/debroot"
tar -tzf "$tgz" | grep -q 'share/pgo/modules/PGO.cmake$' || fail "the .tar.gz lacks share/pgo/modules/PGO.cmake"

for root in destdir debroot; do
    prefix="$work/$root/usr"
    for f in bin/pgo-helper share/pgo/modules/PGO.cmake share/pgo/modules/PGO/Pipeline.cmake \
             share/pgo/modules/PGO/scripts/Locked.cmake \
             share/pgo/cmake/PGOConfig.cmake share/pgo/cmake/PGOConfigVersion.cmake \
             share/pgo/modules/PGO/helper/CMakeLists.txt share/man/man1/pgo-helper.1; do
        [ -e "$prefix/$f" ] || fail "$root: $f is not installed"
    done
    # A copy of the example, so that nothing points back into the toolkit.
    rm -rf "$work/app-$root" && cp -r "$src/tests/module/cases/find-package" "$work/app-$root"
    cmake -S "$work/app-$root" -B "$work/app-$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        "-DCMAKE_C_COMPILER=$cc" "-DCMAKE_PREFIX_PATH=$prefix" -DPGO=ON > "$work/$root.log" 2>&1 ||
        { cat "$work/$root.log"; fail "$root: configuring a project against it failed"; }
    grep -q "^PGO_HELPER:FILEPATH=$prefix/bin/pgo-helper$" "$work/app-$root/build/CMakeCache.txt" ||
        fail "$root: the installed pgo-helper is not the one used"
    cmake --build "$work/app-$root/build" > "$work/$root.build.log" 2>&1 ||
        { cat "$work/$root.build.log"; fail "$root: the PGO build against it failed"; }
    grep -q "profile data .* ran during training" "$work/$root.build.log" ||
        { cat "$work/$root.build.log"; fail "$root: no summary"; }
    echo "install-and-use.sh: $root: find_package(PGO) and a PGO build work"
done

# The installed modules folder copied into a project, alone: the helper is
# built from the sources it carries, on first use.
app="$work/app-copied"
rm -rf "$app" && cp -r "$src/tests/module/cases/find-package" "$app"
mkdir -p "$app/cmake" && cp -r "$work/destdir/usr/share/pgo/modules" "$app/cmake/pgo"
sed -i 's|^find_package(PGO[^)]*)|list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_SOURCE_DIR}/cmake/pgo")\ninclude(PGO)|' \
    "$app/CMakeLists.txt"
grep -q 'cmake/pgo")$' "$app/CMakeLists.txt" || fail "copied modules: the example has no find_package(PGO) to replace"
cmake -S "$app" -B "$app/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$cc" \
    -DPGO=ON > "$work/copied.log" 2>&1 || { cat "$work/copied.log"; fail "copied modules: configure failed"; }
grep -q "PGO: building pgo-helper from $app/cmake/pgo/PGO/helper" "$work/copied.log" ||
    { cat "$work/copied.log"; fail "copied modules: the helper was not built from the copied sources"; }
cmake --build "$app/build" > "$work/copied.build.log" 2>&1 ||
    { cat "$work/copied.build.log"; fail "copied modules: the PGO build failed"; }
grep -q "profile data .* ran during training" "$work/copied.build.log" ||
    { cat "$work/copied.build.log"; fail "copied modules: no summary"; }
echo "install-and-use.sh: the installed modules folder copied into a project works alone"
