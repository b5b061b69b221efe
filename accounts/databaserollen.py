"""The two PostgreSQL roles of production: an owner that migrates and a runtime role that
may only read and write rows, and only add to the append-only tables.

The rights themselves are SQL in deploy/databaserollen.sql; this module fills in the names,
creates missing roles, sets passwords and checks the outcome. See docs/productie.md,
"Database: rollen, back-up en herstel".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.backends.utils import CursorWrapper
from psycopg import Connection, sql

from accounts.models import AppendOnlyModel

SQL_BESTAND = Path(settings.BASE_DIR) / "deploy" / "databaserollen.sql"
SCHEMA = "public"
ROLNAAM = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
RIJRECHTEN = ("SELECT", "INSERT", "UPDATE", "DELETE")
TABELRECHTEN = (*RIJRECHTEN, "TRUNCATE", "REFERENCES", "TRIGGER")


class RolfoutError(Exception):
    """The roles cannot be made as asked; the message says why, in Dutch."""


def append_only_tabellen() -> list[str]:
    """The tables of every concrete AppendOnlyModel in the installed apps."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel) and not model._meta.proxy
    )


def controleer_rolnaam(naam: str) -> str:
    if not ROLNAAM.match(naam):
        raise RolfoutError(
            f"Ongeldige rolnaam {naam!r}: gebruik kleine letters, cijfers en _ "
            "(begint met een letter of _, hoogstens 63 tekens)."
        )
    return naam


def secties(eigenaar: str, app: str, database: str, tabellen: list[str]) -> dict[str, list]:
    """The statements of deploy/databaserollen.sql per section, names quoted as identifiers."""
    namen = {
        "eigenaar": sql.Identifier(eigenaar),
        "app": sql.Identifier(app),
        "database": sql.Identifier(database),
        "append_only": sql.SQL(", ").join(sql.Identifier(tabel) for tabel in tabellen),
    }
    gevonden: dict[str, list] = {}
    huidige = None
    for blok in re.split(r"^-- @(\w+)\s*$", SQL_BESTAND.read_text(), flags=re.MULTILINE)[1:]:
        if huidige is None:
            huidige = blok
            continue
        zonder_commentaar = "\n".join(
            regel for regel in blok.splitlines() if not regel.lstrip().startswith("--")
        )
        gevonden[huidige] = [
            sql.SQL(statement.strip()).format(**namen)
            for statement in zonder_commentaar.split(";")
            # before the first migration there are no append-only tables to restrict yet
            if statement.strip() and (tabellen or "{append_only}" not in statement)
        ]
        huidige = None
    return gevonden


@dataclass
class Uitkomst:
    """What a run did, for the command's report (never a password)."""

    superuser: bool
    aangemaakt: list[str] = field(default_factory=list)
    wachtwoord_gezet: list[str] = field(default_factory=list)
    eigendom_overgedragen: int = 0
    append_only: list[str] = field(default_factory=list)


def maak_rollen(
    cursor: CursorWrapper,
    eigenaar: str,
    app: str,
    wachtwoorden: dict[str, str | None],
) -> Uitkomst:
    """Creates or updates both roles and their rights in the current database.

    A superuser creates the roles, sets their attributes and passwords and hands the
    database and every object in the schema to the owner; the owner itself can only
    (re)apply the rights, which is enough after a migration. Run inside a transaction.
    """
    controleer_rolnaam(eigenaar)
    controleer_rolnaam(app)
    if eigenaar == app:
        raise RolfoutError("De eigenaarsrol en de runtime-rol moeten verschillen.")
    cursor.execute(
        "SELECT current_user, current_database(), rolsuper FROM pg_roles "
        "WHERE rolname = current_user"
    )
    huidige_rol, database, superuser = cursor.fetchone()
    uitkomst = Uitkomst(superuser=superuser, append_only=_bestaande(cursor, append_only_tabellen()))
    _controleer_verbinding(huidige_rol, superuser, eigenaar, app)

    delen = secties(eigenaar, app, database, uitkomst.append_only)
    if superuser:
        _maak_rollen_als_superuser(cursor, eigenaar, app, wachtwoorden, delen, uitkomst)
    else:
        for rol in (eigenaar, app):
            if not _rol_bestaat(cursor, rol):
                raise RolfoutError(f"De rol {rol} bestaat niet; een superuser maakt hem aan.")
    _voer_uit(cursor, delen["rechten"])

    afwijkingen = controleer_rechten(cursor, eigenaar, app, uitkomst.append_only)
    if afwijkingen:
        raise RolfoutError("De rechten kloppen niet:\n" + "\n".join(afwijkingen))
    return uitkomst


