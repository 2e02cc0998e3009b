#!/bin/sh
# The image's three processes, and migrate (run by api first). Run exactly one beat (C8); as many api and worker replicas as needed.
set -eu
case "${1:-api}" in
  migrate) exec python -m api.cli.migrate ;;
  # Indexes and reference data first (idempotent, safe from every replica), then the server.
  api)    python -m api.cli.migrate && exec uvicorn api.main:create_app_from_env --factory --host 0.0.0.0 --port "${PORT:-8000}" --proxy-headers --workers "${API_WORKERS:-2}" ;;
  worker) exec celery -A workers.app worker --loglevel="${APP_LOG_LEVEL:-INFO}" --concurrency="${WORKER_CONCURRENCY:-2}" ;;
  beat)   exec celery -A workers.app beat --loglevel="${APP_LOG_LEVEL:-INFO}" --schedule=/tmp/celerybeat-schedule ;;
  *)      exec "$@" ;;
esac
