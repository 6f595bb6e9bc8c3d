# Production image: gunicorn serving Django, the same image runs migrations, the Celery worker
# and beat. The base images are build arguments so the file also builds where they cannot be
# pulled (scripts/compose_check.sh passes images it builds from Debian's packages).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS assets
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=false WEB_CONCURRENCY=3
WORKDIR /app
RUN useradd --create-home --uid 1000 passionhire
# WeasyPrint (the fairness report's PDF) needs pango and a font; `manage.py backup` and
# `restore` need pg_dump and pg_restore (bookworm's are 15, as the compose file's postgres);
# compilemessages needs gettext's msgfmt.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
       postgresql-client gettext \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY passionhire ./passionhire
COPY candidates ./candidates
COPY interviews ./interviews
COPY hiring ./hiring
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /app/node_modules ./node_modules
# collectstatic needs a SECRET_KEY to import settings; this one is thrown away with the layer.
RUN SECRET_KEY=build-only-collectstatic python manage.py collectstatic --noinput \
    && SECRET_KEY=build-only-collectstatic python manage.py compilemessages -v 0 --ignore=node_modules
# The CV folder: a new named volume mounted here takes this owner.
RUN mkdir -p /data/private && chown passionhire:passionhire /data/private
USER passionhire
EXPOSE 8000
# Exec form, so gunicorn is PID 1 and gets the SIGTERM of `docker compose stop`. It reads
# gunicorn.conf.py from /app and its worker count from WEB_CONCURRENCY.
CMD ["gunicorn", "passionhire.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
