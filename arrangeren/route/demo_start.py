"""Demo: a traject the jeugdteam started on a signal from outside education, with what
plays recorded, and an MDO in preparation whose planner proposes the SWV and leerplicht
(docs/route.md, "Opening a traject" and "Required involvement")."""

import uuid
from datetime import timedelta

from django.utils import timezone

from accounts.models import Leerling, Lidmaatschap, Organisatie, User
from arrangeren.route.betrokkenheid import Kenmerk
from arrangeren.route.models import Stapovergang, Stapuitkomst, Traject, TrajectVoorwaarde
from arrangeren.route.services.mdo import plan_mdo
from arrangeren.route.stappen import STARTS, Initiatief, Overgang

NAMESPACE = uuid.UUID("0e7d4b1a-93c2-4f6e-8a15-2d9c7b3e5f41")
DEMO_TRAJECT_JEUGDTEAM = uuid.uuid5(NAMESPACE, "traject-jeugdteam")
AANLEIDING = (
    "Moeder meldde bij het jeugdteam dat het thuis vastloopt: veel ruzie, hij slaapt slecht "
    "en blijft 's ochtends vaak in bed. De school merkt nog weinig; de afgelopen weken "
    "mist hij wel vaker het eerste uur."
)


def seed() -> None:
    if Traject.objects.filter(uuid=DEMO_TRAJECT_JEUGDTEAM).exists():
        return
    ib = Lidmaatschap.objects.select_related("organisatie").filter(user__email="ib@demo.nl")
    ib = ib.first()
    jeugdteam = User.objects.filter(email="jeugdteam@demo.nl").first()
    organisatie = Organisatie.objects.filter(naam="Jeugdteam Leiden (demo)").first()
    if ib is None or jeugdteam is None or organisatie is None:
        return
    # A generated pupil of the coördinator's school with no traject or register entry yet.
    leerling = (
        Leerling.objects.filter(school=ib.organisatie, trajecten__isnull=True)
        .exclude(voornaam="Sam")
        .filter(thuiszitten__isnull=True, tlv_aanvragen__isnull=True)
        .order_by("-geboortedatum", "pk")
        .first()
    )
    if leerling is None:
        return
    traject = Traject.objects.create(
        uuid=DEMO_TRAJECT_JEUGDTEAM,
        leerling=leerling,
        geopend_door=jeugdteam,
        geopend_namens=organisatie,
        signaal_buiten_school=True,
        initiatief=Initiatief.JEUGDTEAM,
        aanleiding=AANLEIDING,
        kenmerken=[Kenmerk.VERZUIM.value, Kenmerk.RISICOGEDRAG.value],
        regievoerder=organisatie,
        huidige_stap=2,
    )
    TrajectVoorwaarde.objects.bulk_create(
        TrajectVoorwaarde(traject=traject, voorwaarde=v, bevestigd_door=jeugdteam)
        for v in STARTS[Initiatief.JEUGDTEAM].voorwaarden
    )
    Stapuitkomst.objects.create(
        traject=traject,
        stap=1,
        cyclus=1,
        velden={
            "observaties": "Thuis onrust en slecht slapen; op school vaker te laat.",
            "hypothesen": "Spanning thuis werkt door op school; of: slaapproblemen los daarvan.",
        },
        bijgewerkt_door=jeugdteam,
    )
    Stapovergang.objects.create(
        traject=traject, soort=Overgang.START, naar_stap=1, cyclus=1, door=jeugdteam
    )
    Stapovergang.objects.create(
        traject=traject, soort=Overgang.VOLGENDE, van_stap=1, naar_stap=2, cyclus=1, door=ib.user
    )
    start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    start += timedelta(days=12)
    plan_mdo(
        traject,
        {
            "doel": "Samen met ouders, school en jeugdteam een plan maken.",
            "start": start,
            "eind": start + timedelta(hours=1),
            "locatie": "Kamer van de IB'er",
        },
        door=ib.user,
    )
