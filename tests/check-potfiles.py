#!/usr/bin/env python3
# Fails when a source or .ui file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
# SPDX-License-Identifier: GPL-3.0-or-later
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = set()
for line in (root / 'po' / 'POTFILES.in').read_text().splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.add(line)

c_marker = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')
ui_marker = re.compile(r'translatable="yes"')

needed = set()
for path in sorted((root / 'src').rglob('*')):
    if path.suffix in ('.c', '.h') and c_marker.search(path.read_text(encoding='utf-8')):
        needed.add(path.relative_to(root).as_posix())
    elif path.suffix == '.ui' and ui_marker.search(path.read_text(encoding='utf-8')):
        needed.add(path.relative_to(root).as_posix())
for path in sorted((root / 'data').glob('*.in*')) + sorted((root / 'data').glob('*.gschema.xml')):
    needed.add(path.relative_to(root).as_posix())

status = 0
for missing in sorted(needed - listed):
    print(f'missing from po/POTFILES.in: {missing}')
    status = 1
for stale in sorted(listed):
    if not (root / stale).exists():
        print(f'po/POTFILES.in names a file that does not exist: {stale}')
        status = 1
lines = [l for l in (root / 'po' / 'POTFILES.in').read_text().splitlines() if l and not l.startswith('#')]
if lines != sorted(lines):
    print('po/POTFILES.in is not sorted')
    status = 1
print(f'{len(needed)} files with translatable strings, all listed' if status == 0 else 'POTFILES check failed')
sys.exit(status)
