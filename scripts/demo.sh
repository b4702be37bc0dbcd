#!/usr/bin/env bash
# Quick start, command 1: OCR every bundled sample into out/ (txt, json, hocr, searchable
# pdf), then print a one-screen summary with the accuracy against the ground truth.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
OUT=${1:-out}
SANDBOX=(.venv/bin/sandbox ocr --to txt,json,hocr,pdf -o "$OUT" --force --quiet)
"${SANDBOX[@]}" -l eng sample_images/letter_en.png sample_images/memo_skewed.tiff \
  sample_images/report_scanned.pdf sample_images/supplier_review.pdf sample_images/mixed.pdf
"${SANDBOX[@]}" -l chi_sim+eng sample_images/notice_zh_hans.png
"${SANDBOX[@]}" -l chi_tra+eng sample_images/notice_zh_hant.jpg
PYTHONPATH="$ROOT" .venv/bin/python scripts/demo_summary.py sample_images "$OUT"
