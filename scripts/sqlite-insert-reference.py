"""Reference for scripts/bench-ingest.sh: rows per second Python's sqlite3 inserts on this machine
(executemany of 1,000,000 small rows in one transaction, WAL, synchronous=NORMAL). Prints one number."""
import os
import sqlite3
import tempfile
import time

with tempfile.TemporaryDirectory() as directory:
    db = sqlite3.connect(os.path.join(directory, "reference.sqlite"), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, type TEXT NOT NULL, person TEXT NOT NULL)")
    rows = [(1_790_000_000_000 + i, "page_view", f"anon-{i // 7}") for i in range(1_000_000)]
    start = time.perf_counter()
    db.execute("BEGIN")
    db.executemany("INSERT INTO events (ts, type, person) VALUES (?, ?, ?)", rows)
    db.execute("COMMIT")
    print(round(len(rows) / (time.perf_counter() - start)))
