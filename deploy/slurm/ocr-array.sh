#!/bin/bash
# A Slurm job array: task I OCRs shard I of SHARDS of IN into OUT (shared file system).
#   sbatch --array=0-15 deploy/slurm/ocr-array.sh /shared/scans /shared/ocr 16
# SHARDS is fixed for the whole batch (documents are split by a hash of their name into that
# many shards): keep it the same when re-running. To finish failed or killed tasks, re-run only
# them with the same SHARDS, e.g. `sbatch --array=3,7 ocr-array.sh IN OUT 16` (--resume skips
# what the journals record as done); the whole array again is also fine.
# Runs the container with podman (no network) when OCR_IMAGE is set, else the installed CLI
# (which builds its own bubblewrap sandbox).  Check the result: sandbox report OUT
#SBATCH --job-name=ocr-sandbox
#SBATCH --cpus-per-task=2
#SBATCH --mem=6G
#SBATCH --time=12:00:00
#SBATCH --output=ocr-%A_%a.log
set -euo pipefail

usage="usage: sbatch --array=0-N ocr-array.sh IN OUT SHARDS (SHARDS = N+1, the same on every re-run)"
IN=${1:?$usage}
OUT=${2:?$usage}
SHARDS=${3:?$usage}
INDEX=${SLURM_ARRAY_TASK_ID:?run as a job array (sbatch --array=0-N)}
if ! [[ "$SHARDS" =~ ^[1-9][0-9]*$ && "$INDEX" =~ ^[0-9]+$ ]] || (( INDEX >= SHARDS )); then
  echo "ocr-array.sh: array index $INDEX is not a shard of $SHARDS; $usage" >&2
  exit 2
fi
OPTS=(--to txt,pdf --shard "$INDEX/$SHARDS" --resume --jobs "${SLURM_CPUS_PER_TASK:-2}" --quiet)

if [[ -n "${OCR_IMAGE:-}" ]]; then
  exec podman run --rm --network none --read-only --tmpfs /tmp:rw,noexec,nosuid,size=2g \
    --cap-drop ALL --security-opt no-new-privileges --userns keep-id \
    -v "$IN:/data/in:ro" -v "$OUT:/data/out" \
    "$OCR_IMAGE" ocr /data/in -o /data/out "${OPTS[@]}"
fi
exec sandbox ocr "$IN" -o "$OUT" "${OPTS[@]}"
