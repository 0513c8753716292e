#!/usr/bin/env python3
"""Lines up the disk's slow syncs with the contention scenario's races.

Record the syncs while the scenario runs, then give this script the two files:

    date +%T.%N > start.txt
    perf trace -a --duration 8 -e fsync,fdatasync,pwrite64,pwritev -o syncs.txt &
    bench/run.sh contention; pkill -INT -f 'perf trace'
    python3 bench/races-vs-syncs.py start.txt syncs.txt bench/results/contention.txt

Prints every race whose slowest request took over 45 ms, and every race that a sync of over 8 ms overlapped,
with those syncs (process, call, duration). perf trace prints some calls interrupted by another event with a
meaningless duration; those are left out.
"""
import re
import sys


def seconds(hms):
    h, m, s = hms.split(':')
    return int(h) * 3600 + int(m) * 60 + float(s)


def main(start_file, trace_file, result_file):
    start = seconds(open(start_file).read().strip())
    syncs = []
    for line in open(trace_file):
        m = re.match(r'\s*([\d.]+) \(\s*([\d.]+) ms\): (\S+?)/\d+ .*?(\w+)\(', line)
        if not m or float(m.group(2)) > 1e6:
            continue
        began = start + float(m.group(1)) / 1000
        syncs.append((began, began + float(m.group(2)) / 1000, float(m.group(2)), m.group(3), m.group(4)))
    text = open(result_file).read()
    races = slow = slow_on_postgres = 0
    for phase, line in zip(('same slot', 'last seats'), re.findall(r'each race \(began at; p50 / max in ms\): (.*)', text)):
        for race in line.split(', '):
            hms, p50, _, slowest = race.split()
            b = seconds(hms)
            e = b + float(slowest) / 1000
            hits = [f'{who} {call} {ms:.0f} ms' for (s0, s1, ms, who, call) in syncs if s0 < e and s1 > b]
            races += 1
            if float(slowest) > 45:
                slow += 1
                slow_on_postgres += any(h.startswith('postgres') for h in hits)
            if float(slowest) > 45 or hits:
                print(f'{phase} race at {hms}: p50 {p50} ms, slowest {slowest} ms; syncs over 8 ms meanwhile: {hits or "none"}')
    print(f'{races} races, {slow} with a request over 45 ms, {slow_on_postgres} of them overlapped by a PostgreSQL sync over 8 ms')


if __name__ == '__main__':
    main(*sys.argv[1:4])
