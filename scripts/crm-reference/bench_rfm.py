#!/usr/bin/env python3
"""Reference timing for `yunying bench crm`: the same RFM (generate.rfm, pandas / numpy) over
synthetic data of the benchmark's shape: N customers, M orders over two years (90 % paid, 5 %
of those half refunded a day later), as of 2026-11-15 10:00 Asia/Shanghai, 365-day window.

    python bench_rfm.py [customers] [orders]     (defaults 1,000,000 and 5,000,000)

Prints the data-generation time and the RFM time (best of 2).
"""
import sys
import time

import numpy as np
import pandas as pd

from generate import rfm

DAY = 86_400_000
AS_OF = 1_794_708_000_000


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    t0 = time.perf_counter()
    rng = np.random.default_rng(1)
    placed = AS_OF - rng.integers(0, 730 * DAY, m)
    paid = np.where(rng.random(m) < 0.9, placed + rng.integers(0, 3_600_000, m), -1)
    orders = pd.DataFrame({
        "order_id": np.arange(1, m + 1), "customer_id": rng.integers(1, n + 1, m),
        "placed_at_ms": placed, "paid_at_ms": pd.array(np.where(paid >= 0, paid, 0), dtype="Int64"),
        "total": rng.integers(100, 100_100, m)})
    orders.loc[paid < 0, "paid_at_ms"] = pd.NA
    refunded = (paid >= 0) & (rng.random(m) < 0.05)
    refunds = pd.DataFrame({"order_id": orders.order_id[refunded], "amount": orders.total[refunded] // 2,
                            "refunded_at_ms": paid[refunded] + DAY})
    print(f"generate data {1000 * (time.perf_counter() - t0):10.1f} ms")
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        rows, _ = rfm(orders, refunds, AS_OF, 365, "Asia/Shanghai")
        best = min(best, time.perf_counter() - t)
    print(f"pandas rfm ({n} customers, {m} orders) {1000 * best:10.1f} ms  ({len(rows)} rows)")


if __name__ == "__main__":
    main()
