#!/usr/bin/env python3
# bench-startup.py: from exec to the first frame that shows stored data
#
# Usage: bench-startup.py BUILD_DIR [RUNS]   (meson test --benchmark startup)
#
# Re-runs itself under a private Xvfb, D-Bus session and unlocked
# gnome-keyring with fresh XDG directories, like build-aux/run-tests.sh.
# There it starts `forbruk-cli demo-server` (real clock), stores the demo
# token in the keyring as a user would (`forbruk-cli token set`), fills the
# store with the last three years of all three meters (`forbruk-cli values`,
# both directions) and sets the window to those meters and that period. Then
# it starts `forbruk` RUNS times with FORBRUK_API_URL at the server and
# FORBRUK_BENCH_EXIT_AFTER_FIRST_FRAME=1 (src/ui/fbk-bench-hook.c): the first
# frame with stored data prints its CLOCK_MONOTONIC time and the resident
# memory (VmRSS, VmHWM), and the app quits. The time counts from just
# before the process is started, on the same clock.
#
# Each renderer is measured: GTK's default, GL (Mesa's llvmpipe under Xvfb,
# which compiles its shaders with LLVM), and cairo (what a machine without
# usable GL gets, and what the test suites use). After each, the same for an
# empty libadwaita window (bench-startup-baseline.c): the part of start-up
# that GTK, libadwaita and the renderer take whatever the app does.
#
# Then, on an empty store each time, the window fetching those three years
# (FORBRUK_BENCH_EXIT_AFTER_FETCH=1): how long it takes and the longest time
# its main loop went without a dispatch meanwhile; and the same on the store
# that leaves, where only the last hours are asked for again.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DEMO_TOKEN_HEADER = 'Token: '


