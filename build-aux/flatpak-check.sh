#!/bin/sh
# The `flatpak` check of build-aux/run-tests.sh: builds the real manifest
# (flatpak/io.github.forbruk.Forbruk.json) with flatpak-builder against the
# stand-in GNOME runtime (build-aux/flatpak-runtime.sh), installs it into a
# throw-away FLATPAK_USER_DIR and drives the sandboxed app under Xvfb, a
# private D-Bus session, gnome-keyring and xdg-desktop-portal (-gtk), as a
# desktop would:
#
#   build             flatpak-builder, with the project's tests in the build
#                     sandbox (their results join the tally as build-test-*)
#   exports           the exported desktop file, icon and metainfo, validated
#   run-demo          `flatpak run … --demo` maps a window (screenshot)
#   desktop-launch    `gio launch` on the exported .desktop file opens it
#   secret-*          the token saved, found after a restart and forgotten
#                     through the Secret portal (libsecret's file backend
#                     inside the sandbox), never through org.freedesktop.secrets
#   main-view         the app finds that token and opens on its data
#   store-location    the store is in ~/.var/app/io.github.forbruk.Forbruk/data
#   update-keeps-data a rebuild with a change, installed as an update, still
#                     has the store and the token
#   file-chooser      an export through the FileChooser portal's dialog lands
#                     outside the sandbox (screenshot of the dialog)
#   open-folder       "Open Folder" reaches the OpenURI portal
#
# Usage: build-aux/flatpak-check.sh RESULTS [SHOTS]. Appends a line
# "NAME ok|fail|skip" per step to RESULTS; screenshots go to SHOTS (default:
# a temporary folder). Exits 1 if a step failed, after printing what it saw.
# FLATPAK_CHECK_DIR=DIR keeps everything (the builds, the throw-away home
# and FLATPAK_USER_DIR, each step's log in DIR/log) for a closer look.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

APP=io.github.forbruk.Forbruk
MANIFEST=flatpak/$APP.json

if [ "${1:-}" != --in-session ]; then
  results=$(realpath "$1")
  # One file system: never into a FUSE mount (the document portal's) that
  # a session that went wrong left behind.
  if [ -n "${FLATPAK_CHECK_DIR:-}" ]; then
    T=$(realpath -m "$FLATPAK_CHECK_DIR")
    rm -rf --one-file-system "$T"
    mkdir -p "$T"
  else
    T=$(mktemp -d)
    trap 'rm -rf --one-file-system "$T"' EXIT
  fi
  trap 'exit 130' INT TERM
  shots=$(realpath "${2:-$T/shots}")
  mkdir -p "$shots" "$T/home" "$T/flatpak"
  # The runtime is made (or found in the cache) before the session, so a
  # slow mirror is not taken for a hanging app.
  if ! runtime_repo=$(./build-aux/flatpak-runtime.sh); then
    echo "runtime fail" >>"$results"
    echo "FAILED  runtime: build-aux/flatpak-runtime.sh could not make the stand-in runtime"
    exit 1
  fi
  # Everything the session starts (D-Bus-activated portals, the keyring)
  # inherits the bus's environment: a home of its own, GNOME as the desktop
  # (Debian 12's gnome-keyring portal backend declares UseIn=gnome).
  # The runtime directory is where a desktop has it, /run/user/UID: the
  # document portal answers with paths under it, which flatpak maps to the
  # same place in the sandbox. A tmpfs of our own there, in a mount
  # namespace of our own, keeps the machine's and other runs' apart.
  export HOME="$T/home" XDG_RUNTIME_DIR="/run/user/$(id -u)" FLATPAK_USER_DIR="$T/flatpak"
  export XDG_DATA_HOME="$T/home/.local/share" XDG_CONFIG_HOME="$T/home/.config"
  export XDG_CACHE_HOME="$T/home/.cache" XDG_STATE_HOME="$T/home/.local/state"
  export XDG_CURRENT_DESKTOP=GNOME GTK_A11Y=none NO_AT_BRIDGE=1 LANG=C.UTF-8
  unset LANGUAGE LC_ALL
  unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY GSETTINGS_BACKEND
  status=0
  mkdir -p "$XDG_RUNTIME_DIR"
  unshare --mount --propagation private sh -ec '
    mount -t tmpfs -o mode=0700 forbruk-flatpak-check "$XDG_RUNTIME_DIR"
    exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" dbus-run-session -- "$@"' \
    sh "$0" --in-session "$results" "$shots" "$runtime_repo" "$T" || status=$?
  exit $status
