#!/usr/bin/env python3
"""Generate the analytics reference dataset (events.csv, orders.csv).

Deterministic: every random draw comes from numpy's default_rng(20261122), in a fixed order.
The data covers 60 shop-local days starting 2026-09-01 (Asia/Shanghai): about 3,000 people and
40,000 events, plus their orders and some paid orders from before the event data (history).

Besides the simulated traffic, a set of scripted "edge personas" (see `edge_personas`) puts
events exactly at window and period boundaries, identical timestamps, late arrivals, 30-minute
sessionisation gaps, session-channel ties and so on.

Output (relative to the repository root):
    Tests/InsightsTests/Fixtures/analytics/events.csv
    Tests/InsightsTests/Fixtures/analytics/orders.csv
"""
from __future__ import annotations

import csv
import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

SEED = 20261122
TZ = ZoneInfo("Asia/Shanghai")
DAYS = 60
MIN = 60_000
HOUR = 3_600_000
DAY = 86_400_000
SESSION_GAP = 30 * MIN

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT_DIR = os.path.join(ROOT, "Tests", "InsightsTests", "Fixtures", "analytics")

CHANNELS = ["direct", "paid_search", "organic_search", "social", "live_stream",
            "short_video", "kol", "email_sms", "referral"]
CHANNEL_P = [0.28, 0.12, 0.15, 0.10, 0.08, 0.11, 0.05, 0.06, 0.05]
WEB_DEVICES = ["desktop", "mobile", "tablet", "mini_program", "other"]
WEB_DEVICE_P = [0.30, 0.48, 0.07, 0.12, 0.03]
APP_DEVICES = ["app", "mini_program"]
SKUS = np.arange(1001, 1121)  # 120 skus
SKU_P = 1.0 / np.arange(1, len(SKUS) + 1) ** 0.9
SKU_P = SKU_P / SKU_P.sum()


def local_ms(y, m, d, hh=0, mm=0, ss=0, ms=0) -> int:
    """Shop-local wall time -> UTC epoch milliseconds."""
    dt = datetime(y, m, d, hh, mm, ss, tzinfo=TZ)
    return int(dt.timestamp()) * 1000 + ms


START = local_ms(2026, 9, 1)
END = START + DAYS * DAY  # exclusive: 2026-10-31 00:00 local


class World:
    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.events: list[dict] = []  # in generation order; seq assigned later by arrival time
        self.orders: list[dict] = []
        self.n_anon = 0
        self.n_cust = 0
        self.n_session = 0
        self.n_order = 0
        self.forced_delay: dict[int, int] = {}  # event index -> arrival delay (ms)
        self.forced_no_session: set[str] = set()  # identity keys that never send session_id
        self.forced_session: set[str] = set()  # identity keys that always send session_id

    # ids -------------------------------------------------------------------------------
    def new_anon(self) -> str:
        self.n_anon += 1
        return f"a{self.n_anon:05d}"

    def new_customer(self) -> str:
        self.n_cust += 1
        return f"c{self.n_cust:04d}"

    def new_session(self) -> str:
        self.n_session += 1
        return f"s{self.n_session:06d}"

    def new_order_id(self) -> str:
        self.n_order += 1
        return f"o{self.n_order:05d}"

    # events ----------------------------------------------------------------------------
    def emit(self, ts, type_, anon="", cust="", sid="", channel="direct", device="other", sku=None):
        self.events.append(dict(ts=int(ts), type=type_, anon=anon, cust=cust, sid=sid,
                                channel=channel, device=device,
                                sku="" if sku is None else str(int(sku))))
        return len(self.events) - 1

    def add_order(self, cust, placed, total, paid=None, refunded=0, refunded_at=None):
        oid = self.new_order_id()
        self.orders.append(dict(order_id=oid, customer_id=cust, placed_at_ms=int(placed),
                                total=int(total), paid_at_ms="" if paid is None else int(paid),
                                refunded=int(refunded),
                                refunded_at_ms="" if refunded_at is None else int(refunded_at)))
        return oid

    # helpers ---------------------------------------------------------------------------
    def gap(self) -> int:
        r = self.rng.random()
        if r < 0.03:  # a long pause inside one client session (server would split it)
            return int(self.rng.integers(31 * MIN, 90 * MIN))
        if r < 0.06:  # around the 30-minute line
            return int(self.rng.integers(25 * MIN, 35 * MIN))
        return int(self.rng.exponential(50_000)) + 500

    def sku(self) -> int:
        return int(self.rng.choice(SKUS, p=SKU_P))

    def order_total(self) -> int:
        # minor units; mostly "x9.90" prices times quantity, a few odd totals
        base = int(self.rng.choice([1990, 2990, 3990, 5990, 8990, 12990, 19990, 29990, 49990]))
        qty = int(self.rng.choice([1, 1, 1, 2, 2, 3]))
        total = base * qty
        if self.rng.random() < 0.25:
            total -= int(self.rng.integers(1, 1000))  # coupons give odd amounts
        return total


