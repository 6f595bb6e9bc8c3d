#!/usr/bin/env bash
# Installs what the app needs into the checkout: a virtualenv with the Python packages from
# pyproject.toml, the front-end packages from package.json and the compiled translations
# (locale/, with gettext's msgfmt from Debian's packages). Re-runs only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "PassionHire needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
command -v npm >/dev/null || { echo "PassionHire needs Node.js and npm for its front-end assets." >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtualenv in .venv"
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> Installing Python packages (pyproject.toml)"
  mkdir -p var
  if ! { .venv/bin/python -m pip install --upgrade pip \
         && .venv/bin/python -m pip install -e ".[dev]"; } >var/pip-install.log 2>&1; then
    grep -v "is ignored" var/pip-install.log | tail -n 30 >&2
    echo "Python packages failed to install (full log: var/pip-install.log)." >&2
    exit 1
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi

nstamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$nstamp" ]; then
  echo "==> Installing front-end packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$nstamp"
fi

if ! command -v msgfmt >/dev/null; then
  echo "==> Installing gettext (Debian's package) to compile the translations"
  _sudo=""
  [ "$(id -u)" -eq 0 ] || _sudo="sudo"
  $_sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $_sudo apt-get install -y -q gettext >/dev/null
fi
# Compiles only the catalogs whose .po is newer than their .mo.
DEBUG=true .venv/bin/python manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules
