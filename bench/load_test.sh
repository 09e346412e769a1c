#!/usr/bin/env bash
# Load test: gunicorn (2 workers, production settings) on DATABASE_URL (default the
# benchmark database) and Redis, 20 users from bench/locustfile.py for 2 minutes.
#   bash bench/load_test.sh [port] [users] [minutes]
# Prints locust's table (requests, failures, median, p95, throughput per page); people
# sign in during the first 10 s (a password hash each), so read the pages' rows, not
# "login". The accepts, rejects and first contacts change the data.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8105}"
users="${2:-20}"
minutes="${3:-2}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/alignment_bench}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DEBUG=false SECRET_KEY=load-test-only ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
export SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false LOG_LEVEL=WARNING
uv run --frozen python manage.py migrate --verbosity 0
uv run --frozen python manage.py collectstatic --noinput --verbosity 0
uv run --frozen gunicorn alignment.wsgi --workers 2 --bind "127.0.0.1:$port" \
  --access-logfile /dev/null --error-logfile var/load-test-gunicorn.log &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
mkdir -p var
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
uv run --frozen locust -f bench/locustfile.py --headless --host "http://127.0.0.1:$port" \
  --users "$users" --spawn-rate 2 --run-time "${RUN_TIME:-${minutes}m}" --only-summary

