#!/usr/bin/env bash
# Source this: installs (from Debian's packages, if missing) and starts PostgreSQL and Redis on
# 127.0.0.1, creates the passionhire database role, and exports DATABASE_URL and
# CELERY_BROKER_URL for the test suite. Also makes sure Debian's chromium is there for the
# browser tests, and pango with a font for WeasyPrint (the fairness report's PDF). Safe to run
# again: it reuses what is already running.
set -euo pipefail
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_sudo=""
[ "$(id -u)" -eq 0 ] || _sudo="sudo"
_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && sudo -u postgres "$@"); fi
}

_missing=()
command -v pg_ctlcluster >/dev/null || _missing+=(postgresql)
command -v redis-server >/dev/null || _missing+=(redis-server)
[ -x /usr/bin/chromium ] || _missing+=(chromium)
# WeasyPrint loads pango through cffi and lays text out with fontconfig's fonts.
for _pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$_pkg" 2>/dev/null | grep -q "install ok installed" || _missing+=("$_pkg")
done
if [ ${#_missing[@]} -gt 0 ]; then
  echo "==> Installing ${_missing[*]} from Debian's packages"
  $_sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $_sudo apt-get install -y -q "${_missing[@]}" >/dev/null
fi

# PostgreSQL: the packaged cluster, started by hand (no systemd here).
_pgver=$(ls /usr/lib/postgresql | sort -V | tail -n1)
pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$_pgver main$" || $_sudo pg_createcluster "$_pgver" main >/dev/null
if ! pg_lsclusters -h | grep -q "^$_pgver \+main .* online"; then
  echo "==> Starting PostgreSQL $_pgver"
  $_sudo pg_ctlcluster "$_pgver" main start
fi
if ! _as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='passionhire'" | grep -q 1; then
  _as_postgres psql -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE passionhire LOGIN PASSWORD 'passionhire' CREATEDB" \
    -c "CREATE DATABASE passionhire OWNER passionhire"
fi
_pgport=$(pg_lsclusters -h | awk -v v="$_pgver" '$1==v && $2=="main" {print $3}')

# Redis: a private instance with no persistence, stopped by its pid file.
mkdir -p "$_root/var"
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "==> Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
    --pidfile "$_root/var/redis.pid" --logfile "$_root/var/redis.log" --dir "$_root/var"
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

export DATABASE_URL="postgres://passionhire:passionhire@127.0.0.1:${_pgport}/passionhire"
export CELERY_BROKER_URL="redis://127.0.0.1:6379/1"
echo "==> Services: PostgreSQL on 127.0.0.1:${_pgport}, Redis on 127.0.0.1:6379"