def session_start_times(rng, n_sessions: int, first_day: float) -> list[int]:
    """Start instants of a person's sessions: evening-heavy local hours, gaps of days."""
    out = []
    day = first_day
    for _ in range(n_sessions):
        mix = rng.random()
        if mix < 0.55:
            hour = rng.normal(21.0, 1.6)
        elif mix < 0.85:
            hour = rng.normal(12.5, 2.0)
        else:
            hour = rng.uniform(0, 24)
        hour = float(np.clip(hour, 0, 23.99))
        ts = START + int(day) * DAY + int(hour * HOUR) + int(rng.integers(0, MIN))
        out.append(ts)
        day += rng.exponential(4.0) if rng.random() < 0.7 else rng.uniform(0, 1)
    return [t for t in out if t < END]


def simulate_person(w: World, kind: str, cust: str | None, intent: float, history: bool):
    """One simulated person. kind: anon | login | two_devices | app."""
    rng = w.rng
    anon_ids = []
    if kind in ("anon", "login"):
        anon_ids = [w.new_anon()]
    elif kind == "two_devices":
        anon_ids = [w.new_anon(), w.new_anon()]
    devices = {a: str(rng.choice(WEB_DEVICES, p=WEB_DEVICE_P)) for a in anon_ids}
    app_device = str(rng.choice(APP_DEVICES, p=[0.7, 0.3]))
    logged_in = {a: False for a in anon_ids}
    n_sessions = int(min(1 + rng.geometric(0.38 if intent < 0.5 else 0.22) - 1, 14))
    first_day = rng.uniform(0, DAYS)
    starts = session_start_times(rng, n_sessions, first_day)
    cart: list[int] = []
    for si, t in enumerate(starts):
        if kind == "app":
            anon, device = "", app_device
        elif kind == "two_devices":
            anon = anon_ids[0] if si % 2 == 0 or rng.random() < 0.3 else anon_ids[1]
            device = devices[anon]
        else:
            anon = anon_ids[0]
            device = devices[anon]
        ids_cust = cust if (kind == "app" or (anon and logged_in.get(anon))) else ""
        channel = str(rng.choice(CHANNELS, p=CHANNEL_P)) if si == 0 or rng.random() < 0.6 else "direct"
        sid = w.new_session()

        def ev(ts, type_, sku=None, ch="direct"):
            return w.emit(ts, type_, anon=anon, cust=ids_cust, sid=sid, channel=ch,
                          device=device, sku=sku)

        # landing
        if rng.random() < 0.5:
            s = w.sku()
            ev(t, "page_view", ch=channel)
            ev(t, "product_view", s, ch=channel)  # product pages send both, same instant
            last_sku = s
        else:
            ev(t, "page_view", ch=channel)
            last_sku = None
        if rng.random() < 0.04:  # a mid-session event with its own UTM (does not change the session channel)
            t += w.gap()
            ev(t, "page_view", ch=str(rng.choice(CHANNELS, p=CHANNEL_P)))
        steps = 0
        while steps < 40:
            steps += 1
            t += w.gap()
            if t >= END:
                break
            r = rng.random()
            p_exit = 0.30 - 0.18 * intent
            if r < p_exit:
                break
            r = rng.random()
            if r < 0.10:
                ev(t, "search")
                t += int(rng.integers(500, 8000))
                ev(t, "page_view")
            elif r < 0.50:
                s = w.sku()
                ev(t, "page_view")
                ev(t, "product_view", s)
                last_sku = s
            elif r < 0.53:
                ev(t, "coupon_claim")
            elif r < 0.54:
                ev(t, "live_comment")
            elif r < 0.70 and last_sku is not None and rng.random() < 0.35 + 0.5 * intent:
                ev(t, "add_to_cart", last_sku)
                cart.append(last_sku)
            elif r < 0.74 and cart:
                s = cart.pop(int(rng.integers(0, len(cart))))
                ev(t, "remove_from_cart", s)
            elif r < 0.92 and cart and rng.random() < 0.35 + 0.6 * intent:
                ev(t, "checkout_start")
                if cust is None:
                    break  # anonymous-only visitors never get past checkout
                if anon and not logged_in[anon]:
                    t += int(rng.integers(2000, 60_000))
                    ids_cust = cust
                    logged_in[anon] = True
                    ev(t, "login")  # custom type; carries both ids (identity merge)
                if rng.random() < 0.85:
                    t += int(rng.integers(5_000, 180_000))
                    if t >= END:
                        break
                    total = w.order_total()
                    ev(t, "order_placed")
                    r2 = rng.random()
                    paid = None
                    if r2 < 0.70:
                        paid = t + int(rng.integers(3_000, 300_000))
                    elif r2 < 0.90:
                        paid = t + int(rng.integers(5 * MIN, 60 * MIN))
                    refunded, refunded_at = 0, None
                    if paid is not None and paid >= END:
                        paid = None
                    if paid is not None:
                        # order_paid is emitted by the commerce core: customer id only
                        w.emit(paid, "order_paid", anon="", cust=cust, sid=sid, channel="direct",
                               device=device)
                        if rng.random() < 0.12:
                            refunded = total if rng.random() < 0.6 else int(rng.integers(1, total))
                            refunded_at = paid + int(rng.integers(HOUR, 12 * DAY))
                    w.add_order(cust, t, total, paid, refunded, refunded_at)
                    cart = []
                    break
            elif cust is not None and anon and not logged_in[anon] and rng.random() < 0.08:
                ids_cust = cust
                logged_in[anon] = True
                ev(t, "login")
    return anon_ids


