#!/usr/bin/env bash
# Start the web server and a Celery worker with beat; Ctrl-C stops both within seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
CELERY_WORKER=${CELERY_WORKER:-celery -A dorpsloket worker --loglevel INFO}
BIN=.venv/bin
VAR_DIR=${DORPSLOKET_VAR_DIR:-var}
# How long the worker may take to finish its running task before it is killed. What must
# happen is a row in the database first (meldingen.jobs) and beat re-triggers the scans,
# so a killed task is simply done again later.
GRACE_SECONDS=${GRACE_SECONDS:-5}

# A newcomer should see what residents and volunteers see: the Dutch error pages, not
# Django's English debug page that lists every URL. So DEBUG is off here as well
# (DEBUG=True make run brings the debug pages back), with a secret key generated once and
# kept in var/ (the settings refuse the development key without DEBUG). This is plain HTTP
# on one machine: no HTTPS redirect, no secure-only cookies, and static files straight from
# static/ through WhiteNoise (no collectstatic on every start).
export DEBUG=${DEBUG:-False}
if [ -z "${SECRET_KEY:-}" ]; then
  if [ ! -s "$VAR_DIR/secret_key" ]; then
    mkdir -p "$VAR_DIR"
    (umask 077 && $BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))' >"$VAR_DIR/secret_key")
  fi
  SECRET_KEY=$(cat "$VAR_DIR/secret_key")
fi
export SECRET_KEY
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1,[::1]}
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-False}
export SESSION_COOKIE_SECURE=${SESSION_COOKIE_SECURE:-False}
export CSRF_COOKIE_SECURE=${CSRF_COOKIE_SECURE:-False}
export SECURE_HSTS_SECONDS=${SECURE_HSTS_SECONDS:-0}
export STATIC_COLLECTED=${STATIC_COLLECTED:-False}
# A demo on one machine: e-mail and text messages are printed by the worker, not delivered
# (with DEBUG off that is refused unless said on purpose, see meldingen.checks).
export DORPSLOKET_ALLOW_FAKE_DELIVERY=${DORPSLOKET_ALLOW_FAKE_DELIVERY:-1}
# Links in e-mails (sent by the worker) point at this server unless SITE_URL says otherwise.
case "$HOST" in
  0.0.0.0 | ::) link_host=127.0.0.1 ;;
  *:*) link_host="[$HOST]" ;;
  *) link_host=$HOST ;;
esac
export SITE_URL=${SITE_URL:-http://$link_host:$PORT}

# Each process runs in its own session (setsid keeps its pid as the group id), so Ctrl-C
# reaches only this script, which stops them in order: SIGTERM to each (the worker then
# finishes its task and stops its pool and beat), and after the grace period SIGKILL to
# whatever is left of each process group. Without this the worker's warm shutdown could
# wait for minutes, and a background job of a script ignores SIGINT altogether.
pids=()
stop() {
  trap - INT TERM HUP EXIT
  [ ${#pids[@]} -eq 0 ] && return
  echo
  echo "Stopping…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$((SECONDS + GRACE_SECONDS))
  while [ $SECONDS -lt $deadline ]; do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "Process $pid did not stop within $GRACE_SECONDS seconds: stopping it hard."
    fi
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'stop; exit 129' HUP
trap stop EXIT

# Beat runs inside the worker here (-B): one process is enough for one desk.
# shellcheck disable=SC2086  # CELERY_WORKER is a command line
setsid $BIN/$CELERY_WORKER --beat --scheduler django_celery_beat.schedulers:DatabaseScheduler \
  --concurrency 2 &
pids+=($!)
setsid $BIN/python manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)

sleep 2
cat <<TXT

  Dorpsloket is running at http://$link_host:$PORT/
  Log in with one of the demo logins printed above (password: dorpsloket-demo).
  The demo coordinator of Warffum and the beheerder then type a code: the current one is
  printed by   $BIN/python manage.py demo_code
  (or add the key DORP SLOK ETWA RFFU MDEM OCOD E234 5672 to an authenticator app).
  Press Ctrl-C to stop the web server and the worker.

TXT
wait -n "${pids[@]}"
