"""More of what "Mijn werk", the route pages and the OPP page list, for query-count tests.

`groei(n)` adds n pupils at De Regenboog (mentor's pupils, children of ouder@demo.nl,
with the parents' consent for the jeugdteam), each with an open traject, an MDO whose
invitations went out (the jeugdteam invited) and an OPP sent for signature (the parent,
the coördinator and the jeugdteam asked). A page whose query count follows n has an N+1.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Gezag, Informatiesoort, Lidmaatschap, User
from accounts.services import beantwoord_toestemming, vraag_toestemming
from tests.conftest import login_verified
from tests.factories import GezagFactory, LeerlingFactory

# A bare authenticated page costs 6 queries (session, user, second factor, role, and
# the bell's unread count, docs/meldingen.md); the region target was 15 for every page
# (issue 13), 16 with the bell (issue 15).
BUDGET = 16


def tel(client, url: str) -> tuple[int, int]:
    """(status, queries) of a GET, after one warm-up request (first-request bookkeeping)."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, len(ctx.captured_queries)


def inloggen(client, email: str):
    return login_verified(client, User.objects.get(email=email))


def groei(aantal: int, *, start: int = 0, achterstanden: bool = True) -> list:
    """`aantal` more pupils with a traject, MDO invitations and OPP signature requests.

    With `achterstanden` each also fills the coördinator's overdue lists: the traject's
    evaluation date passed, invitations unanswered for days, a begeleiding near its kader
    with an end announced too late, and (in turn) an OPP whose evaluation date passed, a
    parent who did not agree, or a request waiting for over a week.
    """
    from arrangeren.route.services import open_traject, plan_mdo, verstuur_uitnodigingen
    from arrangeren.route.services.mdo import voeg_genodigde_toe
    from arrangeren.route.stappen import Voorwaarde
    from opp import services as opp_services
    from tests.arrangeren.route_helpers import naar_stap_2

    ib = Lidmaatschap.objects.select_related("user", "organisatie").get(user__email="ib@demo.nl")
    mentor = User.objects.get(email="mentor@demo.nl")
    ouder = User.objects.get(email="ouder@demo.nl")
    jeugdteam = Lidmaatschap.objects.select_related("user", "organisatie").get(
        user__email="jeugdteam@demo.nl"
    )
    trajecten = []
    for i in range(start, start + aantal):
        leerling = LeerlingFactory(
            school=ib.organisatie, geboortedatum=date(2015, 1, 1) + timedelta(days=i)
        )
        leerling.mentoren.add(mentor)
        GezagFactory(leerling=leerling, ouder=ouder, relatie=Gezag.Relatie.MOEDER)
        for rij in vraag_toestemming(
            leerling,
            door=ib.user,
            ontvanger_organisatie=jeugdteam.organisatie,
            soorten=[Informatiesoort.MDO_DEELNAME, Informatiesoort.OPP_INZAGE],
        ):
            beantwoord_toestemming(rij, door=rij.gever, geven=True)
        traject = open_traject(
            leerling=leerling,
            door=ib.user,
            namens=ib,
            voorwaarden={v.value: "ja" for v in Voorwaarde},
        )
        naar_stap_2(traject, ib.user)
        begin = timezone.now() + timedelta(days=3 + i % 20, hours=i % 7)
        mdo = plan_mdo(
            traject,
            {"doel": "Plan", "start": begin, "eind": begin + timedelta(hours=1), "locatie": "A"},
            door=ib.user,
        )
        voeg_genodigde_toe(mdo, jeugdteam.user, jeugdteam.organisatie, door=ib.user)
        verstuur_uitnodigingen(mdo, door=ib.user)
        opp = opp_services.maak_opp(
            leerling,
            door=ib.user,
            velden={"evaluatiedatum": date.today() + timedelta(days=60)},
            doelen=[
                {
                    "domein": "emotieregulatie",
                    "soort": "beide",
                    "omschrijving": "Rust in de klas",
                    "inzet": [{"wat": "Begeleiding", "wie": "Jeugdteam", "vanaf": date.today()}],
                }
            ],
        )
        opp_services.verstuur_ter_ondertekening(opp, door=ib.user, toegang=jeugdteam)
        if achterstanden:
            _achterstanden(i, traject, mdo, opp)
        trajecten.append(traject)
    return trajecten


def _achterstanden(i: int, traject, mdo, opp) -> None:
    from arrangeren.jeugdhulp import kaders
    from arrangeren.jeugdhulp.models import Urenregistratie
    from arrangeren.route.models import Traject
    from opp.models import Ondertekening, Opp
    from tests.arrangeren.jeugdhulp_helpers import begeleiding

    vandaag = date.today()
    Traject.objects.filter(pk=traject.pk).update(evaluatiedatum=vandaag - timedelta(days=3))
    mdo.genodigden.update(uitgenodigd_op=timezone.now() - timedelta(days=5))
    inzet = begeleiding(traject)
    inzet.einde_aangekondigd_op = vandaag
    inzet.aangekondigd_einde = vandaag + timedelta(days=10)
    inzet.save()
    Urenregistratie.objects.create(
        inzet=inzet, week=kaders.maandag(vandaag), uren=45, door=inzet.geregistreerd_door
    )
    if i % 3 == 0:
        Opp.objects.filter(pk=opp.pk).update(
            status=Opp.Status.VASTGESTELD,
            vastgesteld_op=timezone.now() - timedelta(days=400),
            evaluatiedatum=vandaag - timedelta(days=5),
        )
    elif i % 3 == 1:
        opp.ondertekeningen.filter(partij=Ondertekening.Partij.OUDER).update(
            status=Ondertekening.Status.NIET_AKKOORD,
            beantwoord_op=timezone.now(),
            reden="Niet eens met de uren",
        )
    else:
        opp.ondertekeningen.update(gevraagd_op=timezone.now() - timedelta(days=10))
