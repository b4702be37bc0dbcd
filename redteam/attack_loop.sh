#!/bin/bash
# attack every case whose redaction exited 0 and has no attack result yet (loop until none pending)
cd "$(dirname "$0")"
for cid in "$@"; do
  while [ ! -f logs/$cid.rc.json ]; do sleep 10; done
  rc=$(python3 -c "import json;print(json.load(open('logs/$cid.rc.json'))['rc'])")
  if [ "$rc" = "0" ] && [ ! -f logs/$cid.attack.json ]; then
    s=$(date +%s)
    nice -n 10 ./attack.py out/$cid --case $cid --quick --json logs/$cid.attack.json >> logs/attack.log 2>&1
    echo "  ($cid attack $(( $(date +%s)-s ))s)" >> logs/attack.log
  fi
done
