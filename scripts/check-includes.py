#!/usr/bin/env python3
"""Fails if an #include crosses the house's layers the wrong way.

core/ is cut into domain folders, listed in core/README.md from the bottom up. A file may include
headers of its own folder and of folders in lower layers only, never of its own layer's other
folders or of higher layers: so the folders form no cycle, and a reader knows from a folder's
place in the list what it can depend on. Outside core: report/ may include core; ui/ core and
report; app/ core, report and (for the workbench's main only) ui; core includes nothing of them.
"""
import os
import re
import sys

# Bottom up; folders on one line are one layer and do not include each other.
CORE_LAYERS = [
    ["base"],
    ["stats", "store"],
    ["geo"],
    ["synth"],
    ["governance", "rules"],
    ["indicators", "cohorts", "stratify", "import", "evaluation"],
    ["maturity"],
    ["packs"],
    ["session"],
    ["operations"],
]
RANK = {folder: rank for rank, layer in enumerate(CORE_LAYERS) for folder in layer}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def core_folder(header):
    """The core folder a quoted include names ("rules/ruleengine.h" -> rules), else None."""
    head = header.split("/", 1)[0]
    return head if "/" in header and head in RANK else None


def check(path, top, sub, header, problems):
    target = core_folder(header)
    where = f"{path}: includes \"{header}\""
    if top == "core":
        if sub not in RANK:
            problems.append(f"{path}: core/{sub}/ is not a known folder (add it to CORE_LAYERS and core/README.md)")
        elif target is None and "/" in header:
            problems.append(f"{where}: core includes only core headers")
        elif target is None and not header.endswith(".moc"):
            problems.append(f"{where}: write core includes with their folder (\"{sub}/...\")")
        elif target != sub and RANK[target] >= RANK[sub]:
            problems.append(f"{where}: {sub}/ (layer {RANK[sub]}) may not include {target}/ (layer {RANK[target]})")
    elif top == "report" and target is None and not header.startswith("report/") and not header.endswith(".moc"):
        problems.append(f"{where}: report/ includes core headers and its own (\"report/...\") only")
    elif top == "ui" and os.path.exists(os.path.join("app", header)):
        problems.append(f"{where}: ui/ never includes app/")


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    problems = []
    for top in ("core", "report", "ui", "app"):
        for dirpath, _, names in os.walk(top):
            for name in sorted(names):
                if not name.endswith((".h", ".cpp")):
                    continue
                path = os.path.join(dirpath, name)
                parts = path.split(os.sep)
                sub = parts[1] if top == "core" and len(parts) > 2 else ""
                if top == "core" and not sub:
                    problems.append(f"{path}: core sources live in a domain folder")
                    continue
                for header in INCLUDE.findall(open(path, encoding="utf-8").read()):
                    check(path, top, sub, header, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
