#!/usr/bin/env python3
"""Writes resources/refdata/imd2019-england-lsoa-min.csv: the national IMD 2019 file cut to what the
workbench needs for any England LSOA (an extract's people who live outside the ICS), from the
reference data in ../shared/refdata (see resources/refdata/SOURCE.md, sections 1 and 2).

Columns: lsoa11cd, lad19cd, imd_score, imd_rank, imd_decile, ruc11cd, then the ranks of the seven
domains (1 = most deprived of 32,844); a domain's decile is ceil(rank / 3284.4), as for the IMD.
"""
import csv
import math
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent.parent
shared = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "shared" / "refdata"
domains = ["income", "employment", "education", "health", "crime", "barriers", "living_env"]

ruc = {r["lsoa11cd"]: r["ruc11cd"] for r in csv.DictReader(open(shared / "ruc2011-england-lsoa.csv", newline=""))}
rows = list(csv.DictReader(open(shared / "imd2019-england-lsoa.csv", newline="")))
n = len(rows)
for r in rows:  # the decile rule the workbench uses, checked on every row and domain
    for d in ["imd"] + domains:
        assert int(r[d + "_decile"]) == math.ceil(int(r[d + "_rank"]) * 10 / n), (r["lsoa11cd"], d)

out = here / "resources" / "refdata" / "imd2019-england-lsoa-min.csv"
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["lsoa11cd", "lad19cd", "imd_score", "imd_rank", "imd_decile", "ruc11cd"] + [d + "_rank" for d in domains])
    for r in rows:
        w.writerow([r["lsoa11cd"], r["lad19cd"], r["imd_score"], r["imd_rank"], r["imd_decile"], ruc.get(r["lsoa11cd"], "")]
                   + [r[d + "_rank"] for d in domains])
print(f"{out}: {n} LSOAs")
