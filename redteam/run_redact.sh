#!/bin/bash
# usage: run_redact.sh CASE_ID...   (sequential; one redaction at a time, nice 10)
cd "$(dirname "$0")"
for cid in "$@"; do
  f=$(../.venv/bin/python -c "import json;m=json.load(open('manifest.json'))['cases']['$cid'];print(m['file'])")
  l=$(../.venv/bin/python -c "import json;m=json.load(open('manifest.json'))['cases']['$cid'];print(m['languages'])")
  t=$(../.venv/bin/python -c "import json;m=json.load(open('manifest.json'))['cases']['$cid'];print(m['terms'] or '')")
  rm -rf out/$cid; mkdir -p out/$cid
  s=$(date +%s)
  nice -n 10 ../.venv/bin/sandbox redact "$f" -o out/$cid --to pdf,txt -l "$l" ${t:+--terms $t} --json-summary -q >logs/$cid.summary.json 2>logs/$cid.stderr
  rc=$?
  e=$(date +%s)
  echo "{\"case\":\"$cid\",\"rc\":$rc,\"seconds\":$((e-s))}" > logs/$cid.rc.json
  echo "$cid rc=$rc $((e-s))s"
done
