#!/bin/sh
# As the upstream image: `redis-server ...` gets --protected-mode no and runs as redis, PID 1.
set -eu
if [ "${1:-}" = redis-server ]; then
  shift
  set -- redis-server "$@" --protected-mode no
  [ "$(id -u)" = 0 ] && chown -R redis:redis /data && exec setpriv --reuid=redis --regid=redis --init-groups "$@"
fi
exec "$@"
