#!/usr/bin/env python3
"""The plain baseline of issue 8: the contract as a user would write it in a notebook.

Every execution scans every recipient; the incremental history is a dict; the send log
is a list of tuples. It implements the contract's daily and weekly schedulers (the
benchmark scenarios' frequencies), the birthday and all filters, incremental history,
recurring and continuous deliveries and the send-log precedence without tracking, and
prints the CLI's `totals` plus its own wall time, so the benchmark can check that both
models agree before it compares their speed.

usage: baseline.py SCENARIO.json
"""
import json
import sys
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def local_to_instant(tz, naive):
    # fold=0: first occurrence in an overlap, offset before the gap in a gap (PEP 495),
    # which is the contract's rule.
    return naive.replace(tzinfo=tz, fold=0).astimezone(timezone.utc)


def parse_dt(s):
    return datetime.fromisoformat(s)


def planned_slots(doc, tz):
    year = doc.get("year", 2026)
    sch = doc["workflow"]["scheduler"]
    start = date.fromisoformat(sch["start"]) if "start" in sch else date(year, 1, 1)
    end = date.fromisoformat(sch["end"]) if "end" in sch else date(year, 12, 31)
    every = sch.get("every", 1)
    times = [datetime.strptime(t, "%H:%M").time() for t in sch.get("times", [])]
    slots = set()
    d = start
    while d <= end:
        if sch["frequency"] == "daily":
            fire = (d - start).days % every == 0
        elif sch["frequency"] == "weekly":
            week0 = start - timedelta(days=start.weekday())
            weeks = (d - week0).days // 7
            fire = weeks % every == 0 and WEEKDAYS[d.weekday()] in sch.get("days", [])
        else:
            raise SystemExit("baseline: only daily and weekly schedulers")
        if fire:
            for t in times:
                at = local_to_instant(tz, datetime.combine(d, t))
                slots.add(at)
        d += timedelta(days=1)
    lo = local_to_instant(tz, datetime(year, 1, 1))
    hi = local_to_instant(tz, datetime(year + 1, 1, 1))
    return sorted(s for s in slots if lo <= s < hi)


def birthday_matches(bday, today, leap_day):
    if bday.month == 2 and bday.day == 29 and not is_leap(today.year):
        if leap_day == "mar1":
            return today.month == 3 and today.day == 1
        if leap_day == "feb28":
            return today.month == 2 and today.day == 28
        return False
    return bday.month == today.month and bday.day == today.day


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def run(doc):
    tz = ZoneInfo(doc.get("timezone", "UTC"))
    query = doc["workflow"].get("query", {})
    delivery = doc["workflow"].get("delivery", {})
    mode = delivery.get("mode", "recurring")
    recipients = []
    for r in doc.get("recipients", []):
        recipients.append({
            "id": r["id"],
            "created": local_to_instant(tz, parse_dt(r["created"])) if "created" in r else None,
            "birthday": date.fromisoformat(r["birthday"]) if "birthday" in r else None,
            "bounce": r.get("bounce", "none"),
            "unsubscribed": local_to_instant(tz, parse_dt(r["unsubscribed"])) if "unsubscribed" in r else None,
        })
    history = {}
    quarantined = {}
    broadlog = []
    deliveries = []
    current = None
    current_version = None
    changes = [local_to_instant(tz, parse_dt(c)) for c in delivery.get("content_changes", [])]
    for at in planned_slots(doc, tz):
        today = at.astimezone(tz).date()
        targeted = []
        for r in recipients:
            if r["created"] is not None and r["created"] > at:
                continue
            if query.get("filter", "all") == "birthday":
                if r["birthday"] is None or not birthday_matches(r["birthday"], today, query.get("leap_day", "mar1")):
                    continue
            if query.get("incremental", False):
                last = history.get(r["id"])
                days = query.get("history_days", 0)
                if last is not None and (days == 0 or at < last + timedelta(days=days)):
                    continue
            targeted.append(r)
        if query.get("incremental", False):
            for r in targeted:
                history[r["id"]] = at
        if not targeted:
            continue
        version = 1 + sum(1 for c in changes if c <= at)
        if mode == "recurring" or current is None or version != current_version:
            deliveries.append(at)
            current = len(deliveries)
            current_version = version
        for r in targeted:
            if r["unsubscribed"] is not None and r["unsubscribed"] <= at:
                status = "ignored"
            elif r["id"] in quarantined:
                status = "ignored"
            elif r["bounce"] == "hard":
                status = "failed"
                quarantined[r["id"]] = at
            else:
                status = "sent"
            broadlog.append((current, r["id"], at, status))
    return {"deliveries": len(deliveries), "broadlog": len(broadlog)}


def main():
    with open(sys.argv[1]) as f:
        text = f.read()
    t0 = time.perf_counter()
    totals = run(json.loads(text))
    elapsed = time.perf_counter() - t0
    print(json.dumps({"totals": totals, "seconds": elapsed}))


if __name__ == "__main__":
    main()
