#!/usr/bin/env python3
"""Writes a benchmark scenario with an explicit recipient base, so the engine and the
baseline read exactly the same document.

usage: gen_scenario.py KIND N OUT.json   (KIND: weekly | birthday | continuous)
"""
import json
import random
import sys


def main():
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(42)
    recipients = []
    for i in range(1, n + 1):
        r = {
            "id": i,
            "email": f"user{i}@example.test",
            "birthday": f"19{rng.randint(50, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        # A fifth joins during the year; a few bounce hard; a few opted out.
        if rng.random() < 0.2:
            r["created"] = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        else:
            r["created"] = "2025-06-01T00:00"
        if rng.random() < 0.01:
            r["bounce"] = "hard"
        if rng.random() < 0.01:
            r["unsubscribed"] = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T12:00"
        recipients.append(r)
    if kind == "weekly":
        workflow = {
            "scheduler": {"frequency": "weekly", "days": ["mon"], "times": ["09:00"]},
            "query": {"filter": "all"},
            "delivery": {"mode": "recurring", "label": "Newsletter"},
        }
    elif kind == "birthday":
        workflow = {
            "scheduler": {"frequency": "daily", "times": ["06:00"]},
            "query": {"filter": "birthday", "leap_day": "mar1"},
            "delivery": {"mode": "recurring", "label": "Happy birthday"},
        }
    elif kind == "continuous":
        workflow = {
            "scheduler": {"frequency": "daily", "times": ["08:00"]},
            "query": {"filter": "all", "incremental": True},
            "delivery": {"mode": "continuous", "label": "Welcome"},
        }
    else:
        raise SystemExit(f"unknown kind {kind}")
    doc = {
        "name": f"bench {kind} {n}",
        "year": 2026,
        "timezone": "Europe/Paris",
        "seed": 1,
        "tracking": {"enabled": False},
        "recipients": recipients,
        "workflow": workflow,
    }
    with open(out, "w") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    main()