fi

results=$2; shots=$3; runtime_repo=$4; T=$5
failed=0
log="$T/log"
mkdir -p "$log"

ok () { echo "$1 ok" >>"$results"; echo "ok      $1"; }
skip () { echo "$1 skip" >>"$results"; echo "skip    $1: $2"; }
fail () {
  echo "$1 fail" >>"$results"; echo "FAILED  $1: $2"
  failed=1
  shift 2
  for file in "$@"; do
    [ -f "$file" ] && { echo "--- $file (last 40 lines)"; tail -n 40 "$file"; }
  done
  return 0
}

# Waits up to $1 seconds for a command to succeed.
wait_for () {
  seconds=$1; shift
  end=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || return 1
    sleep 0.5
  done
}

# The window of the sandboxed app, by its title.
app_window () { xdotool search --onlyvisible --name '^Forbruk$' | head -n 1 | grep .; }

# Starts the app (a name for its log, then extra flatpak options, the app
# id, its arguments) and waits for its window; its Flatpak instance id goes
# to $log/NAME.instance.
start_app () {
  name=$1; shift
  flatpak run --instance-id-fd=3 "$@" >"$log/$name.log" 2>&1 3>"$log/$name.instance" &
  app_pid=$!
  wait_for 60 app_window
}

# Quits as a person would (Ctrl+Q), else ends the sandbox.
stop_app () {
  window=$(app_window) && xdotool windowfocus --sync "$window" key ctrl+q 2>/dev/null
  if ! wait_for 20 sh -c "! kill -0 $app_pid"; then
    flatpak kill "$(cat "$log/$name.instance")" 2>/dev/null || true
  fi
  wait "$app_pid" 2>/dev/null || true
}

shot () { import -window root "$shots/$1.png"; }

# The app's CLI in the sandbox, with the same permissions as the app.
# libsecret 0.20.5 (Debian 12's, in the stand-in runtime) asks the Secret
# portal without a handle_token and subscribes to the answer only after the
# call returns, so an answer that comes back within a millisecond, as
# gnome-keyring's does, is now and then missed and the call waits forever
# (about 1 start in 8 here). The newer libsecret of the GNOME runtime
# subscribes first. Such a wait is cut after 20 s and tried once more,
# saying so; a second wait is a failure.
cli () {
  timeout 20 flatpak run --command=forbruk-cli "$APP" "$@" <"${cli_input:-/dev/null}" && return 0
  status=$?
  [ "$status" = 124 ] || return "$status"
  echo "forbruk-cli $*: no answer from the Secret portal in 20 s (libsecret 0.20.5); once more" >&2
  timeout 20 flatpak run --command=forbruk-cli "$APP" "$@" <"${cli_input:-/dev/null}"
}

app_data="$HOME/.var/app/$APP"

gnome-keyring-daemon --unlock --components=secrets >/dev/null <<EOF
ci-password
EOF
dbus-monitor --session "type='method_call',interface='org.freedesktop.portal.OpenURI'" \
  "type='method_call',interface='org.freedesktop.portal.Secret'" \
  "type='method_call',interface='org.freedesktop.portal.FileChooser'" >"$log/portal-calls.log" 2>&1 &
monitor_pid=$!

