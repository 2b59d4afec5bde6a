#!/usr/bin/env python3
"""CRM reference fixtures: a seeded dataset and the RFM, repurchase and customer-table values
computed independently with pandas / numpy, following docs/crm.md.

Deterministic: every random draw comes from numpy's default_rng(SEED), in a fixed order.

Output (relative to the repository root), Tests/InsightsTests/Fixtures/crm/:
    customers.csv   dataset,customer_id,acquisition_channel        (the table's customers)
    orders.csv      dataset,order_id,customer_id,placed_at_ms,paid_at_ms,total  (paid_at empty: unpaid)
    refunds.csv     dataset,order_id,amount,refunded_at_ms          (several per order possible)
    lines.csv       dataset,order_id,sku                            (SKU -> category: categories.csv)
    categories.csv  sku,category
    events.csv      dataset,customer_id,timestamp_ms,type           (one person per customer)
    rfm_cases.json  [{case, dataset, time_zone, as_of_ms, window_days, quantiles}]
    rfm.csv         case,customer_id,recency_days,frequency,monetary,r,f,m,segment
    repurchase.json [{dataset, time_zone, from, to, from_ms, to_ms, paying_customers,
                      repeat_customers, rate}]
    table.csv       case,customer_id,orders,spend,aov,first_order_at_ms,last_order_at_ms,
                    days_since_last_order,lifecycle,intent,views_7d,carts_7d,categories,r,f,m,segment

Run:  python generate.py   (pip install -r requirements.txt first)
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

SEED = 20261125
DAY = 86_400_000
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Tests", "InsightsTests", "Fixtures", "crm")

SHANGHAI = "Asia/Shanghai"
NEW_YORK = "America/New_York"
CHANNELS = ["direct", "paid_search", "social", "live_stream", "email_sms", None]


def wall_ms(tz: str, y, mo, d, hh=0, mi=0, ss=0, ms=0) -> int:
    """Local wall time in `tz` -> UTC epoch ms (data generation only)."""
    return int(datetime(y, mo, d, hh, mi, ss, tzinfo=ZoneInfo(tz)).timestamp()) * 1000 + ms


# As-of instants of the cases.
AS_OF_A = wall_ms(SHANGHAI, 2026, 11, 15, 10, 0, 0)         # main, 365 days
AS_OF_B = wall_ms(NEW_YORK, 2026, 11, 3, 9, 30, 0)          # main in New York, 90 days (DST ended 11-01)
AS_OF_E = wall_ms(SHANGHAI, 2026, 11, 1, 0, 0, 0)           # main, 30 days, as-of at local midnight
WINDOW_A_START = wall_ms(SHANGHAI, 2025, 11, 16)             # first instant of case A's window


# ---------------------------------------------------------------------------------------------
# Data


class Data:
    def __init__(self):
        self.customers, self.orders, self.refunds, self.lines, self.events = [], [], [], [], []
        self.next_order = 1

    def order(self, ds, customer, placed, paid, total, skus=()):
        oid = self.next_order
        self.next_order += 1
        self.orders.append((ds, oid, customer, placed, paid, total))
        for s in skus:
            self.lines.append((ds, oid, s))
        return oid

    def refund(self, ds, oid, amount, at):
        self.refunds.append((ds, oid, amount, at))

    def event(self, ds, customer, at, kind):
        self.events.append((ds, customer, at, kind))


def main_dataset(d: Data, rng: np.random.Generator):
    ds = "main"
    prices = np.array([990, 1990, 4990, 9990])
    kinds = ["product_view", "add_to_cart", "page_view"]
    for c in range(1, 321):
        d.customers.append((ds, c, CHANNELS[int(rng.integers(0, len(CHANNELS)))]))
        if c > 300:
            continue  # prospects: no orders at all
        n = int(rng.poisson(2.5))
        for _ in range(n):
            placed = AS_OF_A - int(rng.integers(0, 540 * DAY))
            paid = placed + int(rng.integers(0, 2 * 3_600_000)) if rng.random() < 0.85 else None
            total = int(prices[rng.integers(0, 4)]) if rng.random() < 0.6 else int(rng.integers(100, 50_000))
            skus = [int(s) for s in rng.integers(1, 61, size=int(rng.integers(1, 4)))]
            oid = d.order(ds, c, placed, paid, total, skus)
            if paid is not None and rng.random() < 0.12:
                amount = int(rng.integers(1, total + 1))
                d.refund(ds, oid, amount, paid + int(rng.integers(1, 20)) * DAY)
        # A few recent browsing events (the 7-day window and around it).
        for _ in range(int(rng.poisson(1.5))):
            at = AS_OF_A - int(rng.integers(-2 * DAY, 12 * DAY))
            d.event(ds, c, at, kinds[int(rng.integers(0, 3))])
    # Guest orders and orders after every as-of.
    for _ in range(15):
        placed = AS_OF_A - int(rng.integers(0, 300 * DAY))
        d.order(ds, 0, placed, placed + 1000, int(rng.integers(100, 9_000)), [7])
    for c in (3, 5, 8):
        d.order(ds, c, AS_OF_A + 3 * DAY, AS_OF_A + 3 * DAY + 10, 5000, [1])

    # Scripted edge customers (their edges are case A's: Asia/Shanghai, 365 days).
    a = AS_OF_A
    edge = lambda c, ch="direct": d.customers.append((ds, c, ch))
    edge(901); d.order(ds, 901, WINDOW_A_START - 3_600_000, WINDOW_A_START, 2000, [2])  # first instant: in
    edge(902); d.order(ds, 902, WINDOW_A_START - 3_600_000, WINDOW_A_START - 1, 2000, [2])  # 1 ms before: out
    edge(903); d.order(ds, 903, a - 60_000, a, 3000, [3])  # paid at the as-of instant: in, recency 0
    edge(904); d.order(ds, 904, a, a + 1, 3000, [3])  # 1 ms after: out
    d.order(ds, 904, a - 10 * DAY, a - 10 * DAY, 1990, [4])
    edge(905)  # refunds exceeding the order: monetary clamps at 0
    o = d.order(ds, 905, a - 40 * DAY, a - 40 * DAY, 1000, [5])
    d.refund(ds, o, 600, a - 39 * DAY); d.refund(ds, o, 700, a - 38 * DAY)
    edge(906)  # refund after as-of (ignored) and refund of an order paid before the window (ignored)
    o = d.order(ds, 906, a - 5 * DAY, a - 5 * DAY, 4990, [6])
    d.refund(ds, o, 4990, a + 1)
    o = d.order(ds, 906, a - 400 * DAY, a - 400 * DAY, 9990, [6])
    d.refund(ds, o, 9990, a - 100 * DAY)
    day_before_end = wall_ms(SHANGHAI, 2026, 11, 14, 23, 59, 59, 999)
    today_start = wall_ms(SHANGHAI, 2026, 11, 15)
    edge(907); d.order(ds, 907, day_before_end - 5000, day_before_end, 990, [8])  # recency 1
    edge(908); d.order(ds, 908, today_start - 5000, today_start, 990, [8])  # recency 0
    edge(909); d.order(ds, 909, a - 3 * DAY, None, 990, [8])  # unpaid only: not scored, prospect
    edge(910); d.order(ds, 910, WINDOW_A_START - 20 * DAY, WINDOW_A_START + 5 * DAY, 4990, [9])  # paid time counts
    # Intent edges: the 7-day window of case A starts at local 2026-11-09 00:00.
    w7 = wall_ms(SHANGHAI, 2026, 11, 9)
    edge(911)  # three events, first exactly at the window start: high
    for t in (w7, w7 + DAY, a):
        d.event(ds, 911, t, "product_view")
    edge(912)  # three events, one 1 ms before the window and one 1 ms after as-of: low
    for t, k in ((w7 - 1, "add_to_cart"), (w7 + 5, "add_to_cart"), (a + 1, "product_view")):
        d.event(ds, 912, t, k)
    edge(913)  # high activity but bought in the window: none
    for t in (a - DAY, a - DAY + 5, a - DAY + 9):
        d.event(ds, 913, t, "add_to_cart")
    d.order(ds, 913, a - 2 * 3_600_000, a - 3_600_000, 1990, [10])
    edge(914)  # bought before the window, 2 carts + 1 view now: high; an old first order: churned
    d.order(ds, 914, a - 300 * DAY, a - 300 * DAY, 990, [11])
    for t, k in ((a - 3 * DAY, "add_to_cart"), (a - 2 * DAY, "add_to_cart"), (a - DAY, "product_view")):
        d.event(ds, 914, t, k)
    edge(915)  # page views only: none
    for t in (a - DAY, a - 2 * DAY, a - 3 * DAY):
        d.event(ds, 915, t, "page_view")
    # Lifecycle edges (days counted in Shanghai local days from the as-of day).
    for c, first, last in ((916, 30, 30), (917, 31, 31), (918, 200, 90), (919, 200, 91), (920, 400, 180), (921, 400, 181)):
        edge(c)
        d.order(ds, c, a - first * DAY, a - first * DAY, 1990, [12])
        if last != first:
            d.order(ds, c, a - last * DAY, a - last * DAY, 1990, [12])


def small_datasets(d: Data):
    a = AS_OF_A
    # A single customer.
    d.customers.append(("single", 7, "direct"))
    d.order("single", 7, a - 20 * DAY, a - 20 * DAY, 4990, [1])
    d.order("single", 7, a - 2 * DAY, a - 2 * DAY, 990, [2])
    # All values equal.
    for c in range(1, 8):
        d.customers.append(("equal", c, "social"))
        d.order("equal", c, a - 3 * DAY, a - 3 * DAY + c, 1990, [3])
    # Heavy ties: values drawn from tiny sets so quantile edges land on values.
    for c in range(1, 27):
        d.customers.append(("ties", c, None))
        for k in range(1 + c % 3):
            t = a - (c % 4) * 7 * DAY - k * DAY
            d.order("ties", c, t, t, [1000, 2000][c % 2], [4])


def build() -> Data:
    rng = np.random.default_rng(SEED)
    d = Data()
    main_dataset(d, rng)
    small_datasets(d)
    return d


# ---------------------------------------------------------------------------------------------
# Reference (pandas / numpy), independent of the generation code above.

EPOCH = pd.Timestamp("1970-01-01")


def local_day(ms: pd.Series, tz: str) -> pd.Series:
    """Days since 1970-01-01 of the shop-local calendar date of each instant."""
    ts = pd.to_datetime(ms.astype("int64"), unit="ms", utc=True).dt.tz_convert(tz).dt.tz_localize(None)
    return (ts.dt.normalize() - EPOCH) // pd.Timedelta(days=1)


def local_day_of(ms: int, tz: str) -> int:
    return int(local_day(pd.Series([ms]), tz).iloc[0])


# The R x FM grid of docs/crm.md: (segment, r range, fm range), inclusive.
GRID = [
    ("champions", (5, 5), (4, 5)), ("loyal", (3, 4), (4, 5)), ("potential_loyalist", (4, 5), (2, 3)),
    ("new", (5, 5), (1, 1)), ("promising", (4, 4), (1, 1)), ("need_attention", (3, 3), (3, 3)),
    ("about_to_sleep", (3, 3), (1, 2)), ("at_risk", (1, 2), (3, 4)), ("cant_lose_them", (1, 2), (5, 5)),
    ("hibernating", (2, 2), (1, 2)), ("lost", (1, 1), (1, 2)),
]


def segment(r: int, f: int, m: int) -> str:
    fm = (f + m + 1) // 2
    hits = [name for name, (r0, r1), (f0, f1) in GRID if r0 <= r <= r1 and f0 <= fm <= f1]
    assert len(hits) == 1, (r, fm, hits)
    return hits[0]


def scores(values: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """Quintile scores: numpy.quantile default (linear); bins [q_k, q_k+1), the top one closed."""
    q = np.quantile(values, [0.2, 0.4, 0.6, 0.8])
    return 1 + (values[:, None] >= q[None, :]).sum(axis=1), [float(x) for x in q]


def rfm(orders: pd.DataFrame, refunds: pd.DataFrame, as_of: int, window: int, tz: str):
    today = local_day_of(as_of, tz)
    first_day = today - window + 1
    paid = orders[orders.paid_at_ms.notna() & (orders.customer_id != 0)].copy()
    paid["paid_at_ms"] = paid.paid_at_ms.astype("int64")
    paid["day"] = local_day(paid.paid_at_ms, tz)
    counted = paid[(paid.day >= first_day) & (paid.paid_at_ms <= as_of)]
    g = counted.groupby("customer_id").agg(
        frequency=("order_id", "size"), gross=("total", "sum"), last=("paid_at_ms", "max"))
    ref = refunds.merge(counted[["order_id", "customer_id"]], on="order_id")
    ref = ref[(local_day(ref.refunded_at_ms, tz) >= first_day) & (ref.refunded_at_ms <= as_of)]
    refunded = ref.groupby("customer_id").amount.sum().reindex(g.index, fill_value=0)
    out = pd.DataFrame(index=g.index)
    out["recency_days"] = today - local_day(g["last"], tz)
    out["frequency"] = g.frequency
    out["monetary"] = (g.gross - refunded).clip(lower=0)
    out = out.sort_index()
    if out.empty:
        return out, {}
    r, rq = scores(-out.recency_days.to_numpy(np.int64))
    f, fq = scores(out.frequency.to_numpy(np.int64))
    m, mq = scores(out.monetary.to_numpy(np.int64))
    out["r"], out["f"], out["m"] = r, f, m
    out["segment"] = [segment(*x) for x in zip(r, f, m)]
    return out, {"negated_recency": rq, "frequency": fq, "monetary": mq}


def repurchase(orders: pd.DataFrame, tz: str, first: str, last: str) -> dict:
    start = int(pd.Timestamp(first, tz=tz).timestamp() * 1000)
    end = int((pd.Timestamp(last) + pd.Timedelta(days=1)).tz_localize(tz).timestamp() * 1000)
    p = orders[orders.paid_at_ms.notna() & (orders.customer_id != 0)]
    p = p[(p.paid_at_ms >= start) & (p.paid_at_ms < end)]
    per = p.groupby("customer_id").size()
    paying, repeat = int((per >= 1).sum()), int((per >= 2).sum())
    return {"time_zone": tz, "from": first, "to": last, "from_ms": start, "to_ms": end,
            "paying_customers": paying, "repeat_customers": repeat,
            "rate": repeat / paying if paying else 0.0}


def table(customers, orders, refunds, lines, categories, events, as_of, tz, rfm_rows,
          new_days=30, active_days=90, churn_days=180, intent_events=3, intent_days=7):
    today = local_day_of(as_of, tz)
    paid = orders[orders.paid_at_ms.notna() & (orders.customer_id != 0)].copy()
    paid["paid_at_ms"] = paid.paid_at_ms.astype("int64")
    paid = paid[(paid.paid_at_ms <= as_of) & paid.customer_id.isin(customers.customer_id)]
    g = paid.groupby("customer_id").agg(
        orders=("order_id", "size"), gross=("total", "sum"), first=("paid_at_ms", "min"), last=("paid_at_ms", "max"))
    ref = refunds.merge(paid[["order_id", "customer_id"]], on="order_id")
    ref = ref[ref.refunded_at_ms <= as_of].groupby("customer_id").amount.sum()
    t = customers[["customer_id"]].set_index("customer_id")
    t = t.join(g).join(ref.rename("refunded"))
    t["orders"] = t.orders.fillna(0).astype("int64")
    t["spend"] = (t.gross.fillna(0) - t.refunded.fillna(0)).clip(lower=0).astype("int64")
    t["aov"] = [(2 * s + n) // (2 * n) if n else 0 for s, n in zip(t.spend, t.orders)]
    has = t["first"].notna()
    t["first_order_at_ms"] = t["first"].fillna(-1).astype("int64")
    t["last_order_at_ms"] = t["last"].fillna(-1).astype("int64")
    since_first = pd.Series(-1, index=t.index)
    since_last = pd.Series(-1, index=t.index)
    since_first[has] = today - local_day(t.loc[has, "first_order_at_ms"], tz)
    since_last[has] = today - local_day(t.loc[has, "last_order_at_ms"], tz)
    t["days_since_last_order"] = since_last

    def stage(first, last):
        if first < 0:
            return "prospect"
        if first <= new_days:
            return "new"
        if last <= active_days:
            return "active"
        return "at_risk" if last <= churn_days else "churned"
    t["lifecycle"] = [stage(a, b) for a, b in zip(since_first, since_last)]

    w_first = today - intent_days + 1
    ev = events[events.customer_id.isin(t.index)]
    ev = ev[(local_day(ev.timestamp_ms, tz) >= w_first) & (ev.timestamp_ms <= as_of)]
    t["views_7d"] = ev[ev.type == "product_view"].groupby("customer_id").size().reindex(t.index, fill_value=0)
    t["carts_7d"] = ev[ev.type == "add_to_cart"].groupby("customer_id").size().reindex(t.index, fill_value=0)
    bought = pd.Series(False, index=t.index)
    bought[has] = local_day(t.loc[has, "last_order_at_ms"], tz) >= w_first

    def intent(v, c, b):
        n = v + c
        if b or n == 0:
            return "none"
        return "high" if n >= intent_events else "low"
    t["intent"] = [intent(v, c, b) for v, c, b in zip(t.views_7d, t.carts_7d, bought)]

    cats = lines.merge(paid[["order_id", "customer_id"]], on="order_id").merge(categories, on="sku")
    cat_lists = cats.groupby("customer_id").category.agg(lambda s: "|".join(str(x) for x in sorted(set(s))))
    t["categories"] = cat_lists.reindex(t.index).fillna("")
    rr = rfm_rows.reindex(t.index)
    for col in ("r", "f", "m"):
        t[col] = rr[col].fillna(0).astype("int64")
    t["segment"] = rr["segment"].fillna("")
    return t.reset_index()


def main():
    d = build()
    os.makedirs(OUT, exist_ok=True)
    customers = pd.DataFrame(d.customers, columns=["dataset", "customer_id", "acquisition_channel"])
    orders = pd.DataFrame(d.orders, columns=["dataset", "order_id", "customer_id", "placed_at_ms", "paid_at_ms", "total"])
    orders["paid_at_ms"] = orders.paid_at_ms.astype("Int64")
    refunds = pd.DataFrame(d.refunds, columns=["dataset", "order_id", "amount", "refunded_at_ms"])
    lines = pd.DataFrame(d.lines, columns=["dataset", "order_id", "sku"])
    categories = pd.DataFrame({"sku": range(1, 56), "category": [(s % 7 + 1) * 10 for s in range(1, 56)]})
    events = pd.DataFrame(d.events, columns=["dataset", "customer_id", "timestamp_ms", "type"])
    customers.to_csv(os.path.join(OUT, "customers.csv"), index=False)
    orders.to_csv(os.path.join(OUT, "orders.csv"), index=False)
    refunds.to_csv(os.path.join(OUT, "refunds.csv"), index=False)
    lines.to_csv(os.path.join(OUT, "lines.csv"), index=False)
    categories.to_csv(os.path.join(OUT, "categories.csv"), index=False)
    events.to_csv(os.path.join(OUT, "events.csv"), index=False)

    def part(frame, ds):
        return frame[frame.dataset == ds].drop(columns="dataset")

    cases = [
        ("main_shanghai_365", "main", SHANGHAI, AS_OF_A, 365),
        ("main_new_york_90", "main", NEW_YORK, AS_OF_B, 90),
        ("main_midnight_30", "main", SHANGHAI, AS_OF_E, 30),
        ("single", "single", SHANGHAI, AS_OF_A, 365),
        ("equal", "equal", SHANGHAI, AS_OF_A, 365),
        ("ties", "ties", SHANGHAI, AS_OF_A, 365),
        ("empty_window", "main", SHANGHAI, wall_ms(SHANGHAI, 2020, 1, 1), 30),
    ]
    meta, rows, tables, rfm_by_case = [], [], [], {}
    for name, ds, tz, as_of, window in cases:
        out, q = rfm(part(orders, ds), part(refunds, ds), as_of, window, tz)
        rfm_by_case[name] = out
        meta.append({"case": name, "dataset": ds, "time_zone": tz, "as_of_ms": as_of,
                     "window_days": window, "quantiles": q})
        o = out.reset_index()
        o.insert(0, "case", name)
        if not o.empty:
            rows.append(o)
    pd.concat(rows).to_csv(os.path.join(OUT, "rfm.csv"), index=False)
    with open(os.path.join(OUT, "rfm_cases.json"), "w") as fh:
        json.dump(meta, fh, indent=1)

    rep = []
    for ds, tz, first, last in [("main", SHANGHAI, "2026-10-01", "2026-10-31"),
                                ("main", SHANGHAI, "2025-11-16", "2026-11-15"),
                                ("main", NEW_YORK, "2026-01-01", "2026-06-30"),
                                ("main", SHANGHAI, "2019-01-01", "2019-12-31"),
                                ("ties", SHANGHAI, "2026-10-01", "2026-11-30")]:
        rep.append({"dataset": ds, **repurchase(part(orders, ds), tz, first, last)})
    with open(os.path.join(OUT, "repurchase.json"), "w") as fh:
        json.dump(rep, fh, indent=1)

    for name, ds, tz, as_of in [("main_shanghai_365", "main", SHANGHAI, AS_OF_A),
                                ("main_new_york_90", "main", NEW_YORK, AS_OF_B)]:
        t = table(part(customers, ds), part(orders, ds), part(refunds, ds), part(lines, ds), categories,
                  part(events, ds), as_of, tz, rfm_by_case[name])
        t.insert(0, "case", name)
        tables.append(t[["case", "customer_id", "orders", "spend", "aov", "first_order_at_ms", "last_order_at_ms",
                         "days_since_last_order", "lifecycle", "intent", "views_7d", "carts_7d", "categories",
                         "r", "f", "m", "segment"]])
    pd.concat(tables).to_csv(os.path.join(OUT, "table.csv"), index=False)
    print(f"wrote {OUT}: {len(orders)} orders, {len(refunds)} refunds, {len(events)} events, "
          f"{sum(len(r) for r in rows)} RFM rows")


if __name__ == "__main__":
    main()
