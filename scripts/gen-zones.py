#!/usr/bin/env python3
"""Generate the engine's time-zone tables from the system tzdata (Python 3.11+, stdlib only).

    scripts/gen-zones.py [--zoneinfo /usr/share/zoneinfo]

Reads the TZif v2+ file of every zone name `zoneinfo.available_timezones()` lists
(except `localtime`, a Debian symlink to the machine's own zone, not an IANA name) and
writes two tables next to the module that reads them (src/tz/):

  zones.bin      every zone (native builds: the command-line tool and the tests)
  zones-web.bin  only the names in src/tz/web-zones.txt (the wasm build)

Per zone, a table keeps:
  - the UTC offset in force on 1899-12-31T00:00Z (the cut: local 1900-01-01 00:00 is
    after it in every zone), and the transitions from the cut on, where the UTC offset
    changes (a change of abbreviation or DST flag alone is dropped: the engine needs
    offsets only);
  - the TZif footer, the POSIX TZ rule for instants after the last kept transition.
    Trailing transitions the rule reproduces are dropped (what `zic -b slim` does), so
    e.g. Europe/Paris keeps its table up to 1996 and the rule gives every later year;
    a rule is tested against Python's zoneinfo reading a TZif built from the rule alone.

Zones with identical data (links such as US/Eastern -> America/New_York, and zones that
differ only before the cut) share one record.

Format (all integers are LEB128 varints; "zz" = zigzag-encoded signed):
  b"TZC1", len + tzdata version, zz cut, n_zones,
  per zone: record length, then
    len + footer, n_offsets, zz offset (seconds east of UTC)..., index of the initial
    offset, n_transitions, the transition instants as deltas (the first from the cut;
    a delta d is written 2*(d/60)+1 when it is a whole number of minutes, else 2*d),
    then one byte per transition: the index of the offset in force from it;
  n_names, per name (sorted): len + name, zone index.
"""

import argparse
import bisect
import datetime
import gzip
import io
import os
import struct
import sys
import zoneinfo

CUT = -2209075200  # 1899-12-31T00:00:00Z
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "engine", "tz")
DAY = 86400


def read_tzif(path):
    """(transition times, type indices, [(utoff, isdst, abbrind)], footer) of the v2+ data."""
    with open(path, "rb") as f:
        b = f.read()
    if b[:4] != b"TZif":
        raise ValueError(f"{path}: not a TZif file")

    def counts(off):
        return struct.unpack(">6l", b[off + 20 : off + 44])

    isut, isstd, leap, timecnt, typecnt, charcnt = counts(0)
    off = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    if b[off : off + 4] != b"TZif" or b[4] < ord("2"):
        raise ValueError(f"{path}: no version 2+ data")
    isut, isstd, leap, timecnt, typecnt, charcnt = counts(off)
    if leap:
        raise ValueError(f"{path}: leap seconds (a right/ file?)")
    p = off + 44
    times = list(struct.unpack(f">{timecnt}q", b[p : p + 8 * timecnt]))
    p += 8 * timecnt
    idx = list(b[p : p + timecnt])
    p += timecnt
    types = [struct.unpack(">lBB", b[p + 6 * i : p + 6 * i + 6]) for i in range(typecnt)]
    p += 6 * typecnt + charcnt + isstd + isut
    footer = b[p:].strip(b"\n").decode("ascii")
    return times, idx, types, footer


def tzif_from(trans, offs, footer):
    """A minimal TZif v2 file (one type per distinct offset), for zoneinfo to evaluate."""
    types = sorted(set(offs))
    chars = b"X\0"
    v1 = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, 0, 1, len(chars))
    v1 += struct.pack(">lBB", types[0], 0, 0) + chars
    v2 = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, len(trans), len(types), len(chars))
    v2 += struct.pack(f">{len(trans)}q", *trans) + bytes(types.index(o) for o in offs)
    v2 += b"".join(struct.pack(">lBB", o, 0, 0) for o in types) + chars
    return v1 + v2 + b"\n" + footer.encode("ascii") + b"\n"


def utcoffset(zone, t):
    return int(datetime.datetime.fromtimestamp(t, zone).utcoffset().total_seconds())


def rule_only(footer, offset):
    """zoneinfo evaluating the footer alone (one transition at the dawn of time)."""
    return zoneinfo.ZoneInfo.from_file(io.BytesIO(tzif_from([-(2**40)], [offset], footer)))


