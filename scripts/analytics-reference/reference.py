#!/usr/bin/env python3
"""Reference implementation of docs/analytics.md (pandas), writing the Insights test fixtures.

Reads  Tests/InsightsTests/Fixtures/analytics/{events,orders}.csv
Writes Tests/InsightsTests/Fixtures/analytics/{kpis.json, funnels.json, retention.csv,
       retention_cases.json}

This is written for clarity, not speed: every rule is a few plain lines that can be read next to
the doc. Readings of the doc where it leaves a choice are marked "READING:".
"""
from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "InsightsTests", "Fixtures", "analytics")

TIME_ZONE = "Asia/Shanghai"
TZ = ZoneInfo(TIME_ZONE)
MINUTE = 60_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR
SESSION_GAP_MS = 30 * MINUTE


# ---------------------------------------------------------------------------------------------
# time helpers (shop time zone)

def local_midnight_ms(d: date) -> int:
    """UTC epoch ms of 00:00 local time on calendar day d."""
    return int(datetime(d.year, d.month, d.day, tzinfo=TZ).timestamp() * 1000)


def parse_date(s: str) -> date:
    return date.fromisoformat(s)


def period_ms(from_date: str, to_date: str) -> tuple[int, int]:
    """A report period `--from A --to B`: [A 00:00, B+1 00:00) local time, as UTC ms."""
    return (local_midnight_ms(parse_date(from_date)),
            local_midnight_ms(parse_date(to_date) + timedelta(days=1)))


def local_date(ts_ms: int) -> date:
    return datetime.fromtimestamp(ts_ms / 1000, tz=TZ).date()


def bucket_start(d: date, period: str) -> date:
    """Start (local date) of the calendar day / ISO week (Monday) / month holding d."""
    if period == "day":
        return d
    if period == "week":
        return d - timedelta(days=d.weekday())  # Monday
    if period == "month":
        return d.replace(day=1)
    raise ValueError(period)


def bucket_index(d: date, period: str) -> int:
    """A number that increases by one from each calendar period to the next."""
    b = bucket_start(d, period)
    if period == "day":
        return b.toordinal()
    if period == "week":
        return b.toordinal() // 7  # Mondays are ordinal 0 mod 7
    return b.year * 12 + (b.month - 1)


def round_money_ratio(a: int, b: int) -> int:
    """Money ratio rounded to the minor unit, halves away from zero: (2a + b) div (2b).

    All money amounts here are >= 0, so floor division is the doc's div. Zero denominator -> 0.
    """
    if b == 0:
        return 0
    return (2 * a + b) // (2 * b)


def ratio(a, b) -> float:
    return 0.0 if b == 0 else a / b


# ---------------------------------------------------------------------------------------------
# loading, people, sessions

def load_events(path: str) -> pd.DataFrame:
    ev = pd.read_csv(path, dtype=str, keep_default_na=False)
    ev["seq"] = ev["seq"].astype("int64")
    ev["ts"] = ev["timestamp_ms"].astype("int64")
    ev["sku"] = pd.array([int(s) if s != "" else None for s in ev["sku"]], dtype="Int64")
    ev = ev.sort_values("seq").reset_index(drop=True)
    assert ev["seq"].tolist() == list(range(len(ev))), "seq must be 0..n-1"
    return ev


def load_orders(path: str) -> pd.DataFrame:
    od = pd.read_csv(path, dtype=str, keep_default_na=False)
    od["placed_at_ms"] = od["placed_at_ms"].astype("int64")
    od["total"] = od["total"].astype("int64")
    # missing instants are <NA> (nullable Int64): test them with isna/notna only
    od["paid_at_ms"] = pd.array([int(x) if x != "" else None for x in od["paid_at_ms"]], dtype="Int64")
    od["refunded"] = od["refunded"].astype("int64")
    od["refunded_at_ms"] = pd.array([int(x) if x != "" else None for x in od["refunded_at_ms"]],
                                    dtype="Int64")
    return od