flatpak --user remote-add --no-gpg-verify standin "file://$runtime_repo"
branch=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["runtime-version"])' "$MANIFEST")
flatpak --user install --noninteractive -y standin "org.gnome.Platform//$branch" "org.gnome.Sdk//$branch" \
  >"$log/install-runtime.log" 2>&1 \
  || { fail install-runtime "flatpak install of the stand-in runtime" "$log/install-runtime.log"; exit 1; }

# --- build: the real manifest, tests in the build sandbox ------------------
# Under Xvfb the build sandbox gets the display (the manifest's test-args
# share the X11 socket), so the ui suite runs there; the keyring suite
# skips, there is no session bus in it.
build () {
  flatpak-builder --user --repo="$T/repo" --state-dir="$T/state" --keep-build-dirs --force-clean \
    "$@" "$T/app" "$MANIFEST"
}
build_status=0
build >"$log/build.log" 2>&1 || build_status=$?
# The tests in the build sandbox, one by one, with why each skipped and
# the end of what each failed one printed.
testlog="$T/state/build/forbruk/_flatpak_build/meson-logs/testlog.json"
[ -f "$testlog" ] && python3 - "$testlog" "$results" <<'PY'
import json, sys
with open(sys.argv[1], encoding='utf-8') as log, open(sys.argv[2], 'a', encoding='utf-8') as results:
    for line in log:
        test = json.loads(line)
        name = 'build-test-' + test['name'].split(' / ')[-1]
        result = {'OK': 'ok', 'EXPECTEDFAIL': 'ok', 'SKIP': 'skip'}.get(test['result'], 'fail')
        results.write(f'{name} {result}\n')
        output = (test.get('stdout') or '') + (test.get('stderr') or '')
        if result == 'skip':
            reasons = sorted({l.split('# SKIP', 1)[1].strip() for l in output.splitlines() if '# SKIP' in l})
            print(f"skip    {name}: {'; '.join(reasons)}")
        elif result == 'fail':
            print(f'FAILED  {name} ({test["result"]}):')
            print('\n'.join(output.splitlines()[-30:]))
PY
if [ "$build_status" = 0 ]; then
  ok build
else
  fail build "flatpak-builder" "$log/build.log"
  exit 1
fi

flatpak --user remote-add --no-gpg-verify forbruk "file://$T/repo"
if flatpak --user install --noninteractive -y forbruk "$APP" >"$log/install.log" 2>&1; then
  ok install
else
  fail install "flatpak install" "$log/install.log"
  exit 1
fi

# --- exports ---------------------------------------------------------------
exports="$FLATPAK_USER_DIR/exports/share"
files="$FLATPAK_USER_DIR/app/$APP/current/active/files"
desktop="$exports/applications/$APP.desktop"
{
  desktop-file-validate "$desktop" &&
  grep -q "^Exec=.*flatpak run .*$APP" "$desktop" &&
  test -s "$exports/icons/hicolor/scalable/apps/$APP.svg" &&
  # flatpak-builder 1.2 moves it to the older appdata folder.
  appstreamcli validate --no-net --explain "$files/share/appdata/$APP.appdata.xml" &&
  # What appstream-compose made of it for the repository's catalogue.
  zcat "$files/share/app-info/xmls/$APP.xml.gz" | grep -q "<id>$APP</id>"
} >"$log/exports.log" 2>&1 && ok exports || fail exports "desktop file, icon or metainfo" "$log/exports.log"

# --- run-demo and desktop-launch --------------------------------------------
if start_app run-demo "$APP" --demo; then
  sleep 2
  shot sandboxed-demo
  ok run-demo
else
  fail run-demo "no window within 60 s" "$log/run-demo.log"
fi
stop_app

if gio launch "$desktop" >"$log/desktop-launch.log" 2>&1 && wait_for 60 app_window; then
  sleep 2
  shot desktop-launch
  ok desktop-launch
else
  fail desktop-launch "gio launch opened no window" "$log/desktop-launch.log"
fi
# gio launch does not wait; the app is the one Flatpak instance there is.
window=$(app_window) && xdotool windowfocus --sync "$window" key ctrl+q 2>/dev/null
wait_for 20 sh -c '! xdotool search --onlyvisible --name "^Forbruk\$"' || flatpak kill "$APP" 2>/dev/null || true

