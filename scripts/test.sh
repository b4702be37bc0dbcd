#!/usr/bin/env bash
# Quick start, command 2: install what is missing, then lint, type-check and run every test.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/bootstrap.sh" --test
cd "$ROOT"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# whole files per worker: each module fixture (a redaction of the samples, a container build) runs once;
# files in the collection's order, which tests/heavy_first.py makes longest first (not xdist's "most tests first")
.venv/bin/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder --durations=20 "$@"