def simulate(w: World):
    rng = w.rng
    # History customers: paid orders between 2026-03-01 and 2026-08-30 (local), before the events.
    history_customers = []
    for _ in range(260):
        c = w.new_customer()
        history_customers.append(c)
        for _ in range(int(rng.choice([1, 1, 1, 2, 2, 3]))):
            placed = local_ms(2026, 3, 1) + int(rng.integers(0, local_ms(2026, 8, 30, 23) - local_ms(2026, 3, 1)))
            paid = placed + int(rng.integers(5_000, 600_000))
            w.add_order(c, placed, w.order_total(), paid)
        if rng.random() < 0.15:  # an unpaid (cancelled) historical order
            placed = local_ms(2026, 4, 1) + int(rng.integers(0, 100 * DAY))
            w.add_order(c, placed, w.order_total(), None)

    # 180 of the history customers come back in the event data
    returning = list(rng.choice(history_customers, size=180, replace=False))
    kinds = (["anon"] * 1500 + ["login"] * 760 + ["two_devices"] * 150 + ["app"] * 350)
    kinds = list(rng.permutation(kinds))
    ri = 0
    for kind in kinds:
        intent = float(rng.beta(1.4, 2.6))
        cust = None
        history = False
        if kind != "anon":
            if ri < len(returning) and rng.random() < 0.2:
                cust = str(returning[ri]); ri += 1; history = True
                intent = min(1.0, intent + 0.25)
            else:
                cust = w.new_customer()
        simulate_person(w, kind, cust, intent, history)
    # a few returning customers not placed yet: app users
    while ri < len(returning):
        simulate_person(w, "app", str(returning[ri]), float(rng.beta(2, 2)), True)
        ri += 1

    # Imported/offline orders of customers without events (count in GMV and paying customers)
    for _ in range(12):
        c = w.new_customer()
        placed = START + int(rng.integers(0, DAYS * DAY - DAY))
        paid = placed + int(rng.integers(60_000, 3 * HOUR)) if rng.random() < 0.8 else None
        w.add_order(c, placed, w.order_total(), paid)


