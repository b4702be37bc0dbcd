#!/work/main/.venv/bin/python
"""Compile logs/*.rc.json, logs/*.attack.json, logs/*.verify.json and logs/manual.json into REPORT.md.
Secrets are never printed here (only their ids and kinds)."""
import json
from collections import defaultdict
from pathlib import Path

R = Path(__file__).resolve().parent
m = json.loads((R / "manifest.json").read_text())["cases"]
manual = json.loads((R / "logs/manual.json").read_text()) if (R / "logs/manual.json").exists() else {}
hdr = (R / "REPORT.head.md").read_text() if (R / "REPORT.head.md").exists() else "# Red-team report\n"
rows = []
by_class = defaultdict(lambda: {"cases": 0, "exit0": 0, "refused": 0, "leak_strict": 0, "leak_any": 0,
                                "verify_passed_leak": 0, "fp": 0})
for cid, c in m.items():
    rcf = R / f"logs/{cid}.rc.json"
    rc = json.loads(rcf.read_text())["rc"] if rcf.exists() else None
    af = R / f"logs/{cid}.attack.json"
    att = json.loads(af.read_text()) if af.exists() else None
    vf = R / f"logs/{cid}.verify.json"
    ver = json.loads(vf.read_text()) if vf.exists() else None
    man = manual.get(cid, {})
    leaked, leaked_strict, partial, how = [], [], [], []
    if att and rc == 0:
        for sid, r in att["secrets"].items():
            if r["recovered"]:
                leaked.append(sid)
                if r["strict"]:
                    leaked_strict.append(sid)
                how.append(f"{sid}: {', '.join(r['how'][:3])}")
            elif r["near"] or r["partial"]:
                partial.append(sid)
    for sid in man.get("leaked", []):
        if sid not in leaked and rc == 0:
            leaked.append(sid)
            s = next((x for x in c["secrets"] if x["id"] == sid), None)
            if s and s.get("strict", True):
                leaked_strict.append(sid)
            how.append(f"{sid}: manual ({man.get('how', {}).get(sid, 'eye')})")
    for sid in man.get("partial", []):
        if sid not in partial and sid not in leaked:
            partial.append(sid)
    klass = c["trick"].split(":")[0].split("/")[0]
    b = by_class[klass]
    b["cases"] += 1
    if rc == 0:
        b["exit0"] += 1
    if rc == 9:
        b["refused"] += 1
    if leaked_strict:
        b["leak_strict"] += 1
    if leaked:
        b["leak_any"] += 1
    if ver is not None and leaked and ver.get("rc") == 0:
        b["verify_passed_leak"] += 1
    fp = man.get("false_positive", "")
    if fp:
        b["fp"] += 1
    status = "pending" if rc is None else ("REFUSED (exit 9)" if rc == 9 else f"exit {rc}")
    if rc == 0 and att is None and not man:
        lk = "attack pending"
    elif rc != 0:
        lk = "n/a (nothing written)"
    else:
        lk = ("**LEAK** " + ", ".join(leaked)) if leaked else "no"
        if partial:
            lk += f"; partial: {', '.join(partial)}"
    vtxt = "-" if ver is None else (f"exit {ver['rc']}" + (" (PASSED a leaking output)" if ver["rc"] == 0 and leaked else ""))
    rows.append((cid, c["trick"], status, lk, vtxt, "; ".join(how)[:400], fp, man.get("note", "")))

out = [hdr, "\n## Per case\n",
       "| case | trick | redact | leaked (secret ids; strict = form the docs promise to catch) | verify on output | how recovered | false positives | note |",
       "|---|---|---|---|---|---|---|---|"]
for r in rows:
    out.append("| " + " | ".join(x.replace("|", "/") for x in r) + " |")
out += ["\n## Summary by class\n",
        "| class | cases | exit 0 | refused (9) | leaked, strict form | leaked, any form | verify passed a leak | cases with false positives |",
        "|---|---|---|---|---|---|---|---|"]
tot = defaultdict(int)
for k, b in sorted(by_class.items()):
    out.append(f"| {k} | {b['cases']} | {b['exit0']} | {b['refused']} | {b['leak_strict']} | {b['leak_any']} | {b['verify_passed_leak']} | {b['fp']} |")
    for kk, vv in b.items():
        tot[kk] += vv
out.append(f"| **total** | {tot['cases']} | {tot['exit0']} | {tot['refused']} | {tot['leak_strict']} | {tot['leak_any']} | {tot['verify_passed_leak']} | {tot['fp']} |")
tail = (R / "REPORT.tail.md").read_text() if (R / "REPORT.tail.md").exists() else ""
(R / "REPORT.md").write_text("\n".join(out) + "\n\n" + tail)
print("REPORT.md written", len(rows), "cases")
