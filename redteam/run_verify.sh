#!/bin/bash
# usage: run_verify.sh CASE... : sandbox verify on out/CASE/redacted-001.pdf with the case's languages and terms
cd "$(dirname "$0")"
for cid in "$@"; do
  l=$(python3 -c "import json;print(json.load(open('manifest.json'))['cases']['$cid']['languages'])")
  t=$(python3 -c "import json;print(json.load(open('manifest.json'))['cases']['$cid']['terms'] or '')")
  s=$(date +%s)
  nice -n 10 ../.venv/bin/sandbox verify out/$cid/redacted-001.pdf -l "$l" ${t:+--terms $t} -q > logs/$cid.verify.out 2> logs/$cid.verify.err
  rc=$?
  echo "{\"case\":\"$cid\",\"rc\":$rc,\"seconds\":$(( $(date +%s)-s ))}" > logs/$cid.verify.json
  echo "$cid verify rc=$rc"
done
