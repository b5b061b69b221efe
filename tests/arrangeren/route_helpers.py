"""Finishing the current step of a traject the way a coördinator does, through the services."""

from datetime import date, timedelta

from django.utils import timezone

from arrangeren.route import services
from arrangeren.route.models import Mdo
from arrangeren.route.services.verslag import VERSLAGVELDEN
from arrangeren.route.stappen import STAP, Vastlegging
from arrangeren.route.uitkomsten import huidig_mdo, laatste_verslag


def plan_en_nodig_uit(traject, door) -> Mdo:
    start = timezone.now() + timedelta(days=14)
    mdo = services.plan_mdo(
        traject,
        {
            "doel": "Samen een plan maken",
            "start": start,
            "eind": start + timedelta(hours=1),
            "locatie": "Kamer van de IB'er",
            "agenda": "1. Opening",
        },
        door=door,
    )
    services.verstuur_uitnodigingen(mdo, door=door)
    return mdo


def overleg_gehouden(mdo: Mdo) -> Mdo:
    """The meeting took place: its time moved into the past (planning refuses a past
    time), so that its report may be made final (docs/route.md)."""
    begon = timezone.now() - timedelta(hours=2)
    Mdo.objects.filter(pk=mdo.pk).update(start=begon, eind=begon + timedelta(hours=1))
    mdo.refresh_from_db()
    return mdo


def schrijf_verslag(traject, door, *, vaststellen: bool):
    mdo = huidig_mdo(traject)
    verslag = laatste_verslag(mdo)
    if verslag.is_concept:
        verslag = services.bewaar_verslag(
            verslag,
            door=door,
            bewerkingen=verslag.bewerkingen,
            velden={naam: f"Tekst voor {naam}" for naam in VERSLAGVELDEN},
            besluiten="Besloten: samen verder",
            evaluatiedatum=date.today() + timedelta(days=90),
            aanwezigen=list(mdo.genodigden.values_list("pk", flat=True)),
        )
        if not verslag.doelen.exists():
            doel = services.voeg_doel_toe(
                verslag, door=door, domein="emotieregulatie", soort="beide", omschrijving="Rust"
            )
            services.voeg_afspraak_toe(
                doel, door=door, inzet="Time-out plek", uitvoerder="Mentor", vanaf=date.today()
            )
        if not hasattr(mdo, "leerlinggesprek"):
            services.leg_leerlinggesprek_vast(
                mdo,
                {
                    "gevoerd_op": date.today(),
                    "wat_goed_gaat": "Gym",
                    "wat_moeilijk_is": "Drukte",
                    "wensen": "Een rustige plek",
                },
                door=door,
            )
        if vaststellen:
            overleg_gehouden(mdo)
            services.stel_verslag_vast(verslag, door=door, bewerkingen=verslag.bewerkingen)


def rond_stap_af(traject, door) -> None:
    stap = STAP[traject.huidige_stap]
    if stap.vastlegging == Vastlegging.STAP:
        if stap.uitkomsten:
            services.bewaar_stapuitkomst(
                traject,
                stap.nummer,
                {naam: f"{label} van stap {stap.nummer}" for naam, label in stap.uitkomsten},
                door=door,
                versie=None,
            )
        if stap.organiseert_mdo and huidig_mdo(traject) is None:
            plan_en_nodig_uit(traject, door)
    elif stap.vastlegging == Vastlegging.VERSLAG:
        if huidig_mdo(traject) is None:
            plan_en_nodig_uit(traject, door)
        schrijf_verslag(traject, door, vaststellen=stap.nummer == 6)
    else:
        services.voeg_voortgang_toe(traject, "De inzet is gestart", door=door, namens=None)


def naar_stap_2(traject, door):
    """Step 1 recorded and done: from step 2 on an MDO can be planned."""
    rond_stap_af(traject, door)
    services.move_to_step(traject, 2, door=door)
    return traject