def model(root, name):
    """(initial offset, [(instant, offset)], footer) for one zone name."""
    times, idx, types, footer = read_tzif(os.path.join(root, name))
    zone = zoneinfo.ZoneInfo(name)
    initial = utcoffset(zone, CUT)
    trans = []
    current = initial
    for t, i in zip(times, idx):
        o = types[i][0]
        if t <= CUT or o == current:
            continue
        trans.append((t, o))
        current = o
    # Self-check: what is kept gives zoneinfo's offsets on both sides of every
    # transition of the file after the cut.
    starts = [t for t, _ in trans]
    for t in times:
        if t > CUT:
            for u in (t - 1, t):
                want = utcoffset(zone, u)
                k = bisect.bisect_right(starts, u)
                got = trans[k - 1][1] if k else initial
                if got != want:
                    raise AssertionError(f"{name}: {got} != {want} at {u}")
    if not footer:
        raise ValueError(f"{name}: no TZif footer")
    rule = rule_only(footer, initial)
    if not trans:
        if utcoffset(rule, CUT) != initial:
            raise AssertionError(f"{name}: no transition and the rule disagrees")
        return initial, trans, footer
    # The rule takes over at the last kept transition (zoneinfo: after it): it must
    # give that transition's offset there.
    if utcoffset(rule, trans[-1][0]) != trans[-1][1]:
        raise AssertionError(f"{name}: the rule disagrees at the last transition")
    # Drop the last transition while the rule gives the offset of the one before it
    # over the whole span between them (both ends and every day).
    m = len(trans)
    while m > 1:
        (a, o), (b, _) = trans[m - 2], trans[m - 1]
        if all(utcoffset(rule, t) == o for t in [a, b - 1, *range(a, b, DAY)]):
            m -= 1
        else:
            break
    return initial, trans[:m], footer


def uv(x):
    if x < 0:
        raise ValueError("negative varint")
    out = bytearray()
    while True:
        b, x = x & 0x7F, x >> 7
        if x:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zz(x):
    return uv(2 * x if x >= 0 else -2 * x - 1)


def text(s):
    b = s.encode("ascii")
    return uv(len(b)) + b


def zone_record(initial, trans, footer):
    offs = sorted({initial, *(o for _, o in trans)})
    if len(offs) > 255 or any(abs(o) >= 25 * 3600 for o in offs):
        raise ValueError("offsets out of range")
    rec = bytearray(text(footer))
    rec += uv(len(offs)) + b"".join(zz(o) for o in offs) + uv(offs.index(initial))
    rec += uv(len(trans))
    prev = CUT
    for t, _ in trans:
        d, prev = t - prev, t
        rec += uv(2 * (d // 60) + 1) if d % 60 == 0 else uv(2 * d)
    rec += bytes(offs.index(o) for _, o in trans)
    return uv(len(rec)) + bytes(rec)


def table(version, models, names):
    records, index = [], {}
    for n in names:
        key = models[n]
        if key not in index:
            index[key] = len(records)
            records.append(zone_record(*key))
    out = bytearray(b"TZC1" + text(version) + zz(CUT) + uv(len(records)))
    out += b"".join(records)
    out += uv(len(names)) + b"".join(text(n) + uv(index[models[n]]) for n in names)
    return bytes(out), len(records)


def tzdata_version(root):
    with open(os.path.join(root, "tzdata.zi"), encoding="ascii") as f:
        first = f.readline().split()
    if first[:2] != ["#", "version"]:
        raise ValueError("tzdata.zi: no version line")
    return first[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zoneinfo", default="/usr/share/zoneinfo")
    args = ap.parse_args()
    if list(zoneinfo.TZPATH[:1]) != [args.zoneinfo]:
        zoneinfo.reset_tzpath([args.zoneinfo])
    version = tzdata_version(args.zoneinfo)
    names = sorted(n for n in zoneinfo.available_timezones() if n != "localtime")
    with open(os.path.join(OUT, "web-zones.txt"), encoding="ascii") as f:
        web = sorted(line.strip() for line in f if line.strip() and not line.startswith("#"))
    missing = sorted(set(web) - set(names))
    if missing:
        sys.exit(f"web-zones.txt names zones the tzdata does not have: {missing}")
    models = {}
    for n in names:
        initial, trans, footer = model(args.zoneinfo, n)
        models[n] = (initial, tuple(trans), footer)
    for file, ns in (("zones.bin", names), ("zones-web.bin", web)):
        data, zones = table(version, models, ns)
        with open(os.path.join(OUT, file), "wb") as f:
            f.write(data)
        kept = sum(len(models[n][1]) for n in ns)
        print(
            f"{file}: tzdata {version}, {len(ns)} names, {zones} distinct zones, "
            f"{kept} transitions by name; {len(data)} bytes, {len(gzip.compress(data, 9))} gzip -9"
        )


if __name__ == "__main__":
    main()