def assign_people(ev: pd.DataFrame) -> pd.Series:
    """Identity merge: identities linked by an event carrying both are one person.

    Union-find over nodes ("anon", id) and ("cust", id). A person that includes a customer is
    keyed by the customer id; an anonymous-only person by its (smallest) anonymous id.
    """
    parent: dict[tuple, tuple] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    for anon, cust in zip(ev["anonymous_id"], ev["customer_id"]):
        if anon:
            find(("anon", anon))
        if cust:
            find(("cust", cust))
        if anon and cust:
            union(("anon", anon), ("cust", cust))

    members: dict[tuple, list] = {}
    for node in list(parent):
        members.setdefault(find(node), []).append(node)
    key_of_root = {}
    for root, nodes in members.items():
        customers = sorted(n[1] for n in nodes if n[0] == "cust")
        # The doc keys a person linking several customers by the smallest customer id (customers[0]
        # below); the KPIs here count customers by order customer_id without that merge, so we
        # check that the dataset never links two customers.
        assert len(customers) <= 1, f"a person with two customers: {customers}"
        key_of_root[root] = customers[0] if customers else min(n[1] for n in nodes)

    def person(anon, cust):
        node = ("cust", cust) if cust else ("anon", anon)
        return key_of_root[find(node)]

    return pd.Series([person(a, c) for a, c in zip(ev["anonymous_id"], ev["customer_id"])],
                     index=ev.index)


def assign_sessions(ev: pd.DataFrame) -> pd.Series:
    """Session of each event (needs ev["person"], i.e. after identity merge).

    With a session_id: that id, scoped to the person (a client session belongs to one person;
    the same id sent by two people is two sessions). Without: the server sessionises per person
    (after identity merge, so a login does not cut a session), in arrival (seq) order: an event
    more than 30 minutes after that person's previous event without a session_id starts a new
    session; exactly 30 minutes stays in the session.
    "Previous event" is the person's previous server-sessionised event in arrival order (its
    timestamp may be later than this one's when events arrive late: then the difference is
    negative and the event stays in the session). Events with a session_id do not count toward
    the gap. An order_placed / order_paid event without a session_id joins the person's latest
    session, of either kind, when there is one (docs/analytics.md, "Session").
    """
    keys = []
    last_ts: dict[str, int] = {}
    number: dict[str, int] = {}
    latest: dict[str, str] = {}
    for sid, person, ts, kind in zip(ev["session_id"], ev["person"], ev["ts"], ev["type"]):
        if sid:
            key = f"sid:{person}:{sid}"
        elif kind in ("order_placed", "order_paid") and person in latest:
            # Order events are not visits: they join the person's latest session (any kind).
            key = latest[person]
        else:
            if person not in last_ts or ts - last_ts[person] > SESSION_GAP_MS:
                number[person] = number.get(person, 0) + 1
            last_ts[person] = ts
            key = f"srv:{person}#{number[person]}"
        latest[person] = key
        keys.append(key)
    return pd.Series(keys, index=ev.index)


def session_attributes(ev: pd.DataFrame) -> pd.DataFrame:
    """Channel and device of each session: those of its first event (earliest timestamp, ties
    by arrival); docs/analytics.md, "Channel of a session" and "Device". Sessions are built from
    all events in the data, not only from those of a report period."""
    first = ev.sort_values(["ts", "seq"]).groupby("session", sort=False).head(1)
    return first.set_index("session")[["channel", "device"]].rename(
        columns={"channel": "session_channel", "device": "session_device"})


def prepare() -> tuple[pd.DataFrame, pd.DataFrame]:
    ev = load_events(os.path.join(FIXTURES, "events.csv"))
    od = load_orders(os.path.join(FIXTURES, "orders.csv"))
    ev["person"] = assign_people(ev)
    ev["session"] = assign_sessions(ev)
    ev = ev.join(session_attributes(ev), on="session")
    ev["local_date"] = [local_date(t) for t in ev["ts"]]
    return ev, od


# ---------------------------------------------------------------------------------------------
# KPIs

