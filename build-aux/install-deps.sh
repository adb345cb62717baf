#!/bin/sh
# Installs what Forbruk needs to build, run and test on Debian 12, and only
# what is missing, so running it again is quick. Needs root or sudo.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

# dbus-x11 is deliberately NOT installed: with it, a process that sees
# $DISPLAY but no session bus autolaunches one (plus at-spi and a keyring
# prompt) that outlives the run. See HACKING.md.
# The last two lines are the `flatpak` check's: mmdebstrap makes the
# stand-in runtime, the portals are what it drives, flatpak-builder strips
# with elfutils' eu-strip on the host (and the check reads a stuck app's
# stack with eu-stack).
PACKAGES="build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libsqlite3-dev
  gettext appstream desktop-file-utils libglib2.0-bin python3 tzdata ca-certificates
  xvfb xauth dbus gnome-keyring fonts-dejavu-core
  clang libclang-rt-14-dev valgrind sqlite3 flatpak-builder imagemagick xdotool xcompmgr
  flatpak bubblewrap ostree mmdebstrap fuse3 xdg-desktop-portal xdg-desktop-portal-gtk
  elfutils"

missing=""
for package in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
