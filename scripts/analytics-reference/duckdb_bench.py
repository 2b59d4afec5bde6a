#!/usr/bin/env python3
"""DuckDB reference benchmark for the Insights funnel and retention algorithms.

1. Generates (numpy, seeded) 10,000,000 events of 1,000,000 people over 60 days and writes them
   as raw little-endian column files into --out DIR:
       person.i32  int32  person id 0 .. people-1
       ts.i64      int64  UTC epoch ms
       type.u8     uint8  1 page_view, 2 search, 3 product_view, 4 add_to_cart,
                          5 remove_from_cart, 6 checkout_start, 7 order_placed, 8 order_paid
       meta.json   counts, seed, time range, type codes
   Rows are in timestamp order (the arrival order); the row position is the tie-breaker between
   equal timestamps ("ties in arrival order" in docs/analytics.md). About 2% of events repeat
   the timestamp of the person's previous event, so ties do occur.
2. Loads them into a DuckDB in-memory table (not timed), `SET threads=1` (and a perfect hash
   table for the dense person ids, see `tune`), and times, best of 3:
   (a) the 4-step ordered funnel page_view -> product_view -> add_to_cart -> order_paid, 7-day
       window from step 1 (t - start <= window), each person counted once at the furthest step
       reached in any attempt (docs/analytics.md, "Ordered"). Several SQL formulations, all of
       which must give the same counts.
   (b) the weekly bounded retention matrix: cohort = week of the person's first event, week =
       (ts + 259200000) // 604800000 = weeks since Monday 1969-12-29 (ISO weeks, starting Monday,
       in UTC: docs/analytics.md buckets weeks from Monday; plain ts // 604800000 would give
       epoch weeks starting Thursday), retained at N = people of the cohort with an event in
       week cohort + N, N = 0 .. last week - cohort.
3. Prints the timings, the funnel counts and the retention matrix and checksum (`--json`: one
   JSON object), so the Swift benchmark's numbers can be compared for equality and speed.

`--check` also runs every SQL formulation on a ~100k-event sample (people 0 .. 9,999) and
compares it with a plain Python implementation of the same rules.

    python duckdb_bench.py --out /tmp/insights-bench --json [--check]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import duckdb
import numpy as np

SEED = 20261122
PEOPLE = 1_000_000
EVENTS = 10_000_000
DAYS = 60
DAY_MS = 86_400_000
WEEK_MS = 604_800_000
WINDOW_MS = 7 * DAY_MS
MONDAY_SHIFT_MS = 3 * DAY_MS  # 1970-01-01 was a Thursday; Monday 1969-12-29 is 3 days earlier
WEEK_RULE = "(ts + 259200000) // 604800000"  # weeks since Monday 1969-12-29, UTC


def week_of(ts):
    """ISO (Monday) week number in UTC: weeks since Monday 1969-12-29 (ints or numpy arrays)."""
    return (ts + MONDAY_SHIFT_MS) // WEEK_MS
T0 = 1_788_192_000_000  # 2026-09-01 00:00 Asia/Shanghai (2026-08-31T16:00Z)

TYPE_CODES = {"page_view": 1, "search": 2, "product_view": 3, "add_to_cart": 4,
              "remove_from_cart": 5, "checkout_start": 6, "order_placed": 7, "order_paid": 8}
FUNNEL = [1, 3, 4, 8]  # page_view -> product_view -> add_to_cart -> order_paid

# ---------------------------------------------------------------------------------------------
# data


def generate(seed: int = SEED, people: int = PEOPLE, events: int = EVENTS):
    """Returns (person int32, ts int64, type uint8), rows sorted by ts (stable)."""
    rng = np.random.default_rng(seed)
    # events per person: at least one, heavy-tailed activity
    activity = rng.lognormal(0.0, 1.0, people)
    counts = 1 + rng.multinomial(events - people, activity / activity.sum())
    person = np.repeat(np.arange(people, dtype=np.int32), counts)

    # how deep a person's intent goes: most people only view
    depth = rng.choice(4, size=people, p=[0.55, 0.25, 0.12, 0.08])
    type_p = [  # over codes 1..8
        [0.85, 0.15, 0, 0, 0, 0, 0, 0],
        [0.55, 0.10, 0.35, 0, 0, 0, 0, 0],
        [0.45, 0.08, 0.30, 0.10, 0.07, 0, 0, 0],
        [0.40, 0.07, 0.27, 0.10, 0.04, 0.05, 0.04, 0.03],
    ]
    ev_depth = np.repeat(depth, counts)
    types = np.empty(events, dtype=np.uint8)
    codes = np.arange(1, 9, dtype=np.uint8)
    for d in range(4):
        m = ev_depth == d
        types[m] = rng.choice(codes, size=int(m.sum()), p=type_p[d])

    # times: a person's base instant plus exponential offsets (mean per person 0.2 .. 6 days)
    span = DAYS * DAY_MS
    base = rng.integers(0, span, size=people)
    scale = rng.uniform(0.2, 6.0, size=people) * DAY_MS
    offset = rng.exponential(1.0, size=events) * np.repeat(scale, counts)
    rel = (np.repeat(base, counts) + offset.astype(np.int64)) % (2 * span)
    rel = np.where(rel >= span, 2 * span - 1 - rel, rel)  # reflect at the end of the 60 days
    # ~2% of events repeat the previous event's instant (same person): equal timestamps
    same = rng.random(events) < 0.02
    same[np.r_[0, np.cumsum(counts)[:-1]]] = False  # never a person's first row
    idx = np.nonzero(same)[0]
    rel[idx] = rel[idx - 1]
    ts = T0 + rel
    order = np.argsort(ts, kind="stable")
    return person[order], ts[order], types[order]


def read_columns(out: str, seed: int):
    """The columns of an earlier `--out` run with the same seed and size, or None."""
    try:
        with open(os.path.join(out, "meta.json")) as f:
            meta = json.load(f)
        if meta.get("seed") != seed or meta.get("events") != EVENTS or meta.get("people") != PEOPLE:
            return None
        person = np.fromfile(os.path.join(out, "person.i32"), dtype="<i4")
        ts = np.fromfile(os.path.join(out, "ts.i64"), dtype="<i8")
        types = np.fromfile(os.path.join(out, "type.u8"), dtype="u1")
    except (OSError, ValueError):
        return None
    if not (len(person) == len(ts) == len(types) == EVENTS):
        return None
    return person.astype(np.int32), ts.astype(np.int64), types.astype(np.uint8)


def write_columns(out: str, person, ts, types, seed: int):
    os.makedirs(out, exist_ok=True)
    person.astype("<i4").tofile(os.path.join(out, "person.i32"))
    ts.astype("<i8").tofile(os.path.join(out, "ts.i64"))
    types.astype("u1").tofile(os.path.join(out, "type.u8"))
    meta = {"events": int(len(ts)), "people": int(person.max()) + 1, "seed": seed,
            "days": DAYS, "t0_ms": T0, "min_ts_ms": int(ts.min()), "max_ts_ms": int(ts.max()),
            "type_codes": TYPE_CODES,
            "files": {"person.i32": "int32 LE", "ts.i64": "int64 LE (UTC ms)", "type.u8": "uint8"},
            "order": "rows sorted by ts; equal timestamps are ordered by row position",
            "funnel": {"steps": FUNNEL, "window_ms": WINDOW_MS, "mode": "ordered"},
            "retention": {"week": WEEK_RULE, "kind": "bounded"}}
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)


# ---------------------------------------------------------------------------------------------
# SQL. Table ev(person INTEGER, ts BIGINT, type UTINYINT, rid INTEGER) where rid is the row
# position in the column files. Events are ordered by (ts, rid); a single BIGINT ordering key
# ok = (ts - T0) * 2^24 + rid keeps that order (ts - T0 < 2^33, rid < 2^24).

ORDER_KEY = f"(ts - {T0}) * 16777216 + rid"

# (1) Join per step. For every page_view (an attempt start), the earliest product_view after it
# within the window, then the earliest add_to_cart after that within the window (of the start),
# then the earliest order_paid. Taking the earliest next event is optimal for a fixed start, so
# an attempt's level is the furthest it can reach; a person's level is the best attempt's.
FUNNEL_JOIN_PER_STEP = f"""
WITH e AS (
    SELECT person, type, ts, {ORDER_KEY} AS ok FROM ev WHERE type IN (1, 3, 4, 8)
),
s1 AS (SELECT person, ts AS t1, ok AS o1 FROM e WHERE type = 1),
s2 AS (
    SELECT s1.person, s1.t1, s1.o1, min(e.ok) AS o2
    FROM s1 JOIN e ON e.person = s1.person AND e.type = 3
                  AND e.ok > s1.o1 AND e.ts - s1.t1 <= {WINDOW_MS}
    GROUP BY s1.person, s1.t1, s1.o1
),
s3 AS (
    SELECT s2.person, s2.t1, s2.o1, min(e.ok) AS o3
    FROM s2 JOIN e ON e.person = s2.person AND e.type = 4
                  AND e.ok > s2.o2 AND e.ts - s2.t1 <= {WINDOW_MS}
    GROUP BY s2.person, s2.t1, s2.o1
),
s4 AS (
    SELECT DISTINCT s3.person
    FROM s3 JOIN e ON e.person = s3.person AND e.type = 8
                  AND e.ok > s3.o3 AND e.ts - s3.t1 <= {WINDOW_MS}
)
SELECT (SELECT count(DISTINCT person) FROM s1),
       (SELECT count(DISTINCT person) FROM s2),
       (SELECT count(DISTINCT person) FROM s3),
       (SELECT count(*) FROM s4)