# --- the token through the Secret portal --------------------------------------
# The demo server, itself run from the sandbox, stands in for Elvia on
# loopback (the sandbox shares the network).
flatpak run --command=forbruk-cli "$APP" demo-server --port 0 >"$log/demo-server.log" 2>&1 &
server_pid=$!
wait_for 30 grep -q '^Token: ' "$log/demo-server.log" || fail demo-server "did not start" "$log/demo-server.log"
api_url=$(sed -n 's/.* listening on \(http[^ ]*\).*/\1/p' "$log/demo-server.log")
token=$(sed -n 's/^Token: //p' "$log/demo-server.log")

keyring_file="$app_data/data/keyrings/default.keyring"
printf '%s\n' "$token" >"$T/token-input"
if cli_input="$T/token-input" cli --api-url "$api_url" token set >"$log/secret-save.log" 2>&1 &&
   test -s "$keyring_file" && ! grep -qF "$token" "$keyring_file" &&
   grep -q 'RetrieveSecret' "$log/portal-calls.log" &&
   # gnome-keyring's portal keeps the master secret as an item with the
   # app_id (not readable over the Secret Service API); the token is not
   # in the keyring at all.
   gdbus call --session -d org.freedesktop.secrets -o /org/freedesktop/secrets \
     -m org.freedesktop.Secret.Service.SearchItems "{'app_id': '$APP'}" | grep -q "collection/login/" &&
   gdbus call --session -d org.freedesktop.secrets -o /org/freedesktop/secrets \
     -m org.freedesktop.Secret.Service.SearchItems "{'service': 'elvia-metervalues'}" | grep -qv "collection/"; then
  ok secret-save
else
  fail secret-save "token set, $keyring_file, portal's RetrieveSecret" "$log/secret-save.log" "$log/portal-calls.log"
fi

cli token status >"$log/secret-restart.log" 2>&1 && grep -q 'An access token is stored' "$log/secret-restart.log" \
  && ok secret-restart || fail secret-restart "token status in a new sandbox" "$log/secret-restart.log"

# --- store-location and main-view -------------------------------------------
# The CLI in the sandbox fetches a week into the store, which must be under
# ~/.var/app; then the app, started as a desktop starts it, finds the token
# and opens on its main view (not the welcome page).
store="$app_data/data/forbruk/forbruk.db"
stored_values () { sqlite3 "$store" 'SELECT count(*) FROM meter_values;' 2>/dev/null; }
cli --api-url "$api_url" values --from 2026-11-01 --to 2026-11-07 >"$log/store-location.log" 2>&1 || true
values_before=$(stored_values || echo 0)
[ "${values_before:-0}" -gt 0 ] && [ ! -e "$HOME/.local/share/forbruk" ] \
  && ok store-location || fail store-location "$store has ${values_before:-no} values" "$log/store-location.log"

mkdir -p "$app_data/config/glib-2.0/settings"
printf '[io/github/forbruk/Forbruk]\nwindow-width=1280\nwindow-height=800\n' \
  >"$app_data/config/glib-2.0/settings/keyfile"
# Found the token: it shows the main view, whose refresh stores this week.
more_values () { [ "$(stored_values || echo 0)" -gt "$values_before" ]; }
if start_app main-view --env=FORBRUK_API_URL="$api_url" "$APP" && wait_for 60 more_values; then
  sleep 3
  shot sandboxed-main-view
  ok main-view
