#!/bin/sh
# Runs the "keyring" test suite against a throw-away, unlocked gnome-keyring
# on a private D-Bus session, as CI does (docs: toolchain.md §5 and §10).
#
#   tests/run-keyring.sh [BUILDDIR] [meson test arguments...]
#
# Needs dbus-daemon and gnome-keyring; not dbus-x11. Nothing of the user's
# own session is touched: fresh XDG directories, no display (so a keyring
# prompt fails instead of appearing on the desktop), and everything started
# here ends with the private bus.
set -eu

BUILD=${1:-_build}
[ $# -gt 0 ] && shift

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# Before dbus-run-session: D-Bus-activated services get the bus's
# environment, not the inner shell's. A fresh keyring dir every time,
# because --unlock exits 0 even when the password does not open an old one.
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache"
export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
# This keyring is a throw-away one: the test may use it, and must fail
# rather than skip when it cannot.
export FORBRUK_TEST_REQUIRE_KEYRING=1

# no exec: the EXIT trap must run to remove $T
dbus-run-session -- sh -ec '
  # --unlock creates the "login" keyring, the default collection.
  printf %s test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  build=$1; shift
  meson test -C "$build" --suite keyring --print-errorlogs "$@"' sh "$BUILD" "$@"
