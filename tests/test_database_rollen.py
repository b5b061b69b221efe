"""The runtime role cannot erase the access log; `maak_databaserollen` grants exactly that.

CI runs this module twice on PostgreSQL: as `postgres` (the role tests run, the runtime
tests skip) and as the runtime role (scripts/ci_runtime_role.sh sets
SAMENPLAN_TEST_DB_ROL=app, which turns the runtime tests' skip into a failure).
"""

import base64
import hashlib
import hmac
import os
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from accounts.databaserollen import append_only_tabellen
from accounts.models import Leerling, Toegangslog

pytestmark = pytest.mark.django_db

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="databaserollen bestaan alleen op PostgreSQL"
)
INSUFFICIENT_PRIVILEGE = "42501"


def verbonden_rol() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, r.rolsuper, pg_get_userbyid(c.relowner), "
            "pg_has_role(current_user, c.relowner, 'USAGE') "
            "FROM pg_roles r, pg_class c "
            "WHERE r.rolname = current_user AND c.oid = 'accounts_toegangslog'::regclass"
        )
        rol, superuser, eigenaar, erft_eigenaar = cursor.fetchone()
    return {"rol": rol, "superuser": superuser, "eigenaar": eigenaar, "runtime": not erft_eigenaar}


@pytest.fixture
def runtime_rol(db) -> dict:
    """The connection's role, when it is the runtime role; otherwise the test skips.

    Under SAMENPLAN_TEST_DB_ROL=app (CI's runtime run) a privileged connection fails the
    test instead: CI must not pass these tests by skipping them.
    """
    rol = verbonden_rol()
    if os.environ.get("SAMENPLAN_TEST_DB_ROL") == "app":
        assert rol["runtime"], f"CI draait als runtime-rol, maar verbonden als {rol['rol']}"
    elif not rol["runtime"]:
        pytest.skip(
            f"verbonden als {rol['rol']} (superuser of eigenaar van de tabellen); CI draait "
            "deze tests als de runtime-rol (scripts/ci_runtime_role.sh, make test-pg-runtime)"
        )
    return rol


@pytest.fixture
def superuser(db) -> dict:
    rol = verbonden_rol()
    if not rol["superuser"]:
        pytest.skip(f"rollen maken kan alleen een superuser; verbonden als {rol['rol']}")
    return rol


def weigert(statement: str) -> str:
    """Runs a statement in its own savepoint and returns the SQLSTATE of its refusal."""
    with pytest.raises(DatabaseError) as fout, transaction.atomic(), connection.cursor() as c:
        c.execute(statement)
    return fout.value.__cause__.sqlstate


# --- As the runtime role ---------------------------------------------------------------------


@postgresql
@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE accounts_toegangslog",
        "TRUNCATE accounts_leerling CASCADE",
        "ALTER TABLE accounts_toegangslog DISABLE TRIGGER ALL",
        "SET session_replication_role = replica",
        "UPDATE accounts_toegangslog SET actie = 'exporteren'",
        "DELETE FROM accounts_toegangslog",
        "DROP TABLE accounts_toegangslog",
        "ALTER TABLE accounts_toegangslog OWNER TO CURRENT_USER",
        "CREATE TABLE public.kopie_toegangslog (id int)",
        "DROP TRIGGER accounts_toegangslog_no_delete ON accounts_toegangslog",
    ],
)
def test_the_runtime_role_is_refused_every_way_to_erase_the_access_log(
    runtime_rol, login, sam, statement
):
    login("ib@demo.nl").get(reverse("accounts:leerling_detail", kwargs={"uuid": sam.uuid}))
    assert Toegangslog.objects.count() == 1

    assert weigert(statement) == INSUFFICIENT_PRIVILEGE

    regel = Toegangslog.objects.get()
    assert regel.actie == Toegangslog.Actie.BEKIJKEN


@postgresql
def test_the_runtime_role_cannot_become_the_owner(runtime_rol):
    assert weigert(f'SET ROLE "{runtime_rol["eigenaar"]}"') == INSUFFICIENT_PRIVILEGE


@postgresql
def test_the_runtime_role_does_the_apps_normal_writes(runtime_rol, login, sam):
    client = login("ib@demo.nl")
    response = client.get(reverse("accounts:leerling_detail", kwargs={"uuid": sam.uuid}))
    assert response.status_code == 200
    assert Toegangslog.objects.filter(leerling=sam).count() == 1

    Leerling.objects.filter(pk=sam.pk).update(groep="8")
    assert Leerling.objects.get(pk=sam.pk).groep == "8"
    client.logout()  # deletes the session row
    assert client.get("/").status_code == 302


@postgresql
def test_the_runtime_role_only_adds_to_every_append_only_table(runtime_rol):
    with connection.cursor() as cursor:
        for tabel in append_only_tabellen():
            cursor.execute(
                "SELECT has_table_privilege(%s, 'INSERT'), has_table_privilege(%s, 'UPDATE'), "
                "has_table_privilege(%s, 'DELETE')",
                [tabel] * 3,
            )
            assert cursor.fetchone() == (True, False, False), tabel


# --- maak_databaserollen ---------------------------------------------------------------------


def nieuwe_rolnamen() -> tuple[str, str]:
    kenmerk = uuid.uuid4().hex[:8]
    return f"test_eigenaar_{kenmerk}", f"test_app_{kenmerk}"