else
  shot main-view-stuck
  # libsecret 0.20.5's missed portal answer (see cli above), and then the
  # deadlock in its cancel handler when the token store gives up: the app
  # waits on "Waiting for the Keyring" for good. The stand-in's bug, not
  # the app's; anything else is a failure.
  sandbox=$(flatpak ps --columns=instance,child-pid | awk -v i="$(cat "$log/main-view.instance")" '$1 == i { print $2 }')
  pid=$(pgrep -P "${sandbox:-0}" -x forbruk | head -n 1)
  if [ -n "$pid" ] && eu-stack -p "$pid" 2>&1 | tee "$log/main-view.stack" | grep -q g_cancellable_disconnect; then
    skip main-view "libsecret 0.20.5 missed the Secret portal's answer and deadlocked cancelling (HACKING.md, Flatpak)"
  else
    fail main-view "no window, or no new values in $store" "$log/main-view.log" "$log/main-view.stack"
  fi
fi
stop_app

# --- file-chooser and open-folder ---------------------------------------------
exported="$HOME/Exported/forbruk-export.csv"
mkdir -p "$HOME/Exported"
if start_app file-chooser "$APP" --demo; then
  sleep 3
  # The Export menu (at this window size), then Save Data…
  xdotool mousemove 1137 28 click 1; sleep 1
  xdotool key Down Return
  if wait_for 30 sh -c 'xdotool search --onlyvisible --name "^Save" | grep -q .'; then
    sleep 1
    shot portal-file-dialog
    # The portal's dialog (no window manager gives it focus); its name
    # field takes a whole path.
    dialog=$(xdotool search --onlyvisible --name "^Save" | head -n 1)
    xdotool windowfocus --sync "$dialog"
    xdotool key --window "$dialog" ctrl+a
    xdotool type --window "$dialog" --delay 20 "$exported"
    sleep 0.5
    xdotool key --window "$dialog" Return
  fi
  if wait_for 30 test -s "$exported" && head -n 1 "$exported" | grep -q '^metering_point_id,' &&
     grep -q 'SaveFile' "$log/portal-calls.log"; then
    ok file-chooser
  else
    fail file-chooser "no CSV at $exported" "$log/file-chooser.log" "$log/portal-calls.log"
  fi
  # The toast's Open Folder button.
  sleep 1
  shot export-toast
  xdotool mousemove 746 747 click 1
  wait_for 20 grep -q 'OpenDirectory' "$log/portal-calls.log" \
    && ok open-folder || fail open-folder "no OpenDirectory call on the portal" "$log/portal-calls.log"
else
  fail file-chooser "no window" "$log/file-chooser.log"
  fail open-folder "no window" "$log/file-chooser.log"
fi
stop_app

# --- update-keeps-data ----------------------------------------------------------
# The same manifest over a copy of the tree with a changed version: built,
# exported to the same repository and installed as an update. The tests ran
# in the first build; a second run would prove nothing new.
mkdir -p "$T/v2"
git ls-files -z | xargs -0 cp --parents -t "$T/v2"
sed -i "s/^\(  version: '[^']*\)'/\1.1'/" "$T/v2/meson.build"
new_version=$(sed -n "s/^  version: '\([^']*\)'.*/\1/p" "$T/v2/meson.build")
if flatpak-builder --user --repo="$T/repo" --state-dir="$T/state-v2" --disable-tests --force-clean \
     "$T/app-v2" "$T/v2/$MANIFEST" >"$log/update.log" 2>&1 &&
   flatpak --user update --noninteractive -y "$APP" >>"$log/update.log" 2>&1 &&
   cli --version 2>&1 | tee -a "$log/update.log" | grep -qF "$new_version" &&
   [ "$(stored_values)" = "$values_before" ] &&
   cli token status >>"$log/update.log" 2>&1 && grep -q 'An access token is stored' "$log/update.log"; then
  ok update-keeps-data
else
  fail update-keeps-data "version $new_version, $values_before values, the token" "$log/update.log"
fi

# --- forgetting the token ---------------------------------------------------
cli token clear >"$log/secret-forget.log" 2>&1 && cli token status >>"$log/secret-forget.log" 2>&1 &&
  grep -q 'No access token is stored' "$log/secret-forget.log" \
  && ok secret-forget || fail secret-forget "token clear, then status" "$log/secret-forget.log"

kill "$server_pid" "$monitor_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
exit $failed