def edge_personas(w: World):
    """Scripted people that pin down the edge cases, at exact instants."""
    def cust_and_anon():
        return w.new_customer(), w.new_anon()

    # 1. 1-hour window boundary: product_view exactly 1 h after page_view, add_to_cart 1 h + 1 ms.
    c, a = cust_and_anon()
    t0 = local_ms(2026, 9, 10, 20, 0)
    for k, (dt, ty, sku) in enumerate([(0, "page_view", None), (HOUR, "product_view", 1001),
                                       (HOUR + 1, "add_to_cart", 1001), (HOUR + 2, "checkout_start", None)]):
        w.emit(t0 + dt, ty, anon=a, sid="e1", channel="kol" if k == 0 else "direct", device="mobile", sku=sku)

    # 2. 7-day window boundary: order_paid exactly 7 d after the first page_view (counts) ...
    c, a = cust_and_anon()
    t0 = local_ms(2026, 9, 12, 9, 30)
    w.emit(t0, "page_view", anon=a, sid="e2a", channel="social", device="desktop")
    w.emit(t0 + 10_000, "product_view", anon=a, sid="e2a", device="desktop", sku=1002)
    w.emit(t0 + 3 * DAY, "add_to_cart", anon=a, cust=c, sid="e2b", device="desktop", sku=1002)
    w.emit(t0 + 3 * DAY + 60_000, "order_placed", anon=a, cust=c, sid="e2b", device="desktop")
    w.emit(t0 + 7 * DAY, "order_paid", cust=c, sid="e2b", device="desktop")
    w.add_order(c, t0 + 3 * DAY + 60_000, 12990, t0 + 7 * DAY)
    #    ... and one 7 d + 1 ms after (does not count in a 7-day window).
    c, a = cust_and_anon()
    t0 = local_ms(2026, 9, 14, 11, 0)
    w.emit(t0, "page_view", anon=a, sid="e3a", channel="paid_search", device="mobile")
    w.emit(t0 + 5_000, "product_view", anon=a, sid="e3a", device="mobile", sku=1003)
    w.emit(t0 + 2 * DAY, "add_to_cart", anon=a, cust=c, sid="e3b", device="mobile", sku=1003)
    w.emit(t0 + 2 * DAY + 30_000, "order_placed", anon=a, cust=c, sid="e3b", device="mobile")
    w.emit(t0 + 7 * DAY + 1, "order_paid", cust=c, sid="e3b", device="mobile")
    w.add_order(c, t0 + 2 * DAY + 30_000, 8990, t0 + 7 * DAY + 1)

    # 3. Events exactly at period boundaries (local midnights) and 1 ms before them.
    for (y, m, d) in [(2026, 9, 1), (2026, 9, 7), (2026, 9, 28), (2026, 10, 1), (2026, 10, 2), (2026, 10, 5)]:
        c, a = cust_and_anon()
        t = local_ms(y, m, d)
        w.emit(t - 1 if t > START else t, "page_view", anon=a, sid=f"e4{m}{d}a", channel="email_sms",
               device="tablet")
        w.emit(t, "product_view", anon=a, sid=f"e4{m}{d}a", device="tablet", sku=1004)
        w.emit(t, "add_to_cart", anon=a, cust=c, sid=f"e4{m}{d}a", device="tablet", sku=1004)
        w.emit(t + 1, "order_placed", anon=a, cust=c, sid=f"e4{m}{d}a", device="tablet")
        w.emit(t + 2, "order_paid", cust=c, sid=f"e4{m}{d}a", device="tablet")
        w.add_order(c, t + 1, 5990, t + 2)
    # an order placed 23:59:59.999 on 30 Sep and paid at midnight 1 Oct, refunded exactly at midnight 2 Oct
    c, a = cust_and_anon()
    w.emit(local_ms(2026, 9, 30, 23, 50), "page_view", anon=a, cust=c, sid="e5", channel="live_stream", device="app")
    w.emit(local_ms(2026, 9, 30, 23, 59, 59, 999), "order_placed", anon=a, cust=c, sid="e5", device="app")
    w.emit(local_ms(2026, 10, 1), "order_paid", cust=c, sid="e5", device="app")
    w.add_order(c, local_ms(2026, 9, 30, 23, 59, 59, 999), 29990, local_ms(2026, 10, 1), 29990,
                local_ms(2026, 10, 2))

    # 4. Identical timestamps where arrival order decides: add_to_cart arrives before the
    #    product_view of the same instant (ordered funnel pv -> product_view -> add_to_cart
    #    reaches only step 2), and the mirror case (reaches step 3).
    for swap, ident in [(True, "e6"), (False, "e7")]:
        c, a = cust_and_anon()
        t0 = local_ms(2026, 9, 20, 15, 0)
        w.emit(t0, "page_view", anon=a, sid=ident, channel="short_video", device="mobile")
        if swap:
            w.emit(t0 + 20_000, "add_to_cart", anon=a, sid=ident, device="mobile", sku=1005)
            w.emit(t0 + 20_000, "product_view", anon=a, sid=ident, device="mobile", sku=1005)
        else:
            w.emit(t0 + 20_000, "product_view", anon=a, sid=ident, device="mobile", sku=1005)
            w.emit(t0 + 20_000, "add_to_cart", anon=a, sid=ident, device="mobile", sku=1005)

    # 5. Session channel ties: two events at the session's first instant with different
    #    channels; arrival (seq) decides. And a session whose earliest event arrives late.
    a = w.new_anon()
    t0 = local_ms(2026, 9, 22, 21, 0)
    w.emit(t0, "page_view", anon=a, sid="e8", channel="kol", device="desktop")
    w.emit(t0, "page_view", anon=a, sid="e8", channel="social", device="desktop")
    w.emit(t0 + 30_000, "product_view", anon=a, sid="e8", device="desktop", sku=1006)
    a = w.new_anon()
    t0 = local_ms(2026, 9, 23, 21, 0)
    w.emit(t0 + 10_000, "page_view", anon=a, sid="e9", channel="direct", device="mobile")
    i = w.emit(t0, "page_view", anon=a, sid="e9", channel="live_stream", device="mobile")
    w.forced_delay[i] = 25_000  # generated after, and it also arrives after: seq later, ts earlier
    w.emit(t0 + 40_000, "product_view", anon=a, sid="e9", device="mobile", sku=1007)

    # 6. Server sessionisation (no session_id): gaps of exactly 30 min (same session) and
    #    30 min + 1 ms (new session); a late event that arrives after later ones.
    a = w.new_anon()
    w.forced_no_session.add(a)
    t0 = local_ms(2026, 9, 25, 10, 0)
    w.emit(t0, "page_view", anon=a, channel="organic_search", device="desktop")
    w.emit(t0 + SESSION_GAP, "product_view", anon=a, device="desktop", sku=1008)  # same session
    w.emit(t0 + 2 * SESSION_GAP + 1, "page_view", anon=a, channel="referral", device="desktop")  # new
    w.emit(t0 + 2 * SESSION_GAP + 2, "search", anon=a, device="desktop")
    i = w.emit(t0 + 2 * SESSION_GAP - 10 * MIN, "page_view", anon=a, channel="social", device="desktop")
    w.forced_delay[i] = 25 * MIN  # arrives after the two events above (late by 25 min)
    w.emit(t0 + 3 * SESSION_GAP, "product_view", anon=a, device="desktop", sku=1008)

    # 7. Repeated first steps and strict-mode breaks.
    c, a = cust_and_anon()
    t0 = local_ms(2026, 9, 26, 19, 0)
    seq7 = [(0, "page_view"), (60_000, "page_view"), (120_000, "page_view"), (180_000, "search"),
            (240_000, "product_view"), (300_000, "page_view"), (360_000, "product_view"),
            (420_000, "add_to_cart"), (480_000, "checkout_start"), (540_000, "login"),
            (600_000, "order_placed")]
    for dt, ty in seq7:
        sku = 1009 if ty in ("product_view", "add_to_cart") else None
        w.emit(t0 + dt, ty, anon=a, cust=c if ty in ("login", "order_placed") else "", sid="e10",
               channel="paid_search" if dt == 0 else "direct", device="mobile", sku=sku)
    w.emit(t0 + 660_000, "order_paid", cust=c, sid="e10", device="mobile")
    w.add_order(c, t0 + 600_000, 19990, t0 + 660_000)

    # 8. A customer with two anonymous ids (phone, laptop) converting across sessions and devices,
    #    the phone never sending session ids.
    c = w.new_customer()
    a1, a2 = w.new_anon(), w.new_anon()
    w.forced_no_session.add(a1)
    t0 = local_ms(2026, 10, 3, 22, 15)
    w.emit(t0, "page_view", anon=a1, channel="short_video", device="mobile")
    w.emit(t0 + 15_000, "product_view", anon=a1, device="mobile", sku=1010)
    w.emit(t0 + 45_000, "login", anon=a1, cust=c, device="mobile")
    w.emit(t0 + 90_000, "add_to_cart", anon=a1, cust=c, device="mobile", sku=1010)
    t1 = t0 + 2 * DAY
    w.emit(t1, "page_view", anon=a2, sid="e11", channel="direct", device="desktop")
    w.emit(t1 + 5_000, "login", anon=a2, cust=c, sid="e11", device="desktop")
    w.emit(t1 + 20_000, "checkout_start", anon=a2, cust=c, sid="e11", device="desktop")
    w.emit(t1 + 50_000, "order_placed", anon=a2, cust=c, sid="e11", device="desktop")
    w.emit(t1 + 70_000, "order_paid", cust=c, sid="e11", device="desktop")
    w.add_order(c, t1 + 50_000, 49990, t1 + 70_000)

    # 9. Same-type consecutive steps (page_view -> page_view): one event advances one step only.
    a = w.new_anon()
    t0 = local_ms(2026, 10, 8, 8, 0)
    w.emit(t0, "page_view", anon=a, sid="e12", channel="email_sms", device="other")
    w.emit(t0 + 1000, "order_placed", anon=a, sid="e12", device="other")  # anonymous order_placed event
    a = w.new_anon()
    w.emit(t0, "page_view", anon=a, sid="e13", channel="email_sms", device="other")
    w.emit(t0 + 1000, "page_view", anon=a, sid="e13", device="other")
    w.emit(t0 + 2000, "order_placed", anon=a, sid="e13", device="other")

    # 10. Attempt starting on the last day of a period and completing after it (1 Oct 23:30 -> 2 Oct 00:10)
    c, a = cust_and_anon()
    t0 = local_ms(2026, 10, 1, 23, 30)
    w.emit(t0, "page_view", anon=a, cust=c, sid="e14", channel="referral", device="app")
    w.emit(t0 + 5 * MIN, "product_view", anon=a, cust=c, sid="e14", device="app", sku=1011)
    w.emit(t0 + 40 * MIN, "add_to_cart", anon=a, cust=c, sid="e14", device="app", sku=1011)
    w.emit(t0 + 45 * MIN, "order_placed", anon=a, cust=c, sid="e14", device="app")
    w.emit(t0 + 50 * MIN, "order_paid", cust=c, sid="e14", device="app")
    w.add_order(c, t0 + 45 * MIN, 3990, t0 + 50 * MIN)


