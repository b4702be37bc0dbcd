#!/bin/bash
# A Slurm job array: each task OCRs one shard of IN into OUT (shared file system).
#   sbatch --array=0-15 deploy/slurm/ocr-array.sh /shared/scans /shared/ocr
# The shard count is the array size; rerun the same sbatch line to finish failed or killed
# tasks (--resume skips what the journals record as done), or one task: --array=5.
# Runs the container with podman (no network) when OCR_IMAGE is set, else the installed CLI
# (which builds its own bubblewrap sandbox).  Check the result: sandbox report OUT
#SBATCH --job-name=ocr-sandbox
#SBATCH --cpus-per-task=2
#SBATCH --mem=6G
#SBATCH --time=12:00:00
#SBATCH --output=ocr-%A_%a.log
set -euo pipefail

IN=${1:?usage: sbatch --array=0-N ocr-array.sh IN OUT}
OUT=${2:?usage: sbatch --array=0-N ocr-array.sh IN OUT}
SHARDS=${SLURM_ARRAY_TASK_COUNT:?run as a job array (sbatch --array=0-N)}
OPTS=(--to txt,pdf --shard "auto/$SHARDS" --resume --jobs "${SLURM_CPUS_PER_TASK:-2}" --quiet)

if [[ -n "${OCR_IMAGE:-}" ]]; then
  exec podman run --rm --network none --read-only --tmpfs /tmp:rw,noexec,nosuid,size=2g \
    --cap-drop ALL --security-opt no-new-privileges --userns keep-id \
    -e SLURM_ARRAY_TASK_ID -e SLURM_ARRAY_TASK_MIN \
    -v "$IN:/data/in:ro" -v "$OUT:/data/out" \
    "$OCR_IMAGE" ocr /data/in -o /data/out "${OPTS[@]}"
fi
exec sandbox ocr "$IN" -o "$OUT" "${OPTS[@]}"
