#!/usr/bin/env bash
# `make serve`: the production stack on this machine, on PostgreSQL: gunicorn, the job
# worker (`manage.py werker`: db_worker, kept alive through a database outage) and the
# planner (`manage.py planner`). Ctrl+C stops all
# three; when one of them stops, the others are stopped too. See README, "Productie".
set -euo pipefail

PY=${PY:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.production}

if [ -z "${DATABASE_URL:-}" ]; then
	echo "DATABASE_URL ontbreekt. make serve draait op PostgreSQL, bijvoorbeeld:" >&2
	echo "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan make serve" >&2
	exit 2
fi
case "$DATABASE_URL" in
postgres://* | postgresql://* | pgsql://*) ;;
*)
	echo "DATABASE_URL wijst niet naar PostgreSQL; make serve draait alleen op PostgreSQL." >&2
	exit 2
	;;
esac

# On this machine: plain HTTP on 127.0.0.1, a fresh secret key per start (sessions end
# at a restart) unless one is given. A real server sets all of these itself.
export PORT=${PORT:-8000}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}
export SAMENPLAN_BASE_URL=${SAMENPLAN_BASE_URL:-http://127.0.0.1:$PORT}
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
	DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
	export DJANGO_SECRET_KEY
fi

"$PY" manage.py collectstatic --noinput --verbosity 0
# With two database roles (docs/productie.md) the owner migrates and re-grants; the web
# processes only ever hold the runtime role's password.
if [ -n "${DATABASE_MIGRATIE_URL:-}" ]; then
	PY="$PY" sh deploy/migreer.sh
else
	"$PY" manage.py migrate --noinput
fi

pids=()
stop_all() {
	trap - INT TERM EXIT
	for pid in "${pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	wait || true
}
trap stop_all INT TERM EXIT

"$PY" -m gunicorn --config config/gunicorn.conf.py config.wsgi &
pids+=($!)
"$PY" manage.py werker --queue-name '*' &
pids+=($!)
"$PY" manage.py planner &
pids+=($!)

echo "Samenplan (productie-instellingen) draait op http://127.0.0.1:$PORT (stoppen met Ctrl+C)"
# The first of the three to stop ends the whole stack.
wait -n