def kpis(ev: pd.DataFrame, od: pd.DataFrame, from_date: str, to_date: str) -> dict:
    start, end = period_ms(from_date, to_date)
    in_p = ev[(ev["ts"] >= start) & (ev["ts"] < end)]

    pv = int((in_p["type"] == "page_view").sum())
    uv = int(in_p["person"].nunique())
    sessions = int(in_p["session"].nunique())
    atc_sessions = int(in_p.loc[in_p["type"] == "add_to_cart", "session"].nunique())

    placed = od[(od["placed_at_ms"] >= start) & (od["placed_at_ms"] < end)]
    orders = len(placed)
    gmv = int(placed["total"].sum())

    is_paid = od["paid_at_ms"].notna()
    paid_at = od["paid_at_ms"].fillna(-1)
    paid = od[is_paid & (paid_at >= start) & (paid_at < end)]
    paying_customers = int(paid["customer_id"].nunique())
    paid_revenue = int(paid["total"].sum())
    paid_orders = len(paid)

    refunded_at = od["refunded_at_ms"].fillna(-1)
    refunded_in_p = ((od["refunded"] > 0) & od["refunded_at_ms"].notna()
                     & (refunded_at >= start) & (refunded_at < end))
    refunds = int(od.loc[refunded_in_p, "refunded"].sum())

    paid_per_customer = paid.groupby("customer_id").size()
    repurchasers = int((paid_per_customer >= 2).sum())

    # Shopify returning customer rate. READING: a "paid order placed up to the end of P" is an
    # order with a paid time (at any time) whose placed time is before the end of P.
    paid_ever = od[is_paid]
    paid_placed_by_end = paid_ever[paid_ever["placed_at_ms"] < end].groupby("customer_id").size()
    returning = sum(1 for c in paid_per_customer.index if paid_placed_by_end.get(c, 0) >= 2)

    # dau: mean over the days of P of that day's distinct people
    first_day, last_day = parse_date(from_date), parse_date(to_date)
    days = [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    daily = in_p.groupby("local_date")["person"].nunique()
    dau = sum(int(daily.get(d, 0)) for d in days) / len(days)

    def distinct_people_in_days_ending(last: date, n_days: int) -> int:
        lo, hi = period_ms((last - timedelta(days=n_days - 1)).isoformat(), last.isoformat())
        return int(ev.loc[(ev["ts"] >= lo) & (ev["ts"] < hi), "person"].nunique())

    return {
        "pv": pv,
        "uv": uv,
        "sessions": sessions,
        "add_to_cart_rate": ratio(atc_sessions, sessions),
        "conversion_rate": ratio(paying_customers, uv),
        "orders": orders,
        "paying_customers": paying_customers,
        "gmv": gmv,
        "paid_revenue": paid_revenue,
        "refunds": refunds,
        "aov_per_customer": round_money_ratio(paid_revenue, paying_customers),
        "aov_per_order": round_money_ratio(paid_revenue, paid_orders),
        "uv_value": round_money_ratio(paid_revenue, uv),
        "repurchase_rate": ratio(repurchasers, paying_customers),
        "returning_customer_rate": ratio(returning, paying_customers),
        "dau": dau,
        "wau": distinct_people_in_days_ending(last_day, 7),
        "mau": distinct_people_in_days_ending(last_day, 30),
    }


# ---------------------------------------------------------------------------------------------
# Funnels

def matches(event, step: dict) -> bool:
    """An event matches a step when its type is the step's and every filter holds: `sku` tests
    the event's SKU, `channel` and `device` the event's session (its first event's channel and
    device)."""
    if event.type != step["type"]:
        return False
    if "sku" in step and (pd.isna(event.sku) or int(event.sku) not in step["sku"]):
        return False
    if "channel" in step and event.session_channel != step["channel"]:
        return False
    if "device" in step and event.session_device != step["device"]:
        return False
    return True


def ordered_funnel(events: list, steps: list, window: int, strict: bool):
    """Furthest step reached by one person, and the time to convert of the first attempt that
    completed (None when none did). `events` are the person's events in time order (ties in
    arrival order).

    start[k] is the start time of the latest-starting attempt that has reached step k + 1.
    Each event: steps are checked from the last to the first; an event matching step k > 1
    advances the attempt at step k - 1 when it is within the window of that attempt's start
    (t - start <= window). Checking from the last step first means one event advances an
    attempt by at most one step. An event matching step 1 starts a new attempt.
    Strict: every attempt the event did not advance is abandoned.
    """
    n = len(steps)
    start: list = [None] * n
    furthest = 0
    time_to_convert = None
    for e in events:
        new_start = [None] * n if strict else list(start)
        for k in range(n - 1, 0, -1):
            prev = start[k - 1]
            if prev is not None and matches(e, steps[k]) and e.ts - prev <= window:
                if new_start[k] is None or prev > new_start[k]:
                    new_start[k] = prev  # keep the latest-starting attempt
                furthest = max(furthest, k + 1)
                if k == n - 1 and time_to_convert is None:
                    time_to_convert = e.ts - prev
        if matches(e, steps[0]):
            new_start[0] = e.ts
            furthest = max(furthest, 1)
        start = new_start
    return furthest, time_to_convert


def unordered_funnel(events: list, steps: list, window: int):
    """Unordered: every event matching some step starts a window [t, t + window]; the events of
    that window, from that event on in time order (ties by arrival), are each assigned to the
    first not yet matched step they match. The person reaches the most steps over all windows.

    Time to convert (docs/analytics.md, "Median time to convert"): the first attempt that completed is the one whose completing
    event comes first (in time, then arrival order); if several windows complete at the same
    event, the latest-starting one (as in the ordered mode, the latest start is kept). Its time
    is the completing event's time minus the window's first event's time.
    """
    n = len(steps)
    furthest = 0
    first_completion = None  # (completing event index, -anchor index, time)
    for i, anchor in enumerate(events):
        if not any(matches(anchor, s) for s in steps):
            continue
        matched = [False] * n
        count = 0
        for j in range(i, len(events)):
            e = events[j]
            if e.ts - anchor.ts > window:
                break
            for k in range(n):
                if not matched[k] and matches(e, steps[k]):
                    matched[k] = True
                    count += 1
                    break
            if count == n:
                candidate = (j, -i, e.ts - anchor.ts)
                if first_completion is None or candidate < first_completion:
                    first_completion = candidate
                break
        furthest = max(furthest, count)
    return furthest, (None if first_completion is None else first_completion[2])


def median(values: list):
    """Median; the mean of the middle two when the count is even. None when empty."""
    if not values:
        return None
    v = sorted(values)
    m = len(v) // 2
    return float(v[m]) if len(v) % 2 == 1 else (v[m - 1] + v[m]) / 2


def funnel(ev: pd.DataFrame, case: dict) -> dict:
    steps, mode, window = case["steps"], case["mode"], case["window_ms"]
    # Only events inside the report period [from, to) are read.
    in_p = ev[(ev["ts"] >= case["from"]) & (ev["ts"] < case["to"])]
    in_p = in_p.sort_values(["ts", "seq"])
    n = len(steps)
    counts = [0] * n
    times = []
    groups: dict[str, list[int]] = {}
    for person, pev in in_p.groupby("person", sort=True):
        events = list(pev.itertuples(index=False))
        if mode == "unordered":
            reached, ttc = unordered_funnel(events, steps, window)
        else:
            reached, ttc = ordered_funnel(events, steps, window, strict=(mode == "strict"))
        for k in range(reached):
            counts[k] += 1
        if reached == n:
            times.append(ttc)
        if case["breakdown"] and reached > 0:
            # the group of the session of the person's first step-1 event in the period
            # (unordered: of their first event in the period matching any step)
            if mode == "unordered":
                first = next(e for e in events if any(matches(e, s) for s in steps))
            else:
                first = next(e for e in events if matches(e, steps[0]))
            group = first.session_channel if case["breakdown"] == "channel" else first.session_device
            g = groups.setdefault(group, [0] * n)
            for k in range(reached):
                g[k] += 1
    return {
        "steps": [{"count": c} for c in counts],
        "median_time_to_convert_ms": median(times),
        "breakdown": None if not case["breakdown"] else {g: groups[g] for g in sorted(groups)},
    }


# ---------------------------------------------------------------------------------------------
# Retention

def retention(ev: pd.DataFrame, od: pd.DataFrame, case: dict) -> list[dict]:
    """Rows (cohort, period N, size, retained, rate) of one retention case.

    Cohort of a person: the calendar period of their first event, or of their first paid order
    (orders.csv paid time of any customer id of the person). The cohort's defining instant must
    lie in the report range; first events / first paid orders are taken over all the data (so a
    customer whose first paid order is in the history is in no cohort of this range).
    Period N = N-th calendar period after the cohort's; N runs up to the last period of the
    range. Return events are events (any, or of the given type) inside the report range.
    Bounded: retained at N >= 1 = people with a return event in period N.
    Unbounded: retained at N = people with a return event in some period >= N.
    Period 0: retained = size.
    """
    period = case["period"]
    start, end = period_ms(case["from"], case["to"])
    last_index = bucket_index(local_date(end - 1), period)

    if case["cohort"] == "first_event":
        first = ev.groupby("person")["ts"].min()
    else:
        # The person of an order is the person its customer id belongs to (identity merge); a
        # customer without events is no person of the event data and in no cohort (doc, "Retention").
        person_of_customer = dict(zip(ev.loc[ev["customer_id"] != "", "customer_id"],
                                      ev.loc[ev["customer_id"] != "", "person"]))
        paid = od[od["paid_at_ms"].notna()].copy()
        paid["person"] = paid["customer_id"].map(person_of_customer)
        paid = paid[paid["person"].notna()]
        first = paid.groupby("person")["paid_at_ms"].min()
    first = first[(first >= start) & (first < end)]
    cohort_of = {p: bucket_index(local_date(int(t)), period) for p, t in first.items()}
    cohort_label = {p: bucket_start(local_date(int(t)), period).isoformat() for p, t in first.items()}

    returns = ev[(ev["ts"] >= start) & (ev["ts"] < end)]
    if case["return_event"] is not None:
        returns = returns[returns["type"] == case["return_event"]]
    return_periods: dict[str, set[int]] = {}
    for p, d in zip(returns["person"], returns["local_date"]):
        return_periods.setdefault(p, set()).add(bucket_index(d, period))

    rows = []
    cohorts: dict[int, list] = {}
    for p, c in cohort_of.items():
        cohorts.setdefault(c, []).append(p)
    for c in sorted(cohorts):
        people = cohorts[c]
        size = len(people)
        label = cohort_label[people[0]]
        for n in range(0, last_index - c + 1):
            if n == 0:
                retained = size
            elif case["bounded"]:
                retained = sum(1 for p in people if (c + n) in return_periods.get(p, ()))
            else:
                retained = sum(1 for p in people if any(q >= c + n for q in return_periods.get(p, ())))
            rows.append({"case": case["case"], "cohort": label, "period": n, "size": size,
                         "retained": retained, "rate": ratio(retained, size)})
    return rows


# ---------------------------------------------------------------------------------------------
# cases

KPI_PERIODS = [
    ("2026-09-01", "2026-09-30"),  # a month
    ("2026-10-01", "2026-10-31"),  # a month whose last day has no events (dau over 31 days)
    ("2026-09-28", "2026-10-04"),  # an ISO week (Mon-Sun) across the month boundary
    ("2026-10-01", "2026-10-01"),  # a single day
]

PV, SEARCH, PRODUCT, ATC, RFC, CHECKOUT, PLACED, PAID = (
    "page_view", "search", "product_view", "add_to_cart", "remove_from_cart", "checkout_start",
    "order_placed", "order_paid")
WEEK = 7 * DAY
POPULAR_SKUS = [1001, 1002, 1003, 1005, 1008]


def funnel_cases() -> list[dict]:
    whole = period_ms("2026-09-01", "2026-10-30")
    september = period_ms("2026-09-01", "2026-09-30")
    national_day_week = period_ms("2026-09-28", "2026-10-04")
    one_day = period_ms("2026-10-01", "2026-10-01")

    def case(name, steps, mode, window, period, breakdown=None, period_label=""):
        return {"name": name, "steps": steps, "mode": mode, "window_ms": window,
                "from": period[0], "to": period[1], "period": period_label,
                "time_zone": TIME_ZONE, "breakdown": breakdown}

    s = lambda t, **kw: {"type": t, **kw}  # noqa: E731
    return [
        case("ordered 2-step pv->product, 7d, September", [s(PV), s(PRODUCT)], "ordered", WEEK,
             september, None, "2026-09-01..2026-09-30"),
        case("ordered 4-step pv->product->cart->paid, 7d, by channel",
             [s(PV), s(PRODUCT), s(ATC), s(PAID)], "ordered", WEEK, whole, "channel",
             "2026-09-01..2026-10-30"),
        case("ordered 4-step pv->product->cart->paid, 1h, by device",
             [s(PV), s(PRODUCT), s(ATC), s(PAID)], "ordered", HOUR, whole, "device",
             "2026-09-01..2026-10-30"),
        case("ordered 3-step sku filter, 1h",
             [s(PRODUCT, sku=POPULAR_SKUS), s(ATC, sku=POPULAR_SKUS), s(CHECKOUT)], "ordered", HOUR,
             whole, None, "2026-09-01..2026-10-30"),
        case("ordered 4-step search->product->cart->checkout, 7d, week across months",
             [s(SEARCH), s(PRODUCT), s(ATC), s(CHECKOUT)], "ordered", WEEK, national_day_week,
             None, "2026-09-28..2026-10-04"),
        case("ordered 3-step pv->pv->order_placed (same type twice), 1h",
             [s(PV), s(PV), s(PLACED)], "ordered", HOUR, whole, None, "2026-09-01..2026-10-30"),
        case("ordered 2-step custom coupon_claim->order_placed, 7d",
             [s("coupon_claim"), s(PLACED)], "ordered", WEEK, whole, None,
             "2026-09-01..2026-10-30"),
        case("ordered 4-step single day, by channel",
             [s(PV), s(PRODUCT), s(ATC), s(PLACED)], "ordered", WEEK, one_day, "channel",
             "2026-10-01..2026-10-01"),
        case("strict 3-step pv->product->cart, 1h",
             [s(PV), s(PRODUCT), s(ATC)], "strict", HOUR, whole, None, "2026-09-01..2026-10-30"),
        case("strict 2-step product->cart, 7d, by channel",
             [s(PRODUCT), s(ATC)], "strict", WEEK, whole, "channel", "2026-09-01..2026-10-30"),
        case("strict 4-step cart->checkout->placed->paid, 7d, by device",
             [s(ATC), s(CHECKOUT), s(PLACED), s(PAID)], "strict", WEEK, whole, "device",
             "2026-09-01..2026-10-30"),
        case("unordered 3-step cart/search/product, 7d",
             [s(ATC), s(SEARCH), s(PRODUCT)], "unordered", WEEK, whole, None,
             "2026-09-01..2026-10-30"),
        case("unordered 2-step product(sku)/paid, 1h",
             [s(PRODUCT, sku=POPULAR_SKUS), s(PAID)], "unordered", HOUR, whole, None,
             "2026-09-01..2026-10-30"),
        case("unordered 4-step pv/product/cart/placed, 7d, September",
             [s(PV), s(PRODUCT), s(ATC), s(PLACED)], "unordered", WEEK, september, None,
             "2026-09-01..2026-09-30"),
        case("unordered 3-step paid/cart/product, 7d, by channel",
             [s(PAID), s(ATC), s(PRODUCT)], "unordered", WEEK, whole, "channel",
             "2026-09-01..2026-10-30"),
        case("strict 3-step product(sku)->cart(sku)->checkout, 1h, by device",
             [s(PRODUCT, sku=POPULAR_SKUS), s(ATC, sku=POPULAR_SKUS), s(CHECKOUT)], "strict", HOUR,
             whole, "device", "2026-09-01..2026-10-30"),
        case("ordered 3-step pv(paid_search)->product(mobile)->cart, 7d",
             [s(PV, channel="paid_search"), s(PRODUCT, device="mobile"), s(ATC)], "ordered", WEEK,
             whole, None, "2026-09-01..2026-10-30"),
        case("strict 3-step pv->product->cart(kol), 1h, by channel",
             [s(PV), s(PRODUCT), s(ATC, channel="kol")], "strict", HOUR, whole, "channel",
             "2026-09-01..2026-10-30"),
    ]


def retention_cases() -> list[dict]:
    cases = []
    for cohort in ("first_event", "first_paid_order"):
        for period in ("day", "week", "month"):
            for bounded in (True, False):
                for ret in (None, PAID):
                    name = f"{cohort}/{period}/{'bounded' if bounded else 'unbounded'}/{ret or 'any'}"
                    cases.append({"case": name, "cohort": cohort, "period": period,
                                  "bounded": bounded, "return_event": ret,
                                  "from": "2026-09-01", "to": "2026-10-30",
                                  "time_zone": TIME_ZONE})
    return cases


def write_json(name: str, obj) -> None:
    with open(os.path.join(FIXTURES, name), "w") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)  # floats are written with repr
        f.write("\n")


def main():
    ev, od = prepare()

    kpi_cases = [{"from": a, "to": b, "time_zone": TIME_ZONE, "expected": kpis(ev, od, a, b)}
                 for a, b in KPI_PERIODS]
    write_json("kpis.json", kpi_cases)

    fcases = funnel_cases()
    for c in fcases:
        c["expected"] = funnel(ev, c)
    write_json("funnels.json", fcases)

    rcases = retention_cases()
    rows = []
    for c in rcases:
        rows.extend(retention(ev, od, c))
    write_json("retention_cases.json", rcases)
    with open(os.path.join(FIXTURES, "retention.csv"), "w") as f:
        f.write("case,cohort,period,size,retained,rate\n")
        for r in rows:
            f.write(f"{r['case']},{r['cohort']},{r['period']},{r['size']},{r['retained']},"
                    f"{r['rate']!r}\n")

    print(f"kpis: {len(kpi_cases)} cases, funnels: {len(fcases)} cases, "
          f"retention: {len(rcases)} cases / {len(rows)} rows")


if __name__ == "__main__":
    main()
