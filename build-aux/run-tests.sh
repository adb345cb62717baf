#!/bin/sh
# Command 2 of the README: installs what is missing, builds with warnings as
# errors and runs the whole test suite exactly as CI does: under Xvfb, a
# private D-Bus session and a throw-away unlocked gnome-keyring, with fresh
# XDG directories. Extra arguments go to `meson test`.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh

BUILD=${BUILD:-_build-ci}
if [ -f "$BUILD/build.ninja" ]; then
  meson configure "$BUILD" -Dwerror=true >/dev/null
else
  meson setup "$BUILD" --buildtype=debugoptimized -Dwerror=true >/dev/null
fi
meson compile -C "$BUILD"

# Private, throw-away state. The keyring password only opens a keyring made
# with it, and D-Bus-activated services inherit the bus's environment, so the
# XDG variables are exported before dbus-run-session starts.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache"
export XDG_STATE_HOME="$T/state" XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
export GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
# In CI a missing display or keyring is a failure, never a skip.
export FORBRUK_TEST_REQUIRE_DISPLAY=1 FORBRUK_TEST_REQUIRE_KEYRING=1

status=0
xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
  dbus-run-session -- sh -ec '
    printf %s ci-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec meson test -C "$0" --print-errorlogs "$@"' "$BUILD" "$@" || status=$?

# One summary line that CI and people can read, from meson's own results.
python3 - "$BUILD/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1], encoding='utf-8') as log:
    for line in log:
        result = json.loads(line)['result']
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1
print(f'tests: {passed} passed, {failed} failed' + (f', {skipped} skipped' if skipped else ''))
PY
exit $status
