#!/bin/sh
# Command 2 of the README: installs what is missing, then runs every check
# exactly as CI does, each under Xvfb, a private D-Bus session and a
# throw-away unlocked gnome-keyring, with fresh XDG directories:
#   main      -Dwerror=true build, the unit, ui and keyring suites
#   asan      the same suites in a -Db_sanitize=address,undefined build
#             (meson test --setup asan): memory errors, undefined behaviour
#             and leaks (see tests/lsan.supp; two ui tests skip the leak
#             check, see tests/meson.build)
#   fuzz      a clang -Dfuzzing=true build: the corpora replayed, then the
#             fuzz targets for FUZZ_SECONDS (60) in all, from their corpora
#   valgrind  the unit suite under memcheck (meson test --setup valgrind,
#             see tests/valgrind.supp), no definite leaks
#   flatpak   the manifest built with flatpak-builder against a stand-in
#             GNOME runtime made from Debian packages (cached in
#             /var/cache/forbruk-flatpak), the project's tests in the build
#             sandbox, then the sandboxed app driven through the Secret,
#             FileChooser and OpenURI portals (build-aux/flatpak-check.sh;
#             FLATPAK_SHOTS keeps its screenshots)
# It prints one line per check and, last, the total: "tests: N passed,
# N failed". A timed fuzz run counts as one test.
#
# Extra arguments go to `meson test` of the main check and, unless CHECKS
# says otherwise, skip the others: `./build-aux/run-tests.sh ui-window`.
# CHECKS="main asan" picks checks. BUILD, ASAN_BUILD and FUZZ_BUILD name the
# build directories.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh

