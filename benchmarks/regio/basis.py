"""The region's building blocks: generated pupils and schools, sizes, ids and COPY."""

from __future__ import annotations

import json
import random
import uuid
from datetime import date, datetime, timedelta

from regio.namen import ACHTERNAMEN, VOORNAMEN


class Leerlingrij:
    """One generated pupil, as far as the later steps need it."""

    __slots__ = (
        "achternaam",
        "geboortedatum",
        "groep",
        "id",
        "mentor",
        "ouders",
        "school",
        "tussenvoegsel",
        "uitgeschreven",
        "uuid",
        "voornaam",
    )

    def __init__(self, **velden):
        for naam, waarde in velden.items():
            setattr(self, naam, waarde)

    def leeftijd(self, op: date) -> int:
        jaren = op.year - self.geboortedatum.year
        if (op.month, op.day) < (self.geboortedatum.month, self.geboortedatum.day):
            jaren -= 1
        return jaren


# The School attribute that holds each school role's person.
SCHOOLROL = {"ondersteuningscoordinator": "ib", "directeur": "directeur"}


class School:
    __slots__ = ("directeur", "ib", "id", "leraren", "naam", "plaats", "po", "sector", "swv_id")

    def __init__(self, id, naam, sector, swv_id, plaats, ib=None, directeur=None):
        self.id, self.naam, self.sector, self.swv_id, self.plaats = id, naam, sector, swv_id, plaats
        self.ib, self.directeur, self.leraren = ib, directeur, []
        self.po = sector in ("PO", "SBO", "SO")


class Basis:
    def __init__(self, leerlingen: int, zaad: int):
        from django.utils import timezone

        self.n = leerlingen
        self.s = leerlingen / 100_000
        self.rng = random.Random(zaad)
        self.nu = timezone.now()
        self.vandaag = timezone.localdate()
        self.aantallen: dict[str, int] = {}

    # Helpers ------------------------------------------------------------------------------

    def aantal(self, per_100k: float, minimum: int = 1) -> int:
        return max(minimum, round(per_100k * self.s))

    def uuid4(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, dagen_terug_min: float, dagen_terug_max: float) -> datetime:
        return self.nu - timedelta(days=self.rng.uniform(dagen_terug_min, dagen_terug_max))

    def dag(self, dagen_terug_min: int, dagen_terug_max: int) -> date:
        return self.vandaag - timedelta(days=self.rng.randint(dagen_terug_min, dagen_terug_max))

    def reserveer(self, model, aantal: int) -> range:
        """`aantal` primary keys from the table's own sequence, to refer to before COPY."""
        from django.db import connection

        if aantal == 0:
            return range(0)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
            reeks = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [reeks])
            eerste = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, %s)", [reeks, eerste + aantal - 1])
        return range(eerste, eerste + aantal)

    def kopieer(self, model, kolommen: list[str], rijen) -> int:
        """COPY rows (tuples in `kolommen` order, attnames) into the model's table; the
        other columns get their field default (one value for every row)."""
        from django.db import connection, models

        velden = {f.attname: f for f in model._meta.concrete_fields}
        rest, vast = [], []
        for veld in model._meta.concrete_fields:
            if veld.attname in kolommen or veld.primary_key:
                continue
            if veld.unique and not veld.null:
                raise ValueError(f"{model.__name__}.{veld.name}: uniek, geef het per rij mee")
            if veld.has_default():
                waarde = veld.get_default()
            elif getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
                waarde = self.nu
            elif veld.null:
                waarde = None
            elif veld.empty_strings_allowed:
                waarde = ""
            else:
                raise ValueError(f"{model.__name__}.{veld.name} ontbreekt")
            if isinstance(veld, models.JSONField):
                waarde = json.dumps(waarde)
            rest.append(veld.column)
            vast.append(waarde)
        vast = tuple(vast)
        namen = [velden[k].column for k in kolommen] + rest
        sql = 'COPY "{}" ({}) FROM STDIN'.format(
            model._meta.db_table, ", ".join(f'"{n}"' for n in namen)
        )
        teller = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for rij in rijen:
                copy.write_row(rij + vast)
                teller += 1
        self.aantallen[model._meta.label] = self.aantallen.get(model._meta.label, 0) + teller
        return teller

    def kopieer_m2m(self, through, kolommen: list[str], rijen) -> int:
        from django.db import connection

        sql = 'COPY "{}" ({}) FROM STDIN'.format(
            through._meta.db_table, ", ".join(f'"{k}"' for k in kolommen)
        )
        teller = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for rij in rijen:
                copy.write_row(rij)
                teller += 1
        self.aantallen[through._meta.db_table] = teller
        return teller

    def naam(self) -> tuple[str, str, str]:
        tussenvoegsel, achternaam = self.rng.choice(ACHTERNAMEN)
        return self.rng.choice(VOORNAMEN), tussenvoegsel, achternaam

    # The build ----------------------------------------------------------------------------