def maak(eigenaar: str, app: str) -> str:
    uitvoer = StringIO()
    call_command("maak_databaserollen", eigenaar=eigenaar, app=app, stdout=uitvoer)
    return uitvoer.getvalue()


def tabelrechten(app: str) -> dict[str, set[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        rechten = {rij[0]: set() for rij in cursor.fetchall()}
        cursor.execute(
            "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
            "WHERE grantee = %s AND table_schema = 'public'",
            [app],
        )
        for tabel, recht in cursor.fetchall():
            rechten[tabel].add(recht)
    return rechten


@postgresql
def test_maak_databaserollen_twice_grants_exactly_the_promised_rights(superuser, monkeypatch):
    # Roles live in the cluster, but CREATE ROLE is transactional: the test's rollback
    # removes them again, with everything else this test changes.
    eigenaar, app = nieuwe_rolnamen()
    monkeypatch.setenv("SAMENPLAN_DB_APP_WACHTWOORD", "runtime-wachtwoord-9f3")
    monkeypatch.setenv("SAMENPLAN_DB_EIGENAAR_WACHTWOORD", "eigenaar-wachtwoord-2c7")

    eerste = maak(eigenaar, app)
    rechten_na_eerste = tabelrechten(app)
    tweede = maak(eigenaar, app)

    assert f"Rol {eigenaar} aangemaakt" in eerste
    assert "aangemaakt" not in tweede
    assert "overgedragen" not in tweede
    for uitvoer in (eerste, tweede):
        assert "wachtwoord-9f3" not in uitvoer
        assert "wachtwoord-2c7" not in uitvoer
    rechten = tabelrechten(app)
    assert rechten == rechten_na_eerste
    assert {"accounts_toegangslog", "accounts_beheergebeurtenis"} <= set(append_only_tabellen())
    for tabel, gekregen in rechten.items():
        if tabel in append_only_tabellen():
            assert gekregen == {"SELECT", "INSERT"}, tabel
        else:
            assert gekregen == {"SELECT", "INSERT", "UPDATE", "DELETE"}, tabel

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')"
        )
        assert cursor.fetchall() == [(eigenaar,)]
        cursor.execute(
            "SELECT rolsuper, rolinherit, rolcreatedb, rolcreaterole, rolcanlogin, "
            "pg_has_role(rolname, %s, 'MEMBER') FROM pg_roles WHERE rolname = %s",
            [eigenaar, app],
        )
        assert cursor.fetchone() == (False, False, False, False, True, False)
        cursor.execute(
            "SELECT bool_and(has_sequence_privilege(%s, c.oid, 'USAGE')), "
            "bool_or(has_sequence_privilege(%s, c.oid, 'UPDATE')) FROM pg_class c "
            "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'",
            [app, app],
        )
        assert cursor.fetchone() == (True, False)
        cursor.execute(
            "SELECT datname FROM pg_database "
            "WHERE datname = current_database() AND datdba = %s::regrole",
            [eigenaar],
        )
        assert cursor.fetchone() is not None


@postgresql
def test_a_table_a_later_migration_creates_gets_row_rights_only(superuser):
    eigenaar, app = nieuwe_rolnamen()
    maak(eigenaar, app)

    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{eigenaar}"')
        cursor.execute("CREATE TABLE public.later_gemaakt (id bigserial PRIMARY KEY)")
        cursor.execute("RESET ROLE")
        cursor.execute(
            "SELECT has_table_privilege(%s, 'later_gemaakt', 'SELECT, INSERT, UPDATE, DELETE'), "
            "has_table_privilege(%s, 'later_gemaakt', 'TRUNCATE'), "
            "has_table_privilege(%s, 'later_gemaakt', 'REFERENCES, TRIGGER'), "
            "has_sequence_privilege(%s, 'later_gemaakt_id_seq', 'USAGE')",
            [app] * 4,
        )
        assert cursor.fetchone() == (True, False, False, True)


@postgresql
def test_the_password_is_stored_as_a_scram_hash_of_the_given_password(superuser, monkeypatch):
    eigenaar, app = nieuwe_rolnamen()
    monkeypatch.setenv("SAMENPLAN_DB_APP_WACHTWOORD", "juist-wachtwoord")
    maak(eigenaar, app)

    with connection.cursor() as cursor:
        cursor.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", [app])
        verifier = cursor.fetchone()[0]
    # SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> (RFC 5802, RFC 7677)
    methode, parameters, sleutels = verifier.split("$")
    iteraties, zout = parameters.split(":")
    stored_key = sleutels.split(":")[0]
    salted = hashlib.pbkdf2_hmac(
        "sha256", b"juist-wachtwoord", base64.b64decode(zout), int(iteraties)
    )
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    assert methode == "SCRAM-SHA-256"
    assert base64.b64encode(hashlib.sha256(client_key).digest()).decode() == stored_key


@postgresql
def test_maak_databaserollen_refuses_to_demote_the_superuser_it_runs_as(superuser):
    with pytest.raises(CommandError, match="mogen dat niet zijn"):
        maak(superuser["rol"], "test_app_x")
    with pytest.raises(CommandError, match="moeten verschillen"):
        maak("test_zelfde", "test_zelfde")
    with pytest.raises(CommandError, match="Ongeldige rolnaam"):
        maak("Eigenaar; DROP", "test_app_x")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="de demo-database")
def test_maak_databaserollen_says_roles_exist_only_on_postgresql():
    with pytest.raises(CommandError, match="alleen op PostgreSQL"):
        maak("samenplan_eigenaar", "samenplan_app")