if [ $# -gt 0 ]; then
  CHECKS=${CHECKS:-main}
else
  CHECKS=${CHECKS:-main asan fuzz valgrind flatpak}
fi
BUILD=${BUILD:-_build-ci}
ASAN_BUILD=${ASAN_BUILD:-_build-ci-asan}
FUZZ_BUILD=${FUZZ_BUILD:-_build-ci-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
export GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
# In CI a missing display or keyring is a failure, never a skip.
export FORBRUK_TEST_REQUIRE_DISPLAY=1 FORBRUK_TEST_REQUIRE_KEYRING=1

# Sets up (or reconfigures) a build directory and builds it, or only the
# given ninja targets.
build () {
  dir=$1; targets=$2; shift 2
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" --buildtype=debugoptimized "$@" >/dev/null
  fi
  # ninja regenerates a stale build.ninja itself, so new targets are found.
  # shellcheck disable=SC2086
  ninja -C "$dir" $targets
}

# Fuzzes one target for a number of seconds from its seed corpus. New
# inputs go to a scratch directory, never into the seeds. A crash is
# printed in full, to become a regression-NAME file of the corpus.
fuzz () {
  name=$1; corpus=$2; seconds=$3; shift 3
  mkdir -p "$T/fuzz-$name-corpus" "$T/fuzz-$name-crash"
  if "$FUZZ_BUILD/tests/fuzz/fuzz-$name" -max_total_time="$seconds" -artifact_prefix="$T/fuzz-$name-crash/" \
       -print_final_stats=1 "$@" "$T/fuzz-$name-corpus" "$corpus" >"$T/fuzz-$name.log" 2>&1; then
    grep -E '^(Done|stat::new_units_added)' "$T/fuzz-$name.log" || true
    echo "fuzz-$name-timed 1 0 0 $seconds" >>"$T/tally"
  else
    tail -n 60 "$T/fuzz-$name.log"
    for crash in "$T/fuzz-$name-crash"/*; do
      [ -f "$crash" ] && { echo "crashing input $(basename "$crash"), base64:"; base64 "$crash"; }
    done
    echo "fuzz-$name-timed 0 1 0 $seconds" >>"$T/tally"
    status=1
  fi
}

# Runs `meson test` in a private session with its own XDG directories. The
# keyring password only opens a keyring made with it, and D-Bus-activated
# services inherit the bus's environment, so the XDG variables are exported
# before dbus-run-session starts.
session_test () {
  home="$T/session-$1"; shift
  mkdir -p "$home/data" "$home/config" "$home/cache" "$home/state"
  mkdir -m 0700 "$home/run"
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  XDG_STATE_HOME="$home/state" XDG_RUNTIME_DIR="$home/run" \
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    dbus-run-session -- sh -ec '
      printf %s ci-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
      exec meson test --print-errorlogs "$@"' sh "$@"
}

# Adds a check's results, from meson's own log, to the tally, with the
# seconds since it started.
tally_log () {
  python3 - "$1" "$2" $(($(date +%s) - started)) >>"$T/tally" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[2], encoding='utf-8') as log:
    for line in log:
        result = json.loads(line)['result']
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1
print(sys.argv[1], passed, failed, skipped, sys.argv[3])
PY
}

status=0
: >"$T/tally"
for check in $CHECKS; do
  echo "=== $check"
  started=$(date +%s)
  case $check in
    main)
      build "$BUILD" "" -Dwerror=true
      session_test main -C "$BUILD" "$@" || status=1
      tally_log main "$BUILD/meson-logs/testlog.json"
      ;;
    asan)
      build "$ASAN_BUILD" "" -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false
      session_test asan -C "$ASAN_BUILD" --setup asan || status=1
      tally_log asan "$ASAN_BUILD/meson-logs/testlog-asan.json"
      ;;
    fuzz)
      # The gcc build is the -Werror gate; clang warns about other things.
      (export CC=clang; build "$FUZZ_BUILD" "tests/fuzz/fuzz-parse tests/fuzz/fuzz-text" -Dfuzzing=true)
      session_test fuzz -C "$FUZZ_BUILD" --no-rebuild --suite fuzz || status=1
      tally_log fuzz "$FUZZ_BUILD/meson-logs/testlog.json"
      # The API's bodies get three quarters of the time, the short texts the rest.
      fuzz parse tests/fuzz/corpus $((FUZZ_SECONDS * 3 / 4)) -max_len=8192 -dict=tests/fuzz/fuzz-parse.dict
      fuzz text tests/fuzz/corpus-text $((FUZZ_SECONDS - FUZZ_SECONDS * 3 / 4)) -max_len=1024
      ;;
    valgrind)
      build "$BUILD" "" -Dwerror=true
      session_test valgrind -C "$BUILD" --no-rebuild --setup valgrind --suite unit --no-suite data || status=1
      tally_log valgrind "$BUILD/meson-logs/testlog-valgrind.json"
      ;;
    flatpak)
      : >"$T/flatpak-results"
      if ! ./build-aux/flatpak-check.sh "$T/flatpak-results" "${FLATPAK_SHOTS:-$T/flatpak-shots}"; then
        status=1
        # A failure before any step could say so still counts.
        grep -q ' fail$' "$T/flatpak-results" || echo "flatpak-check fail" >>"$T/flatpak-results"
      fi
      # One line per step or test in the build sandbox: NAME ok|fail|skip.
      python3 - "$T/flatpak-results" $(($(date +%s) - started)) >>"$T/tally" <<'PY'
import sys
counts = {'ok': 0, 'fail': 0, 'skip': 0}
with open(sys.argv[1], encoding='utf-8') as results:
    for line in results:
        counts[line.split()[1]] += 1
print('flatpak', counts['ok'], counts['fail'], counts['skip'], sys.argv[2])
PY
      ;;
    *)
      echo "Unknown check “$check” in CHECKS (main, asan, fuzz, valgrind, flatpak)." >&2
      exit 2
      ;;
  esac
done

# One line per check, then the one summary line that CI and people read.
python3 - "$T/tally" <<'PY'
import sys
total_passed = total_failed = total_skipped = 0
with open(sys.argv[1], encoding='utf-8') as tally:
    for line in tally:
        name, passed, failed, skipped, seconds = line.split()
        passed, failed, skipped = int(passed), int(failed), int(skipped)
        total_passed += passed
        total_failed += failed
        total_skipped += skipped
        print(f'{name}: {passed} passed, {failed} failed' + (f', {skipped} skipped' if skipped else '')
              + f' ({seconds} s)')
print(f'tests: {total_passed} passed, {total_failed} failed'
      + (f', {total_skipped} skipped' if total_skipped else ''))
PY
exit $status
