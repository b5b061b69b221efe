"""Looking up, in a fixed number of queries whatever the number of rows, what planning
an import compares with: accounts by e-mail, which of them are staff, open activation
links, and pupils elsewhere with the same name and birth date (see docs/import.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q
from django.db.models.functions import Lower

from accounts.models import Emaillink, Gezag, Leerling, Organisatie, Roltoekenning, User

IN_STUKKEN = 900  # SQLite's old limit on parameters in one query


def in_stukken(waarden: Iterable, grootte: int = IN_STUKKEN) -> Iterable[list]:
    waarden = list(waarden)
    for begin in range(0, len(waarden), grootte):
        yield waarden[begin : begin + grootte]


def sleutel(voornaam: str, achternaam: str, geboortedatum: date | str | None) -> tuple:
    return (voornaam.casefold(), achternaam.casefold(), str(geboortedatum))


def gebruikers_bij_email(emails: set[str]) -> dict[str, User]:
    gevonden = {}
    for stuk in in_stukken(sorted(emails)):
        for user in User.objects.annotate(email_klein=Lower("email")).filter(email_klein__in=stuk):
            gevonden[user.email_klein] = user
    return gevonden


def medewerkers(users: Iterable[User]) -> set[int]:
    """Accounts with a role anywhere, or one proposed or confirmed (docs/import.md, rule 6)."""
    rollen = (
        Q(lidmaatschappen__isnull=False)
        | Q(
            roltoekenningen__status__in=[
                Roltoekenning.Status.VOORGESTELD,
                Roltoekenning.Status.BEVESTIGD,
            ]
        )
        | Q(is_staff=True)
        | Q(is_superuser=True)
    )
    ids = set()
    for stuk in in_stukken(user.pk for user in users):
        ids.update(User.objects.filter(pk__in=stuk).filter(rollen).values_list("pk", flat=True))
    return ids


def met_bruikbare_link(user_ids: Iterable[int]) -> set[int]:
    ids = set()
    for stuk in in_stukken(user_ids):
        ids.update(
            Emaillink.objects.bruikbaar()
            .filter(doel=Emaillink.Doel.ACTIVEREN, user_id__in=stuk)
            .values_list("user_id", flat=True)
        )
    return ids


def kandidaten(
    school: Organisatie, nieuwe: list[dict], vandaag: date
) -> tuple[dict[tuple, list], dict[int, set[str]]]:
    """Pupils with the same name and birth date: this school's own without a number
    (entered by hand before the first import) and those enrolled at another school,
    with the addresses of the latter's parents with custody."""
    per_sleutel: dict[tuple, list[Leerling]] = defaultdict(list)
    datums = {rij["geboortedatum"] for rij in nieuwe}
    hier_zonder_nummer = Q(school=school, leerlingnummer="")
    elders = (
        Q(school__isnull=False)
        & ~Q(school=school)
        & (Q(uitgeschreven_op__isnull=True) | Q(uitgeschreven_op__gt=vandaag))
    )
    for stuk in in_stukken(datums):
        for leerling in Leerling.objects.filter(geboortedatum__in=stuk).filter(
            hier_zonder_nummer | elders
        ):
            per_sleutel[
                sleutel(leerling.voornaam, leerling.achternaam, leerling.geboortedatum)
            ].append(leerling)
    elders_ids = [
        leerling.pk
        for gevonden in per_sleutel.values()
        for leerling in gevonden
        if leerling.school_id != school.pk
    ]
    ouders: dict[int, set[str]] = defaultdict(set)
    for stuk in in_stukken(elders_ids):
        for leerling_id, email in (
            Gezag.objects.filter(leerling_id__in=stuk, heeft_gezag=True)
            .annotate(email_klein=Lower("ouder__email"))
            .values_list("leerling_id", "email_klein")
        ):
            ouders[leerling_id].add(email)
    return per_sleutel, ouders