def _controleer_verbinding(huidige_rol: str, superuser: bool, eigenaar: str, app: str) -> None:
    """Only a superuser (roles and rights) or the owner (rights only) may run this."""
    if superuser and huidige_rol in (eigenaar, app):
        raise RolfoutError(
            f"{huidige_rol} is een superuser; de eigenaarsrol en de runtime-rol mogen dat "
            "niet zijn. Kies eigen namen voor beide rollen."
        )
    if not superuser and huidige_rol != eigenaar:
        raise RolfoutError(
            f"Verbonden als {huidige_rol}: verbind als superuser (rollen en rechten) of als "
            f"de eigenaarsrol {eigenaar} (alleen rechten)."
        )


def _maak_rollen_als_superuser(
    cursor: CursorWrapper,
    eigenaar: str,
    app: str,
    wachtwoorden: dict[str, str | None],
    delen: dict[str, list],
    uitkomst: Uitkomst,
) -> None:
    """Create the missing roles, set their attributes and passwords, hand everything in
    the schema to the owner; records what it did in `uitkomst`."""
    for rol in (eigenaar, app):
        if not _rol_bestaat(cursor, rol):
            _execute(cursor, sql.SQL("CREATE ROLE {}").format(sql.Identifier(rol)))
            uitkomst.aangemaakt.append(rol)
    _voer_uit(cursor, delen["rollen"])
    if _is_lid(cursor, app, eigenaar):
        _execute(
            cursor,
            sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(eigenaar), sql.Identifier(app)),
        )
    for rol, wachtwoord in wachtwoorden.items():
        if wachtwoord:
            _zet_wachtwoord(cursor, rol, wachtwoord)
            uitkomst.wachtwoord_gezet.append(rol)
    uitkomst.eigendom_overgedragen = _draag_eigendom_over(cursor, eigenaar)


def toon_sql(connection: Connection, eigenaar: str, app: str, database: str) -> str:
    """The statements as they would run (without the roles' creation and passwords)."""
    delen = secties(
        controleer_rolnaam(eigenaar), controleer_rolnaam(app), database, append_only_tabellen()
    )
    regels = []
    for naam, statements in delen.items():
        regels.append(f"-- @{naam}")
        regels.extend(f"{statement.as_string(connection)};" for statement in statements)
    return "\n".join(regels)


def controleer_rechten(
    cursor: CursorWrapper, eigenaar: str, app: str, append_only: list[str]
) -> list[str]:
    """Every way the database differs from what the roles promise; empty when all holds."""
    afwijkingen = []
    cursor.execute(
        "SELECT rolsuper, rolinherit, rolcreatedb, rolcreaterole, rolbypassrls, rolcanlogin, "
        "pg_has_role(%s, %s, 'MEMBER') FROM pg_roles WHERE rolname = %s",
        [app, eigenaar, app],
    )
    superuser, inherit, createdb, createrole, bypassrls, login, lid = cursor.fetchone()
    if superuser or createdb or createrole or bypassrls:
        afwijkingen.append(f"{app} heeft rechten van een beheerder (superuser, createdb, ...).")
    if inherit or lid:
        afwijkingen.append(f"{app} erft rechten of is lid van {eigenaar}.")
    if not login:
        afwijkingen.append(f"{app} kan niet inloggen.")
    cursor.execute("SELECT current_setting('server_version_num')::int >= 150000")
    if cursor.fetchone()[0]:
        cursor.execute(
            "SELECT has_parameter_privilege(%s, 'session_replication_role', 'SET')", [app]
        )
        if cursor.fetchone()[0]:
            afwijkingen.append(f"{app} mag session_replication_role zetten.")

    kolommen = ", ".join(f"has_table_privilege(%s, c.oid, '{recht}')" for recht in TABELRECHTEN)
    cursor.execute(
        f"SELECT c.relname, pg_get_userbyid(c.relowner), {kolommen} FROM pg_class c "
        "WHERE c.relnamespace = %s::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1",
        [app] * len(TABELRECHTEN) + [SCHEMA],
    )
    for tabel, eigenaar_van_tabel, *heeft in cursor.fetchall():
        if eigenaar_van_tabel != eigenaar:
            afwijkingen.append(f"{tabel} is van {eigenaar_van_tabel}, niet van {eigenaar}.")
        verwacht = {"SELECT", "INSERT"} if tabel in append_only else set(RIJRECHTEN)
        gekregen = {recht for recht, ja in zip(TABELRECHTEN, heeft, strict=True) if ja}
        if gekregen != verwacht:
            afwijkingen.append(
                f"{tabel}: {app} heeft {sorted(gekregen)}, hoort {sorted(verwacht)}."
            )
    return afwijkingen


