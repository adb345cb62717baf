#!/bin/sh
# Makes a stand-in for the GNOME runtime and SDK that the Flatpak manifest
# names, from Debian 12's own packages, because Flathub cannot be reached
# here: org.gnome.Platform and org.gnome.Sdk, with the manifest's branch, in
# a local ostree repository. It proves the manifest, the sandbox permissions
# and the portals; it does not prove the GNOME runtime's library versions
# (these are Debian 12's: GTK 4.8, libadwaita 1.2, GLib 2.74).
#
# Prints the repository's path. The repository is kept under CACHE_DIR
# (/var/cache/forbruk-flatpak), named by a hash of this script and the
# manifest's branch, so a second run on the same machine only prints it;
# older ones are removed.
#
#   Platform: what the app needs at run time (GTK 4, libadwaita, libsoup 3,
#             json-glib, libsecret, SQLite, glib-networking, Mesa, fonts,
#             icons and their SVG loader, time zones), made with mmdebstrap
#             --variant=minbase;
#   Sdk:      the Platform plus what building and testing Forbruk needs
#             (compilers, meson, headers, gettext, appstream,
#             desktop-file-utils, appstream-util for flatpak-builder's
#             appstream-compose, dbus-daemon for the tests' private
#             session bus, see tests/meson.build).
#
# Each becomes a Flatpak runtime: its files are the tree's /usr, with the
# tree's /etc as /usr/etc (Flatpak mounts a runtime's /usr/etc as /etc), a metadata file
# names the runtime and SDK, and ldconfig's cache is made for the tree.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

MANIFEST=flatpak/io.github.forbruk.Forbruk.json
CACHE_DIR=${CACHE_DIR:-/var/cache/forbruk-flatpak}
ARCH=$(flatpak --default-arch)
BRANCH=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["runtime-version"])' "$MANIFEST")

PLATFORM_PACKAGES="libgtk-4-1 libadwaita-1-0 libsoup-3.0-0 libjson-glib-1.0-0 libsecret-1-0
  libsqlite3-0 glib-networking libglib2.0-bin ca-certificates locales gsettings-desktop-schemas
  shared-mime-info tzdata fonts-cantarell fonts-dejavu-core adwaita-icon-theme hicolor-icon-theme
  librsvg2-common libgl1-mesa-dri libglx-mesa0 libegl-mesa0"
SDK_PACKAGES="build-essential meson ninja-build pkg-config libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libsqlite3-dev gettext appstream
  desktop-file-utils appstream-util python3 dbus-daemon"

key=$( (cat "$0"; echo "$BRANCH $ARCH") | sha256sum | cut -c1-16)
repo="$CACHE_DIR/runtime-$key"
# One run at a time makes it; the others wait for it and use it.
mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/lock"
flock 9
if [ -f "$repo/complete" ]; then
  echo "$repo"
  exit 0
fi

for old in "$CACHE_DIR"/runtime-*; do
  [ -e "$old" ] && [ "$old" != "$repo" ] && rm -rf "$old"
done
rm -rf "$repo"
work=$(mktemp -d "$CACHE_DIR/work.XXXXXX")
# One file system: an interrupted mmdebstrap leaves /proc, /sys and /dev
# mounted in its tree.
trap 'rm -rf --one-file-system "$work"' EXIT
trap 'exit 130' INT TERM

comma () { echo "$@" | tr -s ' \n' ','; }

# Documentation and other languages' messages are no use in a test runtime
# and only slow the ostree commit; Bokmål and Nynorsk are kept.
strap () {
  mmdebstrap --mode=root --format=directory --quiet \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/nb/*' --dpkgopt='path-include=/usr/share/locale/nn/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --setup-hook="mkdir -p '$work/debs' \"\$1\"/var/cache/apt/archives" \
    --setup-hook="sync-in '$work/debs' /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives '$work/debs'" \
    "$@" \
    "deb http://deb.debian.org/debian bookworm main" \
    "deb http://deb.debian.org/debian bookworm-updates main" \
    "deb http://deb.debian.org/debian-security bookworm-security main" >&2
}

echo "Making the stand-in org.gnome.Platform//$BRANCH and org.gnome.Sdk//$BRANCH from Debian packages" >&2
# flatpak-builder builds with LC_ALL=en_US.utf8, which the GNOME SDK has;
# Forbruk's own languages come along.
strap --variant=minbase --include="$(comma $PLATFORM_PACKAGES)" \
  --customize-hook='printf "en_US.UTF-8 UTF-8\nnb_NO.UTF-8 UTF-8\nnn_NO.UTF-8 UTF-8\n" >"$1/etc/locale.gen"' \
  --customize-hook='chroot "$1" locale-gen' \
  bookworm "$work/platform-root"
# The SDK is the Platform plus the build packages, so the two cannot drift.
strap --variant=custom --skip=check/empty --include="$(comma $SDK_PACKAGES)" \
  --setup-hook="cp -a '$work/platform-root/.' \"\$1\"/" bookworm "$work/sdk-root"

# Turns a root tree into a runtime build directory and exports it.
export_runtime () {
  root=$1; name=$2; dir="$work/$name"
  mkdir -p "$dir"
  # /app/lib first, as in the freedesktop runtime: an app's own libraries.
  printf '/app/lib\n' >"$root/etc/ld.so.conf.d/0-flatpak-app.conf"
  ldconfig -r "$root"
  mv "$root/usr" "$dir/usr"
  cp -a "$root/etc" "$dir/usr/etc"
  cat >"$dir/metadata" <<EOF
[Runtime]
name=$name
runtime=org.gnome.Platform/$ARCH/$BRANCH
sdk=org.gnome.Sdk/$ARCH/$BRANCH
EOF
  flatpak build-export --runtime --files=usr --no-update-summary "$work/repo" "$dir" "$BRANCH" >&2
  rm -rf "$dir" "$root"
}

# bare-user-only: nothing to compress, and a local install hard-links
# from it (seconds instead of minutes); it is only ever used by file://.
ostree init --mode=bare-user-only --repo="$work/repo"
export_runtime "$work/platform-root" org.gnome.Platform
export_runtime "$work/sdk-root" org.gnome.Sdk
flatpak build-update-repo "$work/repo" >&2

mv -T "$work/repo" "$repo"
touch "$repo/complete"
echo "$repo"
