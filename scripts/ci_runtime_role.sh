#!/usr/bin/env bash
# CI: the PostgreSQL unit tests as production's runtime role, which may not TRUNCATE,
# disable triggers or own anything (docs/productie.md, "Database: rollen, back-up en herstel").
#
#  1. as a superuser: one test database per pytest-xdist worker (test_<name>_gw0, _gw1, ...),
#     the two roles, the databases handed to the owner (maak_databaserollen);
#  2. as the owner: migrate and the runtime role's rights, as a release does (deploy/migreer.sh);
#  3. as the runtime role: every unit test that Django does not flush afterwards;
#  4. as the owner: the unit tests that Django flushes (TRUNCATE), marked `transactioneel` in
#     tests/conftest.py. The browser tests flush too; they run in `make test` as a superuser.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
SERVER=${SAMENPLAN_CI_PG_SERVER:-127.0.0.1:5432}
SUPERUSER=${SAMENPLAN_CI_PG_SUPERUSER:-postgres}  # password, if any, from PGPASSWORD
NAAM=samenplan_rt
WORKERS=2  # pytest -n: the test databases are made here, one per worker

export DJANGO_SETTINGS_MODULE=config.settings.test
export SAMENPLAN_DB_EIGENAAR=samenplan_ci_eigenaar SAMENPLAN_DB_APP=samenplan_ci_app
# New passwords every run, never printed: the runtime role really logs in with its own.
SAMENPLAN_DB_EIGENAAR_WACHTWOORD=$($PY -c 'import secrets; print(secrets.token_hex(24))')
SAMENPLAN_DB_APP_WACHTWOORD=$($PY -c 'import secrets; print(secrets.token_hex(24))')
export SAMENPLAN_DB_EIGENAAR_WACHTWOORD SAMENPLAN_DB_APP_WACHTWOORD
eigenaar_url() { echo "postgres://$SAMENPLAN_DB_EIGENAAR:$SAMENPLAN_DB_EIGENAAR_WACHTWOORD@$SERVER/$1"; }
app_url() { echo "postgres://$SAMENPLAN_DB_APP:$SAMENPLAN_DB_APP_WACHTWOORD@$SERVER/$1"; }

echo "--- test databases as $SAMENPLAN_DB_EIGENAAR, rights for $SAMENPLAN_DB_APP ($WORKERS workers)"
migraties=()
for ((i = 0; i < WORKERS; i++)); do
  db="test_${NAAM}_gw$i"
  psql -X -q "postgres://$SUPERUSER@$SERVER/postgres" \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  DATABASE_URL="postgres://$SUPERUSER@$SERVER/$db" $PY manage.py maak_databaserollen >/dev/null
  DATABASE_MIGRATIE_URL=$(eigenaar_url "$db") deploy/migreer.sh >/dev/null &
  migraties+=($!)
done
for pid in "${migraties[@]}"; do wait "$pid"; done

echo "--- unit tests as the runtime role $SAMENPLAN_DB_APP (databases ready after ${SECONDS} s)"
SAMENPLAN_TEST_DB_ROL=app DATABASE_URL=$(app_url "$NAAM") \
  $PY -m pytest --reuse-db -n "$WORKERS" -q -m "not e2e and not transactioneel"

echo "--- unit tests that flush the database, as the owner $SAMENPLAN_DB_EIGENAAR (${SECONDS} s)"
FLUSH="transactioneel and not e2e"
# Counted first: starting the workers for none costs more than the count (today every such
# test is a browser test).
aantal=$($PY -m pytest --collect-only -q -m "$FLUSH" | grep -c "::" || true)
if [ "$aantal" -gt 0 ]; then
  DATABASE_URL=$(eigenaar_url "$NAAM") $PY -m pytest --reuse-db -n "$WORKERS" -q -m "$FLUSH"
else
  echo "none"
fi
echo "--- runtime role: done in ${SECONDS} s"
