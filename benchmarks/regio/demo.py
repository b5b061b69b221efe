"""On top of the generated region: Sam's traject and the long OPP the PDF benchmark times."""

from __future__ import annotations

from datetime import date, timedelta

from regio.namen import LANG_OPP, SAM


def sam_traject() -> None:
    """Sam de Vries (ouder@demo.nl's son) gets an open traject with an MDO to come, so
    the parent's pages have a traject, an invitation and an MDO."""
    from django.utils import timezone

    from accounts.models import Gezag, Leerling, Lidmaatschap
    from arrangeren.route.models import Genodigde, Mdo, Stapovergang, Traject

    sam = Leerling.objects.get(uuid=SAM)
    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    nu = timezone.now()
    traject = Traject.objects.create(
        leerling=sam,
        geopend_door=ib.user,
        geopend_namens=ib.organisatie,
        regievoerder=ib.organisatie,
        huidige_stap=4,
    )
    Stapovergang.objects.create(traject=traject, soort="start", naar_stap=1, cyclus=1, door=ib.user)
    start = (nu + timedelta(days=6)).replace(minute=0, second=0, microsecond=0)
    mdo = Mdo.objects.create(
        traject=traject,
        cyclus=1,
        doel="Afspraken over rust in de klas en thuis.",
        start=start,
        eind=start + timedelta(hours=1),
        locatie="School, kamer van de IB'er",
        voorzitter=ib.user,
        status=Mdo.Status.UITGENODIGD,
        uitnodigingen_verstuurd_op=nu - timedelta(days=4),
    )
    for gezag in Gezag.objects.filter(leerling=sam, heeft_gezag=True):
        Genodigde.objects.create(
            mdo=mdo, user=gezag.ouder, rol="ouder", uitgenodigd_op=nu - timedelta(days=4)
        )
    Genodigde.objects.create(
        mdo=mdo,
        user=ib.user,
        organisatie=ib.organisatie,
        rol="school",
        uitgenodigd_op=nu - timedelta(days=4),
    )


LANGE_VELDEN = ("onderbouwing", "ondersteuningsbehoeften", "integratief_beeld", "afwijkingen")


def lang_opp() -> None:
    """An OPP of about ten A4 pages (as benchmarks/bench_pdf.py builds) for a pupil of De
    Regenboog without one, under a fixed uuid: benchmarks/load.py --pdf and pages.py time
    its PDF."""
    from accounts.models import Leerling, Lidmaatschap
    from opp.domein import Ontwikkelingsdomein
    from opp.models import Inzet, Opp, OppDoel

    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    leerling = (
        Leerling.objects.filter(school=ib.organisatie, opps__isnull=True, uitgeschreven_op=None)
        .order_by("pk")
        .first()
    )
    alinea = (
        "Heeft baat bij voorspelbaarheid en korte instructies. Thuis en op school werken we "
        "met dezelfde dagstructuur, zodat de leerling weet wat er komt en minder spanning "
        "ervaart. "
    )
    opp = Opp.objects.create(
        uuid=LANG_OPP,
        leerling=leerling,
        school=ib.organisatie,
        gemaakt_door=ib.user,
        **dict.fromkeys(LANGE_VELDEN, alinea * 6),
    )
    domeinen = list(Ontwikkelingsdomein)
    vandaag = date.today()
    for nummer in range(12):
        doel = OppDoel.objects.create(
            opp=opp,
            volgorde=nummer + 1,
            domein=domeinen[nummer % len(domeinen)],
            soort="beide",
            omschrijving=alinea * 2,
            criterium=alinea,
        )
        Inzet.objects.bulk_create(
            Inzet(
                doel=doel,
                wat=f"Inzet {i}: {alinea[:120]}",
                wie="Mentor",
                vanaf=vandaag,
                tot=vandaag + timedelta(days=90),
                uren_per_week=2,
            )
            for i in range(3)
        )
