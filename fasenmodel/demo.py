"""Demo data of the fasenmodel: pupils in every phase and a thuiszitters register.

Sam de Vries and Noor Visser are left alone (their journeys start without a phase).
Idempotent and stable: every row has a uuid5 key; existing rows are not touched.
Dates are relative to the day of seeding, so the signals and countdowns look alive.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Gezag, Leerling, Lidmaatschap, User

from .fasen import overgeslagen_fasen, plus_maanden
from .leerplicht import Advies, Besluit, Grondslag, Perspectief
from .models import (
    Faseovergang,
    Locatiesoort,
    Onderwijstijdafwijking,
    Plaatsing,
    Procesregiebesluit,
    Thuiszitter,
    Vrijstelling,
)
from .thuiszitten import Regievoerder, Soort

NAMESPACE = uuid.UUID("b7f0c3a1-6d2e-4f58-9a1b-3c4d5e6f7a80")
# The generated pupils of accounts' seed_demo (uuid5 of "leerling-<n>").
ACCOUNTS_NAMESPACE = uuid.UUID("5a3e1f7c-2b8d-4c1e-9f6a-0d7b3c2e1a90")
# A thuiszitter of De Regenboog, past 3 months: the permission matrix uses it.
DEMO_THUISZITTER_REGENBOOG = uuid.uuid5(NAMESPACE, "thuiszitter-35")
# A request of a pupil of SO De Wissel (PO SWV) waiting for the doctor's advice: the
# permission matrix uses it.
DEMO_VRIJSTELLING = uuid.uuid5(NAMESPACE, "vrijstelling-24")
# The school escalated that entry to its director (docs/fasenmodel.md, "Opschalen").
DEMO_OPSCHALING_REGENBOOG = uuid.uuid5(NAMESPACE, "opschaling-thuiszitter-35")

S, Z, D = Locatiesoort.SCHOOL, Locatiesoort.ZORGLOCATIE, Locatiesoort.DAGBESTEDING
# pupil number -> [(fase, months ago, kind of location, location)], oldest first.
# Several skip phases (6->4, 5->3, 4->2, 3->1): the model allows it, marked for attention.
PLAATSINGEN: dict[int, list[tuple]] = {
    7: [(6, 30, S, "De school van inschrijving")],
    8: [(6, 40, S, "De school van inschrijving")],
    11: [(6, 20, S, "De school van inschrijving")],
    9: [(6, 36, S, "Basisschool De Vlieger"), (5, 14, S, "SBO De Brug")],
    13: [(5, 26, S, "VSO De Haven")],
    14: [(6, 40, S, "Basisschool De Regenboog"), (4, 25, S, "OZA-groep De Regenboog")],
    17: [(5, 30, S, "SO De Wissel"), (4, 22, S, "OZA-groep SO De Wissel")],
    10: [(5, 30, S, "SO De Wissel"), (3, 13, Z, "Zorgaanbieder De Horizon (demo)")],
    20: [(3, 4, Z, "Zorgaanbieder De Horizon (demo)")],
    16: [(4, 30, S, "OZA-groep SBO De Brug"), (2, 11, D, "Dagbesteding De Horizon (demo)")],
    27: [(2, 26, D, "Dagbesteding De Horizon (demo)")],
    21: [(3, 24, Z, "Zorgaanbieder De Horizon (demo)"), (1, 14, Z, "Zorgboerderij De Linde")],
    24: [(1, 5, Z, "Zorgaanbieder De Horizon (demo)")],
}
COGNITIEF = {21}

# Pupils registered nowhere (no school): absoluut verzuim and an exemption.
NIET_INGESCHREVEN = {
    "jesse": ("Jesse", "", "Kramer", date(2012, 4, 11), "Linda Kramer"),
    "lieke": ("Lieke", "van den", "Berg", date(2013, 11, 3), "Fatima van den Berg"),
}

# The vrijstelling route: key -> (pupil, requested days ago, SWV's view, advice, decision,
# exempt from days ago, exempt until days ahead, care location). Pupil 33 is on the review
# list "Aflopende vrijstellingen"; pupil 24 waits for the doctor's advice.
VRIJSTELLINGEN = {
    "vrijstelling-33": (
        33,
        230,
        Perspectief.GEEN,
        Advies.POSITIEF,
        Besluit.VERLEEND,
        200,
        50,
        "Revalidatiecentrum De Horizon (demo)",
    ),
    "vrijstelling-lieke": (
        "lieke",
        60,
        "",
        Advies.POSITIEF,
        Besluit.VERLEEND,
        20,
        180,
        "Dagbesteding De Horizon (demo)",
    ),
    "vrijstelling-24": (
        24,
        10,
        Perspectief.GEEN,
        "",
        "",
        None,
        None,
        "Zorgaanbieder De Horizon (demo)",
    ),
}
# A deviation from the minimum teaching time (Variawet) at De Regenboog, ending soon.
ONDERWIJSTIJD = ("onderwijstijd-14", 14, "12.0", Grondslag.VARIAWET, 150, 20)

# key -> (pupil number or not-registered key, soort, days at home, causes, day activity,
#          offer started days ago, ended days ago)
THUISZITTERS = {
    "thuiszitter-35": (
        35,
        Soort.RELATIEF,
        100,
        ["psychisch", "pesten"],
        "Thuis, soms met een vriend naar de sportclub.",
        None,
        None,
    ),
    "thuiszitter-29": (29, Soort.RELATIEF, 80, ["geen_passende_plek"], "Thuis.", None, None),
    "thuiszitter-32": (
        32,
        Soort.RELATIEF,
        40,
        ["psychisch"],
        "Twee ochtenden zorgboerderij.",
        None,
        None,
    ),
    "thuiszitter-33": (
        33,
        Soort.GEEN,
        200,
        ["lichamelijk"],
        "Revalidatiecentrum.",
        30,
        None,
    ),
    "thuiszitter-30": (
        30,
        Soort.RELATIEF,
        120,
        ["gedrag", "wachtlijst_zorg"],
        "Thuis.",
        None,
        None,
    ),
    "thuiszitter-31": (31, Soort.RELATIEF, 300, ["gezin"], "", None, 200),
    "thuiszitter-jesse": (
        "jesse",
        Soort.ABSOLUUT,
        150,
        ["schoolwisseling", "gezin"],
        "Thuis; helpt in de winkel van een oom.",
        None,
        None,
    ),
    "thuiszitter-lieke": (
        "lieke",
        Soort.GEEN,
        20,
        ["lichamelijk"],
        "Dagbesteding De Horizon (demo).",
        None,
        None,
    ),
}
OVERRIDE = (
    "thuiszitter-30",
    Regievoerder.LEERPLICHT,
    "Het proces stagneert: na vier maanden is er nog geen passende plek in zicht. "
    "Leerplicht neemt de procesregie over (afspraak thuiszittersaanpak).",
)


def _leerling(sleutel: int | str) -> Leerling | None:
    if isinstance(sleutel, int):
        return Leerling.objects.filter(
            uuid=uuid.uuid5(ACCOUNTS_NAMESPACE, f"leerling-{sleutel}")
        ).first()
    voornaam, tussenvoegsel, achternaam, geboren, moeder = NIET_INGESCHREVEN[sleutel]
    leerling, _ = Leerling.objects.get_or_create(
        uuid=uuid.uuid5(NAMESPACE, f"leerling-{sleutel}"),
        defaults={
            "voornaam": voornaam,
            "tussenvoegsel": tussenvoegsel,
            "achternaam": achternaam,
            "geboortedatum": geboren,
            "school": None,
        },
    )
    # Every demo pupil has a parent with custody; this one cannot log in (no password).
    ouder, _ = User.objects.get_or_create(
        email=f"ouder.{sleutel}@demo.nl", defaults={"naam": moeder, "password": "!"}
    )
    Gezag.objects.get_or_create(
        ouder=ouder, leerling=leerling, defaults={"relatie": Gezag.Relatie.MOEDER}
    )
    return leerling


def seed() -> None:
    leerplicht = Lidmaatschap.objects.filter(user__email="leerplicht@demo.nl").first()
    ib = Lidmaatschap.objects.filter(user__email="ib@demo.nl").first()
    if leerplicht is None or ib is None:
        return
    vandaag = timezone.localdate()
    _seed_plaatsingen(ib, leerplicht, vandaag)
    _seed_sam(ib, vandaag)
    _seed_thuiszitters(leerplicht, vandaag)
    _seed_vrijstellingen(leerplicht, vandaag)
    _seed_onderwijstijd(ib, vandaag)
    _seed_opschaling(ib)


def _seed_plaatsingen(ib: Lidmaatschap, leerplicht: Lidmaatschap, vandaag: date) -> None:
    for nummer, reeks in PLAATSINGEN.items():
        leerling = _leerling(nummer)
        if leerling is None:
            continue
        lid = ib if leerling.school_id == ib.organisatie_id else leerplicht
        van = None
        for volgnummer, (fase, maanden, soort, locatie) in enumerate(reeks):
            start = plus_maanden(vandaag, -maanden)
            plaatsing, nieuw = Plaatsing.objects.get_or_create(
                uuid=uuid.uuid5(NAMESPACE, f"plaatsing-{nummer}-{volgnummer}"),
                defaults={
                    "leerling": leerling,
                    "fase": fase,
                    "startdatum": start,
                    "locatiesoort": soort,
                    "locatie": locatie,
                    "reden": "Besproken in het MDO; ouders en leerling zijn akkoord.",
                    "cognitieve_leerbehoefte": fase == 1 and nummer in COGNITIEF,
                    "besloten_door": lid.user,
                    "namens": lid.organisatie,
                },
            )
            if nieuw:
                overgeslagen = overgeslagen_fasen(van, fase)
                Faseovergang.objects.create(
                    leerling=leerling,
                    plaatsing=plaatsing,
                    van_fase=van,
                    naar_fase=fase,
                    datum=plaatsing.startdatum,
                    door=lid.user,
                    reden=plaatsing.reden,
                    overgeslagen=bool(overgeslagen),
                    overgeslagen_fasen=", ".join(map(str, overgeslagen)),
                )
            van = fase


def _seed_sam(ib: Lidmaatschap, vandaag: date) -> None:
    """Sam de Vries: regular school with extra support, an OPP and jeugdhulp on top (fase 6)."""
    sam = Leerling.objects.filter(voornaam="Sam", achternaam="Vries").first()
    if sam is not None:
        plaatsing, nieuw = Plaatsing.objects.get_or_create(
            uuid=uuid.uuid5(NAMESPACE, "plaatsing-sam"),
            defaults={
                "leerling": sam,
                "fase": 6,
                "startdatum": plus_maanden(vandaag, -14),
                "locatiesoort": "school",
                "locatie": "Basisschool De Regenboog",
                "reden": "Regulier onderwijs met extra ondersteuning vanuit het OPP.",
                "besloten_door": ib.user,
                "namens": ib.organisatie,
            },
        )
        if nieuw:
            Faseovergang.objects.create(
                leerling=sam,
                plaatsing=plaatsing,
                van_fase=None,
                naar_fase=6,
                datum=plaatsing.startdatum,
                door=ib.user,
                reden=plaatsing.reden,
                overgeslagen=False,
                overgeslagen_fasen="",
            )


def _seed_thuiszitters(leerplicht: Lidmaatschap, vandaag: date) -> None:
    """The register, and one case where leerplicht took over the procesregie."""
    for sleutel, (wie, soort, dagen, oorzaken, dagbesteding, aanbod, eind) in THUISZITTERS.items():
        leerling = _leerling(wie)
        if leerling is None:
            continue
        Thuiszitter.objects.get_or_create(
            uuid=uuid.uuid5(NAMESPACE, sleutel),
            defaults={
                "leerling": leerling,
                "sinds": vandaag - timedelta(days=dagen),
                "soort": soort,
                "oorzaken": oorzaken,
                "dagbesteding": dagbesteding,
                "aanbod_gestart": aanbod is not None,
                "aanbod_sinds": vandaag - timedelta(days=aanbod) if aanbod else None,
                "beeindigd_op": vandaag - timedelta(days=eind) if eind else None,
                "ingevoerd_door": leerplicht.user,
            },
        )
    sleutel, regievoerder, reden = OVERRIDE
    thuiszitter = Thuiszitter.objects.filter(uuid=uuid.uuid5(NAMESPACE, sleutel)).first()
    if thuiszitter and not thuiszitter.procesregiebesluiten.exists():
        Procesregiebesluit.objects.create(
            thuiszitter=thuiszitter,
            regievoerder=regievoerder,
            reden=reden,
            door=leerplicht.user,
            namens=leerplicht.organisatie,
        )


def _seed_opschaling(ib: Lidmaatschap) -> None:
    """One open escalation: De Regenboog's coördinator to the director (niveau 1)."""
    from accounts.models import Escalatieniveau

    from .models import Opschaling, Thuiszitter

    thuiszitter = Thuiszitter.objects.filter(uuid=DEMO_THUISZITTER_REGENBOOG).first()
    niveau = Escalatieniveau.objects.filter(organisatie=ib.organisatie, niveau=1).first()
    if thuiszitter is None or niveau is None:
        return
    opschaling, nieuw = Opschaling.objects.get_or_create(
        uuid=DEMO_OPSCHALING_REGENBOOG,
        defaults={
            "thuiszitter": thuiszitter,
            "organisatie": ib.organisatie,
            "niveau": 1,
            "functionaris": niveau.functionaris,
            "door": ib.user,
            "reden": "Na drie overleggen is er nog geen passend aanbod: de zorgaanbieder "
            "heeft een wachtlijst en de school kan de extra begeleiding niet alleen "
            "betalen. Wilt u met het bestuur en de gemeente een oplossing zoeken?",
        },
    )
    if nieuw:
        opschaling.ontvangers.set(niveau.houders.all())