def assign_arrival(w: World) -> list[int]:
    """Arrival order (the seq): timestamp plus a delivery delay, some events late."""
    rng = w.rng
    n = len(w.events)
    delay = rng.integers(0, 1500, size=n)
    r = rng.random(n)
    late = r < 0.04
    delay[late] = rng.integers(MIN, 10 * MIN, size=int(late.sum()))
    very_late = r > 0.992
    delay[very_late] = rng.integers(HOUR, 6 * HOUR, size=int(very_late.sum()))
    for i, d in w.forced_delay.items():
        delay[i] = d
    ts = np.array([e["ts"] for e in w.events], dtype=np.int64)
    arrival = ts + delay
    # ties in arrival: generation order
    return list(np.lexsort((np.arange(n), arrival)))


def main():
    rng = np.random.default_rng(SEED)
    w = World(rng)
    simulate(w)
    first_edge = len(w.events)
    edge_personas(w)
    # scripted events arrive at once (seq follows generation order at equal instants) unless
    # their persona says otherwise; those that name a session keep it (their identity always
    # sends session ids)
    for i in range(first_edge, len(w.events)):
        w.forced_delay.setdefault(i, 0)
    for e in w.events[first_edge:]:
        if e["sid"]:
            w.forced_session.add(e["anon"] or "c:" + e["cust"])
    # an event of the data's very first and very last instants
    a = w.new_anon()
    w.emit(START, "page_view", anon=a, sid="e15", channel="organic_search", device="desktop")
    w.emit(END - 1, "page_view", anon=a, sid="e16", channel="organic_search", device="desktop")

    order = assign_arrival(w)
    events = [w.events[i] for i in order]

    # Which identities send session ids: ~80% of events carry one. Identity = anon id, else customer.
    idents = sorted({(e["anon"] or "c:" + e["cust"]) for e in events})
    no_session = set()
    for ident in idents:  # sorted -> deterministic draw order
        if ident in w.forced_no_session:
            no_session.add(ident)
        elif ident in w.forced_session:
            continue
        elif rng.random() < 0.2:
            no_session.add(ident)
    for e in events:
        if (e["anon"] or "c:" + e["cust"]) in no_session:
            e["sid"] = ""

    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, "events.csv"), "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["seq", "timestamp_ms", "type", "anonymous_id", "customer_id", "session_id",
                     "channel", "device", "sku"])
        for seq, e in enumerate(events):
            wr.writerow([seq, e["ts"], e["type"], e["anon"], e["cust"], e["sid"], e["channel"],
                         e["device"], e["sku"]])
    orders = sorted(w.orders, key=lambda o: o["order_id"])
    with open(os.path.join(OUT_DIR, "orders.csv"), "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["order_id", "customer_id", "placed_at_ms", "total", "paid_at_ms", "refunded",
                     "refunded_at_ms"])
        for o in orders:
            wr.writerow([o[k] for k in ["order_id", "customer_id", "placed_at_ms", "total",
                                        "paid_at_ms", "refunded", "refunded_at_ms"]])
    n_nosess = sum(1 for e in events if not e["sid"])
    print(f"events: {len(events)} ({n_nosess / len(events):.1%} without session_id), "
          f"orders: {len(orders)}, anonymous ids: {w.n_anon}, customers: {w.n_cust}")


if __name__ == "__main__":
    main()
