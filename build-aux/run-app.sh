#!/bin/sh
# Command 1 of the README: installs what is missing, builds, and starts
# Forbruk from the build tree. Arguments go to forbruk (e.g. --demo).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh

BUILD=${BUILD:-_build}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" --buildtype=debugoptimized >/dev/null
meson compile -C "$BUILD" >/dev/null

# Run from the build tree: the schema and translations come from there.
GSETTINGS_SCHEMA_DIR="$PWD/$BUILD/data" FORBRUK_LOCALEDIR="$PWD/$BUILD/po" exec "$BUILD/src/forbruk" "$@"
