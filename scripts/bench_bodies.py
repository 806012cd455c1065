#!/usr/bin/env python3
"""Writes the request bodies of the API benchmarks from generated phishing rows (a CSV with a
header): wrk scripts for one record and 100 records as {"records": [...]}, 100 rows as
{"columns": [...], "rows": [...]}, and a 1,000-row CSV to upload.

    scripts/bench_bodies.py ROWS.csv OUT_DIR    # one.lua hundred.lua hundred-rows.lua upload-1000.csv
"""
import csv
import json
import sys


def main():
    source, out = sys.argv[1], sys.argv[2]
    with open(source, newline="") as f:
        rows = [row for _, row in zip(range(1000), csv.DictReader(f))]
    for name, count, shape in (("one", 1, "records"), ("hundred", 100, "records"), ("hundred-rows", 100, "rows")):
        records = [{k: int(v) for k, v in r.items() if k != "Result"} for r in rows[:count]]
        if shape == "records":
            body = json.dumps({"records": records})
        else:
            body = json.dumps({"columns": list(records[0]), "rows": [list(r.values()) for r in records]})
        with open(f"{out}/{name}.lua", "w") as lua:
            lua.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
            lua.write("wrk.body = " + json.dumps(body) + "\n")
    with open(f"{out}/upload-1000.csv", "w") as upload:
        upload.write(",".join(rows[0].keys()) + "\n")
        for r in rows:
            upload.write(",".join(r.values()) + "\n")


if __name__ == "__main__":
    main()
