#!/bin/sh
# Migrations as the owner role, then the runtime role's rights on whatever they created
# (docs/productie.md, "Database: rollen, back-up en herstel"). Run at every release,
# before the new code serves requests.
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_MIGRATIE_URL:?DATABASE_MIGRATIE_URL (de eigenaarsrol) ontbreekt}"
PY=${PY:-.venv/bin/python}
DATABASE_URL="$DATABASE_MIGRATIE_URL" "$PY" manage.py migrate --noinput
DATABASE_URL="$DATABASE_MIGRATIE_URL" "$PY" manage.py maak_databaserollen
