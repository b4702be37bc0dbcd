#!/usr/bin/env bash
# Quick start, command 1: OCR every bundled sample into out/ (txt, json, hocr, searchable
# pdf; languages chosen per page with -l auto), then print a one-screen summary with the
# accuracy against the ground truth.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
OUT=${1:-out}
# the scans only: the folder also holds each sample's ground truth as text, itself a document
# (text is read as born-digital, which has no hOCR)
.venv/bin/sandbox ocr sample_images/*.png sample_images/*.jpg sample_images/*.tiff sample_images/*.pdf \
  -l auto --to txt,json,hocr,pdf -o "$OUT" --force --quiet
PYTHONPATH="$ROOT" .venv/bin/python scripts/demo_summary.py sample_images "$OUT"
echo
echo "The web page (Chinese or English, drag and drop): .venv/bin/sandbox serve --open"
