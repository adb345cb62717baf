#!/bin/sh
# Takes a screenshot of Forbruk under a private Xvfb and D-Bus session.
# Usage: build-aux/screenshot.sh OUT.png [WIDTHxHEIGHT] [-- forbruk arguments]
# Environment: BUILD (default _build), DELAY seconds before the shot (default 3),
# SETTINGS GSettings keys to start with, one `key=GVariant` per line, e.g.
#   SETTINGS="view='max-hours'
#   period='last-12-months'" build-aux/screenshot.sh shot.png -- --demo
# COLOR_SCHEME=dark to force the dark style. With xcompmgr installed, popovers
# are drawn as on a desktop.
# INPUT: shell commands run after DELAY, the shot 1 s after them, e.g.
#   INPUT="xdotool mousemove 1137 28 click 1" to open a menu.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
out=$1; shift
size=1280x800
if [ $# -gt 0 ] && [ "$1" != "--" ]; then size=$1; shift; fi
[ "${1:-}" = "--" ] && shift
BUILD=${BUILD:-_build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache" XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"; mkdir -m 0700 "$XDG_RUNTIME_DIR"
# A keyfile backend so SETTINGS can set up the window before it opens.
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
{
  echo "[io/github/forbruk/Forbruk]"
  [ -n "${COLOR_SCHEME:-}" ] && echo "color-scheme='$COLOR_SCHEME'"
  [ -n "${SETTINGS:-}" ] && printf '%s\n' "$SETTINGS"
} > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
export FORBRUK_LOCALEDIR="$PWD/$BUILD/po" GTK_A11Y=none GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$PWD/$BUILD/data"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
export OUT="$(realpath -m "$out")" POINTER_X=$((${size%x*} / 2))
# The pointer starts mid-screen, where it would hover the chart and show a
# tooltip; it waits on the header bar instead (moved once the app is
# connected: Xvfb resets the pointer when its last client leaves).
xvfb-run -a -s "-screen 0 ${size}x24 -nolisten tcp" dbus-run-session -- sh -c '
  printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  # Without a compositing manager popovers and menus get black corners.
  if command -v xcompmgr >/dev/null; then xcompmgr & sleep 0.5; fi
  "$0" "$@" & app=$!
  sleep 0.5
  xdotool mousemove "$POINTER_X" 8 || true
  sleep "${DELAY:-3}"
  if [ -n "${INPUT:-}" ]; then sh -c "$INPUT"; sleep 1; fi
  /usr/bin/import -window root "$OUT"
  kill $app; wait $app 2>/dev/null || true' "$PWD/$BUILD/src/forbruk" "$@"