def in_private_session(build, runs):
    home = tempfile.mkdtemp(prefix='forbruk-bench-startup-')
    try:
        env = dict(os.environ)
        for name in ('DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'FORBRUK_TOKEN',
                     'FORBRUK_DEMO_NOW', 'G_MESSAGES_DEBUG'):
            env.pop(name, None)
        for variable in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR'):
            env[variable] = os.path.join(home, variable)
            os.makedirs(env[variable], mode=0o700)
        env.update(GTK_A11Y='none', NO_AT_BRIDGE='1', GSETTINGS_BACKEND='keyfile',
                   GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'), FORBRUK_BENCH_IN_SESSION='1')
        return subprocess.call(['xvfb-run', '-a', '-s', '-screen 0 1280x1024x24 -nolisten tcp',
                                'dbus-run-session', '--', sys.executable, __file__, build, str(runs)],
                               env=env)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def prepare(build):
    cli = os.path.join(build, 'src', 'cli', 'forbruk-cli')
    subprocess.run(['gnome-keyring-daemon', '--unlock', '--components=secrets'], input=b'bench',
                   stdout=subprocess.DEVNULL, check=True)

    server = subprocess.Popen([cli, 'demo-server', '--port', '0'], stdout=subprocess.PIPE, text=True)
    url = token = None
    while url is None or token is None:
        line = server.stdout.readline()
        if not line:
            sys.exit('forbruk-cli demo-server ended early')
        found = re.search(r'http://127\.0\.0\.1:\d+', line)
        if found:
            url = found.group(0)
        if line.startswith(DEMO_TOKEN_HEADER):
            token = line[len(DEMO_TOKEN_HEADER):].strip()

    subprocess.run([cli, '--api-url', url, 'token', 'set'], input=token, text=True, check=True,
                   stdout=subprocess.DEVNULL)
    today = datetime.date.today()
    # A little more than three years: what lies before Elvia's limit is
    # dropped, and the window's period is covered whatever the day.
    first = today - datetime.timedelta(days=3 * 366)
    for direction in ([], ['--production']):
        subprocess.run([cli, '--api-url', url, 'values', '--from', first.isoformat(), '--to', today.isoformat(),
                        '-o', os.devnull] + direction, check=True)

    settings = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(settings, exist_ok=True)
    meters = subprocess.run([cli, '--api-url', url, 'meters'], capture_output=True, text=True, check=True)
    ids = [line.split('\t')[0] for line in meters.stdout.splitlines() if line.strip()]
    with open(os.path.join(settings, 'keyfile'), 'w', encoding='utf-8') as keyfile:
        keyfile.write('[io/github/forbruk/Forbruk]\n')
        keyfile.write("picked-meters=[%s]\n" % ', '.join("'%s'" % i for i in ids))
        keyfile.write("period='last-3-years'\n")
        keyfile.write('window-width=1280\nwindow-height=800\n')

    store = os.path.join(os.environ['XDG_DATA_HOME'], 'forbruk', 'forbruk.db')
    print('store: %s, %.1f MiB; meters: %s' % (store, os.path.getsize(store) / 2**20, ', '.join(ids)))
    return server, url


def print_line(label, values, unit):
    print('%-56s min %9.1f %s   median %9.1f %s   max %9.1f %s   (%d runs)'
          % (label, min(values), unit, statistics.median(values), unit, max(values), unit, len(values)))


def measure(program, url, runs, renderer, what):
    env = dict(os.environ, FORBRUK_API_URL=url, FORBRUK_BENCH_EXIT_AFTER_FIRST_FRAME='1',
               GSK_RENDERER=renderer)
    times, rss, hwm = [], [], []
    for _ in range(runs):
        started = time.monotonic_ns()
        done = subprocess.run([program], env=env, capture_output=True, text=True, timeout=120)
        found = re.search(r'first-frame-us=(\d+) vmrss-kb=(\d+) vmhwm-kb=(\d+)', done.stdout)
        if done.returncode != 0 or not found:
            sys.exit('%s did not report a first frame (exit %d):\n%s%s'
                     % (program, done.returncode, done.stdout, done.stderr))
        times.append(int(found.group(1)) / 1000 - started / 1e6)
        rss.append(int(found.group(2)) / 1024)
        hwm.append(int(found.group(3)) / 1024)

    print_line('%s: exec to first frame %s' % (renderer, what), times, 'ms ')
    print_line('%s: VmRSS at that frame' % renderer, rss, 'MiB')
    print_line('%s: VmHWM at that frame' % renderer, hwm, 'MiB')


def measure_fetch(program, url, runs, renderer, cold):
    """Starts forbruk RUNS times with a 1 ms timeout measuring how long its
    main loop goes without a dispatch. On a cold (emptied) store the window
    fetches the three years of all three meters; on a warm one it opens on
    them and asks only for the unverified last hours: the same frames with
    little data arriving."""
    env = dict(os.environ, FORBRUK_API_URL=url, FORBRUK_BENCH_EXIT_AFTER_FETCH='1',
               GSK_RENDERER=renderer)
    store = os.path.join(os.environ['XDG_DATA_HOME'], 'forbruk', 'forbruk.db')
    fetch, longest, longest_cpu, long_stalls = [], [], [], []
    for _ in range(runs):
        for suffix in ('', '-wal', '-shm'):
            if cold and os.path.exists(store + suffix):
                os.remove(store + suffix)
        done = subprocess.run([program], env=env, capture_output=True, text=True, timeout=120)
        found = re.search(r'fetch-us=(\d+) longest-stall-us=(\d+) its-cpu-us=(\d+) long-stalls=(\d+)', done.stdout)
        if done.returncode != 0 or not found:
            sys.exit('%s did not report a fetch (exit %d):\n%s%s'
                     % (program, done.returncode, done.stdout, done.stderr))
        fetch.append(int(found.group(1)) / 1000)
        longest.append(int(found.group(2)) / 1000)
        longest_cpu.append(int(found.group(3)) / 1000)
        long_stalls.append(int(found.group(4)))

    store_state = 'cold' if cold else 'warm'
    print_line('%s, %s: first frame to 3 years shown' % (renderer, store_state), fetch, 'ms ')
    print_line('%s, %s: longest main-loop stall meanwhile' % (renderer, store_state), longest, 'ms ')
    print_line('%s, %s: main thread running in that stall' % (renderer, store_state), longest_cpu, 'ms ')
    print_line('%s, %s: stalls longer than a 60 Hz frame' % (renderer, store_state), long_stalls, '   ')


def main():
    build = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    if os.environ.get('FORBRUK_BENCH_IN_SESSION') != '1':
        return in_private_session(build, runs)

    server, url = prepare(build)
    try:
        for renderer in ('gl', 'cairo'):
            measure(os.path.join(build, 'src', 'forbruk'), url, runs, renderer, 'with stored data')
            # The floor: an empty libadwaita window, measured the same way.
            measure(os.path.join(build, 'tests', 'bench-startup-baseline'), url, runs, renderer,
                    'of an empty window')
        # Last, as the cold runs empty the store each time (the last of them
        # leaves it full for the warm runs).
        for renderer in ('gl', 'cairo'):
            for cold in (True, False):
                measure_fetch(os.path.join(build, 'src', 'forbruk'), url, runs, renderer, cold)
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == '__main__':
    sys.exit(main())