def _seed_vrijstellingen(leerplicht: Lidmaatschap, vandaag: date) -> None:
    for sleutel, rij in VRIJSTELLINGEN.items():
        wie, gevraagd, perspectief, advies, besluit, vanaf, tot, locatie = rij
        leerling = _leerling(wie)
        if leerling is None:
            continue
        Vrijstelling.objects.get_or_create(
            uuid=uuid.uuid5(NAMESPACE, sleutel),
            defaults={
                "leerling": leerling,
                "aangevraagd_op": vandaag - timedelta(days=gevraagd),
                "perspectief_swv": perspectief,
                "visie_swv": "Binnen een jaar is geen ingroei in onderwijs te verwachten, ook "
                "niet in een klein groepje."
                if perspectief
                else "",
                "visie_swv_op": vandaag - timedelta(days=gevraagd - 5) if perspectief else None,
                "advies": advies,
                "advies_op": vandaag - timedelta(days=gevraagd - 20) if advies else None,
                "besluit": besluit,
                "besluit_op": vandaag - timedelta(days=vanaf) if besluit else None,
                "startdatum": vandaag - timedelta(days=vanaf) if vanaf is not None else None,
                "einddatum": vandaag + timedelta(days=tot) if tot is not None else None,
                "zorglocatie": locatie,
                "ingevoerd_door": leerplicht.user,
            },
        )


def _seed_onderwijstijd(ib: Lidmaatschap, vandaag: date) -> None:
    sleutel, nummer, uren, grondslag, sinds, tot = ONDERWIJSTIJD
    leerling = _leerling(nummer)
    if leerling is None or leerling.school_id != ib.organisatie_id:
        return
    Onderwijstijdafwijking.objects.get_or_create(
        uuid=uuid.uuid5(NAMESPACE, sleutel),
        defaults={
            "leerling": leerling,
            "school": ib.organisatie,
            "uren_per_week": uren,
            "grondslag": grondslag,
            "ingroeiplan": "Drie ochtenden per week op de OZA-groep, elke zes weken een "
            "dagdeel erbij; evaluatie met ouders en jeugdhulp voor het einde.",
            "startdatum": vandaag - timedelta(days=sinds),
            "einddatum": vandaag + timedelta(days=tot),
            "ingevoerd_door": ib.user,
        },
    )
