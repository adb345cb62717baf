#!/usr/bin/env python3
# Checks the Flatpak manifest: valid JSON with the finish-args and module we
# promise, a GNOME runtime branch that Flathub still supports, and, where
# flatpak-builder exists, that it parses the manifest without warnings (it
# exits 0 on unknown keys, so warnings are fatal here). That it builds and
# runs is the `flatpak` check of build-aux/run-tests.sh.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import subprocess
import sys

manifest_path, builder = sys.argv[1], sys.argv[2]
with open(manifest_path, encoding='utf-8') as f:
    manifest = json.load(f)

# The newest stable GNOME runtime branch as of December 2026: GNOME 51,
# released in September 2026, on Flathub since (48 went end-of-life on
# 2026-03-24, 49 follows when 52 is out in March 2027). A manifest on an
# older branch tells whoever installs Forbruk that its runtime is
# unsupported. Raise this when a newer GNOME is released.
NEWEST_STABLE_GNOME = 51

errors = []
if manifest.get('id', manifest.get('app-id')) != 'io.github.forbruk.Forbruk':
    errors.append('the app id must be io.github.forbruk.Forbruk')
if manifest.get('runtime') != 'org.gnome.Platform' or not str(manifest.get('runtime-version', '')).isdigit():
    errors.append('the runtime must be org.gnome.Platform with a numbered version')
elif int(manifest['runtime-version']) < NEWEST_STABLE_GNOME:
    errors.append(f'runtime-version {manifest["runtime-version"]} is older than the newest stable '
                  f'GNOME runtime, {NEWEST_STABLE_GNOME}')
if manifest.get('sdk') != 'org.gnome.Sdk':
    errors.append('the SDK must be org.gnome.Sdk (of the runtime\'s branch)')
expected_args = {'--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri'}
finish_args = set(manifest.get('finish-args', []))
if finish_args != expected_args:
    errors.append(f'finish-args must be exactly {sorted(expected_args)}, not {sorted(finish_args)}')
modules = manifest.get('modules', [])
if len(modules) != 1 or modules[0].get('name') != 'forbruk':
    errors.append('the app must be the only module')
elif not modules[0].get('run-tests'):
    errors.append('run-tests must be enabled')

if builder:
    result = subprocess.run([builder, '--show-manifest', manifest_path],
                            capture_output=True, text=True)
    if result.returncode != 0 or 'WARNING' in result.stderr:
        errors.append('flatpak-builder --show-manifest: ' + result.stderr.strip())
else:
    print('flatpak-builder not installed; checked the JSON only')

for error in errors:
    print(error)
sys.exit(1 if errors else 0)
