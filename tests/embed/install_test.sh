#!/bin/sh
# tests/embed/install_test.sh BUILD SRC — installs BUILD into a temporary
# prefix, builds examples/embed-server against the installed library with
# `pkg-config --cflags --libs pvm` only, checks it uses the installed
# libpvm.so, and runs its self-test; then checks that the installed pvm
# imports pvm's lib/ from PREFIX/share/pvm/lib, not from this source tree,
# and keeps its bytecode caches out of that directory.  Prints "install ok".
set -eu
build=$1
src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
pc=$(find "$prefix" -name pvm.pc | head -n 1)
test -n "$pc"
export PKG_CONFIG_PATH="$(dirname "$pc")"
libdir=$(pkg-config --variable=libdir pvm)
test -f "$prefix/include/pvm.h"
${CC:-cc} -O2 -o "$prefix/embed-server" "$src/examples/embed-server/server.c" \
    $(pkg-config --cflags --libs pvm) -pthread -Wl,-rpath,"$libdir"
ldd "$prefix/embed-server" | grep -q "$prefix" || { echo "not linked to the installed libpvm.so"; exit 1; }
"$prefix/embed-server" --selftest -w 2 -d "$src/examples/embed-server" 2>/dev/null | grep -q "selftest ok"
lib=$(env -u PYTHONDONTWRITEBYTECODE XDG_CACHE_HOME="$prefix/cache" "$prefix/bin/pvm" -c \
      'import marshal, sys; print(marshal.__file__); print(sys.path[1])')
want=$(realpath "$prefix/share/pvm/lib")
echo "$lib" | grep -qx "$want/marshal.py" || { echo "installed pvm imports lib/ from: $lib"; exit 1; }
echo "$lib" | grep -qx "$want" || { echo "installed pvm's sys.path: $lib"; exit 1; }
test ! -e "$prefix/share/pvm/lib/__pycache__" || { echo "caches written into share/pvm/lib"; exit 1; }
ls "$prefix/cache/pvm$want"/marshal.*.pyc >/dev/null 2>&1 || { echo "no cache under the prefix"; exit 1; }
echo "install ok"
