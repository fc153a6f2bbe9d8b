#!/usr/bin/env python3
"""Build tests/zones/zoneinfo.txt, the reference for tests/zones_zoneinfo.rs (stdlib only).

    scripts/gen-zone-fixture.py [--zoneinfo /usr/share/zoneinfo]

For every zone name `zoneinfo.available_timezones()` lists (except `localtime`), it
records what Python's zoneinfo says, independently of the engine's tables and rule
evaluator (zoneinfo reads the same TZif files, and evaluates the footer's POSIX rule
after their table with its own code):

- every instant from 1899-12-31T00:00Z to 2201-01-02T00:00Z at which the UTC offset
  changes, with the offset before and from it. They are found by sampling
  `utcoffset` every day and at both sides of each transition time listed in the TZif
  file (so that a change and its reversal within one day are not missed), then
  bisecting to the exact second wherever two samples differ;
- local -> instant conversions around every transition of 2026, 2100, 2150 and 2200 of
  the zones with a DST rule: the local times just before, at, inside and just after each
  gap or overlap, converted with fold=0 (Python's reading of a gap with the offset before
  it, and the first occurrence in an overlap: the contract's rule), each also checked
  against the rule emulated from the two offsets.

Names whose TZif files are byte-identical share one entry.

Format, one record per line:
  Z name name ...        a zone entry and the names it covers
  I offset               UTC offset (seconds east) at the start of the range
  T delta offset ...     transitions: seconds since the previous one (the first: since
                         the start of the range) and the offset from it, pairs repeated
  L local instant        a local date-time (YYYY-MM-DDTHH:MM:SS) and its instant
"""

import argparse
import datetime
import hashlib
import os
import struct
import zoneinfo

FROM = -2209075200  # 1899-12-31T00:00:00Z
TO = 7289654400  # 2201-01-02T00:00:00Z
DAY = 86400
LOCAL_YEARS = (2026, 2100, 2150, 2200)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "zones", "zoneinfo.txt")
EPOCH = datetime.datetime(1970, 1, 1)


def tzif_times(path):
    """The transition times of the TZif v2+ data block (times only: the offsets come
    from zoneinfo)."""
    with open(path, "rb") as f:
        b = f.read()
    isut, isstd, leap, timecnt, typecnt, charcnt = struct.unpack(">6l", b[20:44])
    off = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    timecnt = struct.unpack(">6l", b[off + 20 : off + 44])[3]
    return struct.unpack(f">{timecnt}q", b[off + 44 : off + 44 + 8 * timecnt])


def transitions(zone, extra):
    def off(t):
        return int(datetime.datetime.fromtimestamp(t, zone).utcoffset().total_seconds())

    probes = set(range(FROM, TO + 1, DAY)) | {TO}
    for t in extra:
        if FROM < t <= TO:
            probes.update((t - 1, t))
    probes = sorted(probes)
    offs = [off(t) for t in probes]
    found = []

    def split(a, oa, b, ob):
        # Offsets differ at a < b: find the first instant in (a, b] with a change.
        lo, hi = a, b  # off(lo) == oa, invariant: a change lies in (lo, hi]
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if off(mid) == oa:
                lo = mid
            else:
                hi = mid
        o = off(hi)
        found.append((hi, oa, o))
        if o != ob:
            split(hi, o, b, ob)

    for i in range(1, len(probes)):
        if offs[i] != offs[i - 1]:
            split(probes[i - 1], offs[i - 1], probes[i], offs[i])
    return offs[0], found, off


def local_probes(zone, found, off):
    """(local text, instant) pairs around the transitions of LOCAL_YEARS."""
    out = []
    for t, before, after in found:
        year = (EPOCH + datetime.timedelta(seconds=t)).year
        if year not in LOCAL_YEARS:
            continue
        lo, hi = t + min(before, after), t + max(before, after)
        for local in sorted({lo - 1, lo, (lo + hi) // 2, hi - 1, hi, hi + 3600}):
            naive = EPOCH + datetime.timedelta(seconds=local)
            instant = int(naive.replace(tzinfo=zone, fold=0).timestamp())
            # The contract's rule, emulated: the earliest instant whose local time is
            # `local`, else (a gap) `local` read with the offset before the gap.
            valid = [local - o for o in (before, after) if off(local - o) == o]
            emulated = min(valid) if valid else local - before
            if instant != emulated:
                raise AssertionError(f"{zone.key} {naive}: fold=0 {instant}, rule {emulated}")
            out.append((naive.strftime("%Y-%m-%dT%H:%M:%S"), instant))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zoneinfo", default="/usr/share/zoneinfo")
    args = ap.parse_args()
    zoneinfo.reset_tzpath([args.zoneinfo])
    with open(os.path.join(args.zoneinfo, "tzdata.zi"), encoding="ascii") as f:
        version = f.readline().split()[2]
    names = sorted(n for n in zoneinfo.available_timezones() if n != "localtime")
    groups = {}
    for n in names:
        with open(os.path.join(args.zoneinfo, n), "rb") as f:
            groups.setdefault(hashlib.sha256(f.read()).digest(), []).append(n)
    lines = [
        f"# zoneinfo reference, tzdata {version}, by scripts/gen-zone-fixture.py: "
        f"{len(names)} names, {len(groups)} entries, offsets from {FROM} to {TO}"
    ]
    n_trans = n_local = 0
    for group in sorted(groups.values()):
        zone = zoneinfo.ZoneInfo(group[0])
        initial, found, off = transitions(zone, tzif_times(os.path.join(args.zoneinfo, group[0])))
        lines.append("Z " + " ".join(group))
        lines.append(f"I {initial}")
        prev, pairs = FROM, []
        for t, _, o in found:
            pairs.append(f"{t - prev} {o}")
            prev = t
        for i in range(0, len(pairs), 16):
            lines.append("T " + " ".join(pairs[i : i + 16]))
        probes = local_probes(zone, found, off)
        lines.extend(f"L {text} {instant}" for text, instant in probes)
        n_trans += len(found)
        n_local += len(probes)
    lines[0] += f", {n_trans} transitions, {n_local} local conversions"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")
    print(lines[0])


if __name__ == "__main__":
    main()
