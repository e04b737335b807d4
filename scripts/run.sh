#!/usr/bin/env bash
# Start the web server and a Celery worker with beat; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
CELERY_WORKER=${CELERY_WORKER:-celery -A dorpsloket worker --loglevel INFO}
BIN=.venv/bin

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# Beat runs inside the worker here (-B): one process is enough for one desk.
$BIN/$CELERY_WORKER --beat --scheduler django_celery_beat.schedulers:DatabaseScheduler \
  --concurrency 2 &
pids+=($!)
$BIN/python manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)

sleep 2
cat <<TXT

  Dorpsloket is running at http://$HOST:$PORT/
  Log in with one of the demo logins printed above (password: dorpsloket-demo).
  Press Ctrl-C to stop the web server and the worker.

TXT
wait -n "${pids[@]}"