"""

# (2) Window functions: the doc's state machine, one step per pass. For each event, start_k is
# the latest start among the person's attempts that reached step k before it (max over the
# preceding rows). A step-(k+1) event within the window of start_k advances that attempt, so its
# own start is start_k. Step types differ, so one event advances at most one step.
FUNNEL_WINDOW = f"""
WITH e AS (
    SELECT person, type, ts, {ORDER_KEY} AS ok FROM ev WHERE type IN (1, 3, 4, 8)
),
w1 AS (
    SELECT *, max(CASE WHEN type = 1 THEN ts END) OVER w AS start1
    FROM e WINDOW w AS (PARTITION BY person ORDER BY ok ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
w2 AS (
    SELECT *, max(CASE WHEN type = 3 AND ts - start1 <= {WINDOW_MS} THEN start1 END) OVER w AS start2
    FROM w1 WINDOW w AS (PARTITION BY person ORDER BY ok ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
w3 AS (
    SELECT *, max(CASE WHEN type = 4 AND ts - start2 <= {WINDOW_MS} THEN start2 END) OVER w AS start3
    FROM w2 WINDOW w AS (PARTITION BY person ORDER BY ok ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT count(DISTINCT person) FILTER (WHERE type = 1),
       count(DISTINCT person) FILTER (WHERE type = 3 AND ts - start1 <= {WINDOW_MS}),
       count(DISTINCT person) FILTER (WHERE type = 4 AND ts - start2 <= {WINDOW_MS}),
       count(DISTINCT person) FILTER (WHERE type = 8 AND ts - start3 <= {WINDOW_MS})
FROM w3
"""

# (3) ASOF joins: the same state machine as (2), each step one ASOF join. For a step-2 event the
# latest step-1 event before it (ASOF on ok) is the latest start. Starts of valid step-k events
# never decrease along a person's events, so for a step-(k+1) event the latest valid step-k event
# before it carries the latest start at step k.
FUNNEL_ASOF = f"""
WITH e AS (
    SELECT person, type, ts, {ORDER_KEY} AS ok FROM ev WHERE type IN (1, 3, 4, 8)
),
s1 AS (SELECT person, ok, ts AS start FROM e WHERE type = 1),
s2 AS (
    SELECT b.person, b.ok, a.start
    FROM (SELECT * FROM e WHERE type = 3) b
    ASOF JOIN s1 a ON b.person = a.person AND b.ok > a.ok
    WHERE b.ts - a.start <= {WINDOW_MS}
),
s3 AS (
    SELECT c.person, c.ok, b.start
    FROM (SELECT * FROM e WHERE type = 4) c
    ASOF JOIN s2 b ON c.person = b.person AND c.ok > b.ok
    WHERE c.ts - b.start <= {WINDOW_MS}
),
s4 AS (
    SELECT DISTINCT d.person
    FROM (SELECT * FROM e WHERE type = 8) d
    ASOF JOIN s3 c ON d.person = c.person AND d.ok > c.ok
    WHERE d.ts - c.start <= {WINDOW_MS}
)
SELECT (SELECT count(DISTINCT person) FROM s1),
       (SELECT count(DISTINCT person) FROM s2),
       (SELECT count(DISTINCT person) FROM s3),
       (SELECT count(*) FROM s4)
"""

# (4) Join per step, backwards: for every step-k event, the latest start among the valid step-(k-1)
# events before it within the window (an equi-join on person with a range filter, then max).
FUNNEL_JOIN_BACKWARD = f"""
WITH e AS (
    SELECT person, type, ts, {ORDER_KEY} AS ok FROM ev WHERE type IN (1, 3, 4, 8)
),
s2 AS (
    SELECT b.person, b.ok, max(a.ts) AS start
    FROM (SELECT * FROM e WHERE type = 3) b
    JOIN e a ON a.person = b.person AND a.type = 1 AND a.ok < b.ok AND b.ts - a.ts <= {WINDOW_MS}
    GROUP BY b.person, b.ok
),
s3 AS (
    SELECT c.person, c.ok, max(b.start) AS start
    FROM (SELECT * FROM e WHERE type = 4) c
    JOIN s2 b ON b.person = c.person AND b.ok < c.ok AND c.ts - b.start <= {WINDOW_MS}
    GROUP BY c.person, c.ok
),
s4 AS (
    SELECT DISTINCT d.person
    FROM (SELECT * FROM e WHERE type = 8) d
    JOIN s3 c ON c.person = d.person AND c.ok < d.ok AND d.ts - c.start <= {WINDOW_MS}
)
SELECT (SELECT count(DISTINCT person) FROM e WHERE type = 1),
       (SELECT count(DISTINCT person) FROM s2),
       (SELECT count(DISTINCT person) FROM s3),
       (SELECT count(*) FROM s4)
"""

# (5) As (3), but the page_views fed to the first ASOF join are first cut down (semi-join) to the
# people who have a product_view at all: most people only view, so this halves the sort.
FUNNEL_ASOF_SEMI = f"""
WITH e AS (
    SELECT person, type, ts, {ORDER_KEY} AS ok FROM ev WHERE type IN (1, 3, 4, 8)
),
viewers AS (SELECT DISTINCT person FROM e WHERE type = 3),
s1 AS (SELECT person, ok, ts AS start FROM e SEMI JOIN viewers USING (person) WHERE type = 1),
s2 AS (
    SELECT b.person, b.ok, a.start
    FROM (SELECT * FROM e WHERE type = 3) b
    ASOF JOIN s1 a ON b.person = a.person AND b.ok > a.ok
    WHERE b.ts - a.start <= {WINDOW_MS}
),
s3 AS (
    SELECT c.person, c.ok, b.start
    FROM (SELECT * FROM e WHERE type = 4) c
    ASOF JOIN s2 b ON c.person = b.person AND c.ok > b.ok
    WHERE c.ts - b.start <= {WINDOW_MS}
),
s4 AS (
    SELECT DISTINCT d.person
    FROM (SELECT * FROM e WHERE type = 8) d
    ASOF JOIN s3 c ON d.person = c.person AND d.ok > c.ok
    WHERE d.ts - c.start <= {WINDOW_MS}
)
SELECT (SELECT count(DISTINCT person) FROM e WHERE type = 1),
       (SELECT count(DISTINCT person) FROM s2),
       (SELECT count(DISTINCT person) FROM s3),
       (SELECT count(*) FROM s4)
"""

# (6) Lists: each person's funnel events as a list ordered by (ts, rid), folded with
# list_reduce over a struct state (latest start per step, -1 = none; furthest step reached).
FUNNEL_LIST = f"""
WITH p AS (
    SELECT person, list({{'t': type, 'ts': ts}} ORDER BY ts, rid) AS evs
    FROM ev WHERE type IN (1, 3, 4, 8) GROUP BY person
),
r AS (
    SELECT list_reduce(evs, lambda acc, x:
        CASE
            WHEN x.t = 8 AND acc.s3 >= 0 AND x.ts - acc.s3 <= {WINDOW_MS}
                THEN {{'s1': acc.s1, 's2': acc.s2, 's3': acc.s3, 'r': 4}}
            WHEN x.t = 4 AND acc.s2 >= 0 AND x.ts - acc.s2 <= {WINDOW_MS}
                THEN {{'s1': acc.s1, 's2': acc.s2, 's3': greatest(acc.s3, acc.s2), 'r': greatest(acc.r, 3)}}
            WHEN x.t = 3 AND acc.s1 >= 0 AND x.ts - acc.s1 <= {WINDOW_MS}
                THEN {{'s1': acc.s1, 's2': greatest(acc.s2, acc.s1), 's3': acc.s3, 'r': greatest(acc.r, 2)}}
            WHEN x.t = 1
                THEN {{'s1': x.ts, 's2': acc.s2, 's3': acc.s3, 'r': greatest(acc.r, 1)}}
            ELSE acc
        END,
        {{'s1': -1::BIGINT, 's2': -1::BIGINT, 's3': -1::BIGINT, 'r': 0::INTEGER}}).r AS reached
    FROM p
)
SELECT count(*) FILTER (WHERE reached >= 1), count(*) FILTER (WHERE reached >= 2),
       count(*) FILTER (WHERE reached >= 3), count(*) FILTER (WHERE reached >= 4)
FROM r
"""

FUNNEL_QUERIES = {"join_per_step": FUNNEL_JOIN_PER_STEP, "join_backward": FUNNEL_JOIN_BACKWARD,
                  "window": FUNNEL_WINDOW, "asof": FUNNEL_ASOF, "asof_semi": FUNNEL_ASOF_SEMI,
                  "list_reduce": FUNNEL_LIST}

# Retention (bounded, weekly). Rows (cohort_week, n, retained); n = 0 is the cohort size.
# Week = (ts + 3 days) // 1 week: Monday-based weeks in UTC (WEEK_RULE).
WK = f"((ts + {MONDAY_SHIFT_MS}) // {WEEK_MS})"
# (1) distinct (person, week), the person's first week by a window min, then count.
RETENTION_WINDOW = f"""
WITH pw AS (SELECT DISTINCT person, {WK} AS wk FROM ev),
c AS (SELECT wk, min(wk) OVER (PARTITION BY person) AS cohort FROM pw)
SELECT cohort, wk - cohort AS n, count(*) AS retained FROM c GROUP BY ALL ORDER BY ALL
"""
# (2) distinct (person, week) joined with the per-person first week.
RETENTION_JOIN = f"""
WITH pw AS (SELECT DISTINCT person, {WK} AS wk FROM ev),
f AS (SELECT person, min({WK}) AS cohort FROM ev GROUP BY person)
SELECT cohort, wk - cohort AS n, count(*) AS retained
FROM pw JOIN f USING (person) GROUP BY ALL ORDER BY ALL
"""
# (3) one pass per person: a bit mask of the weeks with events (weeks are few), then one row
# per set bit.
RETENTION_BITMASK = f"""
WITH m AS (
    SELECT min({WK}) AS cohort,
           bit_or(1::UBIGINT << ({WK} - (SELECT min({WK}) FROM ev))::INTEGER) AS weeks
    FROM ev GROUP BY person
),
base AS (SELECT min({WK}) AS w0, max({WK}) AS w1 FROM ev)
SELECT cohort, n, count(*) AS retained
FROM m, base, range(0, 64) r(n)
WHERE cohort + n <= w1 AND (weeks >> (cohort - w0 + n)::INTEGER) & 1::UBIGINT = 1
GROUP BY ALL ORDER BY ALL
"""
# (4) as (3), minimal work per event: one bit_or per person into a 32-bit week mask (the first
# week is the lowest set bit, so no min is needed), then the people are grouped by their mask (a
# few hundred distinct masks) and only those groups are expanded into (cohort, n) cells. Needs a
# data span of at most 32 weeks (main() checks; the benchmark data spans 60 days = 9 weeks).
MASK_WEEKS = 32
RETENTION_MASK_GROUPS = f"""
WITH base AS (SELECT min({WK}) AS w0 FROM ev),
m AS (
    SELECT bit_or(1::UINTEGER << ({WK} - w0)::INTEGER) AS weeks
    FROM ev, base GROUP BY person
),
g AS (SELECT weeks, count(*) AS people FROM m GROUP BY weeks),
gc AS (
    SELECT weeks, people, w0 + min(b) AS cohort, min(b) AS first_bit
    FROM g, base, range(0, {MASK_WEEKS}) r(b)
    WHERE (weeks >> b::INTEGER) & 1::UINTEGER = 1
    GROUP BY weeks, people, w0
)
SELECT cohort, n, sum(people)::BIGINT AS retained
FROM gc, range(0, {MASK_WEEKS}) r(n)
WHERE first_bit + n < {MASK_WEEKS} AND (weeks >> (first_bit + n)::INTEGER) & 1::UINTEGER = 1
GROUP BY ALL ORDER BY ALL
"""
RETENTION_QUERIES = {"window": RETENTION_WINDOW, "join": RETENTION_JOIN,
                     "bitmask": RETENTION_BITMASK, "mask_groups": RETENTION_MASK_GROUPS}


def retention_matrix(rows, last_week: int) -> dict:
    """{cohort_week: [retained at n = 0 .. last_week - cohort]} (zeros filled in)."""
    m: dict[int, list[int]] = {}
    for cohort, n, retained in rows:
        cohort, n = int(cohort), int(n)
        m.setdefault(cohort, [0] * (last_week - cohort + 1))[n] = int(retained)
    return dict(sorted(m.items()))


def retention_checksum(matrix: dict) -> int:
    """sum over cells of (cohort_week * 1000 + n) * retained."""
    return sum((c * 1000 + n) * r for c, row in matrix.items() for n, r in enumerate(row))


# ---------------------------------------------------------------------------------------------
# plain Python references for --check


def python_funnel(person, ts, types) -> list[int]:
    """The doc's ordered funnel, one person at a time, events in (ts, row) order."""
    order = np.lexsort((np.arange(len(ts)), ts, person))
    counts = [0, 0, 0, 0]
    current, start, reached = None, None, 0

    def flush():
        for k in range(reached):
            counts[k] += 1

    for i in order:
        p, t, ty = int(person[i]), int(ts[i]), int(types[i])
        if p != current:
            if current is not None:
                flush()
            current, start, reached = p, [None] * 4, 0
        for k in range(3, 0, -1):  # last step first: one event advances one step at most
            if ty == FUNNEL[k] and start[k - 1] is not None and t - start[k - 1] <= WINDOW_MS:
                start[k] = start[k - 1] if start[k] is None else max(start[k], start[k - 1])
                reached = max(reached, k + 1)
        if ty == FUNNEL[0]:
            start[0] = t
            reached = max(reached, 1)
    if current is not None:
        flush()
    return counts


def python_retention(person, ts) -> dict:
    import pandas as pd
    df = pd.DataFrame({"person": person, "wk": week_of(ts)}).drop_duplicates()
    df["cohort"] = df.groupby("person")["wk"].transform("min")
    df["n"] = df["wk"] - df["cohort"]
    rows = df.groupby(["cohort", "n"]).size().reset_index().itertuples(index=False)
    return retention_matrix(rows, int(df["wk"].max()))


# ---------------------------------------------------------------------------------------------


def tune(con, people: int) -> None:
    """One thread; and a perfect hash table for GROUP BY person: person ids are dense
    (0 .. people-1), and DuckDB only uses its perfect hash aggregate for key ranges up to
    `perfect_ht_threshold` bits (default 12). Roughly halves the retention queries, which group
    10M rows by person; the funnel queries change little."""
    con.execute("SET threads = 1")
    con.execute(f"SET perfect_ht_threshold = {max(12, int(people - 1).bit_length())}")


def connect(person, ts, types):
    import pandas as pd
    con = duckdb.connect()
    tune(con, int(person.max()) + 1)
    df = pd.DataFrame({"person": person, "ts": ts, "type": types,
                       "rid": np.arange(len(ts), dtype=np.int32)})
    con.register("df", df)
    con.execute("CREATE TABLE ev AS SELECT person::INTEGER AS person, ts::BIGINT AS ts, "
                "type::UTINYINT AS type, rid::INTEGER AS rid FROM df")
    con.unregister("df")
    return con


def best_of(con, sql, repeat=3):
    runs, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = con.execute(sql).fetchall()
        runs.append(time.perf_counter() - t)
    return min(runs), runs, result


def check(person, ts, types) -> dict:
    """SQL vs plain Python on people 0..9,999 (about 100k events)."""
    m = person < 10_000
    p, t, ty = person[m], ts[m], types[m]
    rid = np.nonzero(m)[0]  # keep the original row positions as the tie-breaker
    import pandas as pd
    con = duckdb.connect()
    tune(con, int(p.max()) + 1)
    con.register("df", pd.DataFrame({"person": p, "ts": t, "type": ty, "rid": rid.astype(np.int32)}))
    con.execute("CREATE TABLE ev AS SELECT person::INTEGER AS person, ts::BIGINT AS ts, "
                "type::UTINYINT AS type, rid::INTEGER AS rid FROM df")
    # the Python reference sorts by (ts, position in the sample), which is the same order as rid
    expected = python_funnel(p, t, ty)
    out = {"sample_events": int(m.sum()), "funnel_expected": expected, "funnel": {}, "retention": {}}
    ok = True
    for name, sql in FUNNEL_QUERIES.items():
        got = [int(x) for x in con.execute(sql).fetchall()[0]]
        out["funnel"][name] = got
        ok &= got == expected
    exp_ret = python_retention(p, t)
    last_week = int(week_of(int(t.max())))
    for name, sql in RETENTION_QUERIES.items():
        got = retention_matrix(con.execute(sql).fetchall(), last_week)
        out["retention"][name] = got == exp_ret
        ok &= got == exp_ret
    out["retention_checksum_expected"] = retention_checksum(exp_ret)
    out["ok"] = bool(ok)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="directory for person.i32, ts.i64, type.u8, meta.json")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--check", action="store_true", help="check the SQL against plain Python on a sample")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reuse", action="store_true",
                    help="read the columns already in --out (same seed and size) instead of regenerating")
    args = ap.parse_args()

    t = time.perf_counter()
    cols = read_columns(args.out, SEED) if args.reuse else None
    if cols is None:
        person, ts, types = generate()
        write_columns(args.out, person, ts, types, SEED)
    else:
        person, ts, types = cols
    gen_s = time.perf_counter() - t

    report = {"events": int(len(ts)), "people": PEOPLE, "duckdb": duckdb.__version__, "threads": 1,
              "generate_s": round(gen_s, 3), "reused_data": cols is not None}
    if args.check:
        report["check"] = check(person, ts, types)
        if not report["check"]["ok"]:
            print(json.dumps(report["check"], indent=1), file=sys.stderr)
            sys.exit("check failed: SQL and plain Python disagree")

    t = time.perf_counter()
    con = connect(person, ts, types)
    report["load_s"] = round(time.perf_counter() - t, 3)

    funnel = {}
    counts = None
    for name, sql in FUNNEL_QUERIES.items():
        best, runs, result = best_of(con, sql, args.repeat)
        got = [int(x) for x in result[0]]
        if counts is None:
            counts = got
        elif got != counts:
            sys.exit(f"funnel formulations disagree: {name} {got} vs {counts}")
        funnel[name] = {"best_s": round(best, 4), "runs_s": [round(r, 4) for r in runs]}
    report["funnel"] = {"steps": FUNNEL, "window_ms": WINDOW_MS, "counts": counts,
                        "timings": funnel, "fastest": min(funnel, key=lambda k: funnel[k]["best_s"]),
                        "best_s": min(v["best_s"] for v in funnel.values())}

    last_week = int(week_of(int(ts.max())))
    assert last_week - int(week_of(int(ts.min()))) < MASK_WEEKS, "mask_groups needs at most 32 weeks"
    retention = {}
    matrix = None
    for name, sql in RETENTION_QUERIES.items():
        best, runs, result = best_of(con, sql, args.repeat)
        got = retention_matrix(result, last_week)
        if matrix is None:
            matrix = got
        elif got != matrix:
            sys.exit(f"retention formulations disagree: {name}")
        retention[name] = {"best_s": round(best, 4), "runs_s": [round(r, 4) for r in runs]}
    report["retention"] = {"week": WEEK_RULE, "first_week": min(matrix), "last_week": last_week,
                           "matrix": {str(k): v for k, v in matrix.items()},
                           "checksum": retention_checksum(matrix),
                           "checksum_rule": "sum of (cohort_week * 1000 + n) * retained",
                           "timings": retention,
                           "fastest": min(retention, key=lambda k: retention[k]["best_s"]),
                           "best_s": min(v["best_s"] for v in retention.values())}

    if args.json:
        print(json.dumps(report))
    else:
        print(f"DuckDB {duckdb.__version__}, threads=1, {len(ts):,} events, {PEOPLE:,} people")
        print(f"funnel counts {counts}")
        for k, v in funnel.items():
            print(f"  funnel   {k:14s} best {v['best_s']:.3f} s  runs {v['runs_s']}")
        print(f"retention checksum {report['retention']['checksum']}")
        for k, v in retention.items():
            print(f"  retention {k:13s} best {v['best_s']:.3f} s  runs {v['runs_s']}")


if __name__ == "__main__":
    main()
