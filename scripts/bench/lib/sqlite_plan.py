"""Looks inside FerretDB's SQLite file: which indexes exist on the leads table, what the SQL that
FerretDB 1.24 actually sends costs (it only ever reads the whole table), and what the same
queries would cost if they were written against FerretDB's own expression indexes.

Usage: python3 sqlite_plan.py <file.sqlite> <collection> <tenant hex> <status> <phone>
Prints one JSON object.
"""
import json
import sqlite3
import statistics
import sys
import time

path, collection, tenant, status, phone = sys.argv[1:6]
con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
table = con.execute("SELECT table_name FROM _ferretdb_collections WHERE name = ?", (collection,)).fetchone()[0]


def q(s):
    # sjson stores strings and ObjectIds as JSON strings; `->` yields their JSON text.
    return json.dumps(s)


def timed(sql, params=(), runs=15):
    samples = []
    rows = 0
    for _ in range(runs):
        t = time.perf_counter()
        rows = len(con.execute(sql, params).fetchall())
        samples.append((time.perf_counter() - t) * 1000)
    plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
    return {"sql": sql, "plan": plan, "rows": rows, "median_ms": round(statistics.median(samples), 2)}


col = "_ferretdb_sjson"
# The index expressions FerretDB creates: _ferretdb_sjson->"field" (see its CREATE INDEX statements).
f = lambda name: f'{col}->"{name}"'
result = {
    "table": table,
    "rows": con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0],
    "megabytes": round(con.execute(f'SELECT sum(length({col})) FROM "{table}"').fetchone()[0] / 1e6, 1),
    "indexes": [r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,))],
    # What FerretDB 1.24 sends for every one of the benchmark's queries: no WHERE, no ORDER BY, no LIMIT.
    "ferretdb_sql": timed(f'SELECT {col} FROM "{table}"', runs=5),
    "with_indexes": {
        "list": timed(
            f'SELECT {col} FROM "{table}" WHERE {f("tenant_id")} = ? AND {f("status")} = ? ORDER BY {f("created_at")} DESC LIMIT 50',
            (q(tenant), q(status)),
        ),
        "phone": timed(f'SELECT {col} FROM "{table}" WHERE {f("tenant_id")} = ? AND {f("phone")} = ?', (q(tenant), q(phone))),
        "count_by_status": timed(
            f'SELECT {f("status")}, count(*) FROM "{table}" WHERE {f("tenant_id")} = ? GROUP BY 1', (q(tenant),)
        ),
    },
}
print(json.dumps(result))