def _execute(cursor: CursorWrapper, statement: sql.Composable) -> None:
    cursor.execute(statement.as_string(cursor.connection))


def _voer_uit(cursor: CursorWrapper, statements: Iterable[sql.Composable]) -> None:
    for statement in statements:
        _execute(cursor, statement)


def _bestaande(cursor: CursorWrapper, tabellen: list[str]) -> list[str]:
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace "
        "AND relname = ANY(%s) ORDER BY relname",
        [SCHEMA, tabellen],
    )
    return [rij[0] for rij in cursor.fetchall()]


def _rol_bestaat(cursor: CursorWrapper, rol: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [rol])
    return cursor.fetchone() is not None


def _is_lid(cursor: CursorWrapper, lid: str, groep: str) -> bool:
    cursor.execute(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles l ON l.oid = m.member WHERE g.rolname = %s AND l.rolname = %s",
        [groep, lid],
    )
    return cursor.fetchone() is not None


def _zet_wachtwoord(cursor: CursorWrapper, rol: str, wachtwoord: str) -> None:
    # libpq hashes the password (SCRAM-SHA-256) here, as psql's \password does: the
    # password itself never reaches the server, its statement log or this process' output.
    pgconn = cursor.connection.pgconn
    verifier = pgconn.encrypt_password(wachtwoord.encode(), rol.encode(), b"scram-sha-256")
    _execute(
        cursor,
        sql.SQL("ALTER ROLE {} PASSWORD {}").format(
            sql.Identifier(rol), sql.Literal(verifier.decode())
        ),
    )


def _draag_eigendom_over(cursor: CursorWrapper, eigenaar: str) -> int:
    """Hands every table, view, free sequence and function in the schema to the owner.

    Needed once when a database that was migrated by another role (often `postgres`) moves
    to the two roles; afterwards it finds nothing. Sequences of a column move with their
    table. Returns how many objects moved.
    """
    cursor.execute(
        """
        SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.relname
        FROM pg_class c
        WHERE c.relnamespace = %s::regnamespace
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND c.relowner <> %s::regrole
          AND NOT (c.relkind = 'S' AND EXISTS (
              SELECT 1 FROM pg_depend d
              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                AND d.deptype IN ('a', 'i')))
        """,
        [SCHEMA, eigenaar],
    )
    relaties = cursor.fetchall()
    for soort, naam in relaties:
        _execute(
            cursor,
            sql.SQL("ALTER {} {} OWNER TO {}").format(
                sql.SQL(soort), sql.Identifier(naam), sql.Identifier(eigenaar)
            ),
        )
    cursor.execute(
        """
        SELECT p.oid::regprocedure::text FROM pg_proc p
        WHERE p.pronamespace = %s::regnamespace AND p.proowner <> %s::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                            AND d.deptype = 'e')
        """,
        [SCHEMA, eigenaar],
    )
    functies = [rij[0] for rij in cursor.fetchall()]
    for functie in functies:
        # regprocedure's text is already a quoted signature, e.g. accounts_x_append_only()
        _execute(
            cursor,
            sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(
                sql.SQL(functie), sql.Identifier(eigenaar)
            ),
        )
    return len(relaties) + len(functies)
