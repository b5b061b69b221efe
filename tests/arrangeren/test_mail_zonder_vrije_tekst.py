"""No free text from users travels by e-mail: a reason, a place, a goal or an agenda stays
behind the login; the mail says that something waits and links to it (docs/productie.md)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Informatiesoort, Lidmaatschap, Organisatie
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.route import services
from arrangeren.route.stappen import Voorwaarde
from tests.arrangeren.route_helpers import naar_stap_2
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

MERKTEKEN = "MERKTEKEN-7f3a"


def _alles(bericht) -> str:
    bijlagen = " ".join(str(inhoud) for _naam, inhoud, _soort in bericht.attachments)
    return f"{bericht.subject}\n{bericht.body}\n{bijlagen}"


@pytest.fixture
def mdo(sam, django_capture_on_commit_callbacks):
    ib, jeugdteam = user_by_email("ib@demo.nl"), user_by_email("jeugdteam@demo.nl")
    traject = services.open_traject(
        leerling=sam,
        door=ib,
        namens=Lidmaatschap.objects.get(user=ib),
        voorwaarden={v.value: "ja" for v in Voorwaarde},
    )
    naar_stap_2(traject, ib)
    start = timezone.now() + timedelta(days=1, hours=3)
    mdo = services.plan_mdo(
        traject,
        {
            "doel": f"Doel {MERKTEKEN}",
            "start": start,
            "eind": start + timedelta(hours=1),
            "locatie": f"Thuis bij Sam, Dorpsstraat 5 {MERKTEKEN}",
            "agenda": f"Agenda {MERKTEKEN}",
        },
        door=ib,
    )
    org = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    services.voeg_genodigde_toe(mdo, jeugdteam, org, door=ib)
    for rij in vraag_toestemming(
        sam,
        door=ib,
        ontvanger_organisatie=org,
        ontvanger=jeugdteam,
        soorten=[Informatiesoort.MDO_DEELNAME],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    return mdo


def test_no_reason_place_goal_or_agenda_in_any_mail_of_a_meeting(
    client, login, mdo, django_capture_on_commit_callbacks
):
    ib = user_by_email("ib@demo.nl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.verstuur_uitnodigingen(mdo, door=ib)
        mdo.refresh_from_db()
        later = mdo.start + timedelta(hours=2)
        services.wijzig_mdo(
            mdo, {"start": later, "eind": later + timedelta(hours=1)}, door=ib, versie=mdo.versie
        )
        services.stuur_herinneringen()
    login("ib@demo.nl")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("arrangeren:mdo_detail", args=[mdo.uuid]),
            {"actie": "annuleren", "reden": f"Sam is opgenomen {MERKTEKEN}"},
        )
    onderwerpen = {bericht.subject for bericht in mail.outbox}
    assert any("Geannuleerd" in o for o in onderwerpen) and len(onderwerpen) >= 3
    assert {a for b in mail.outbox for a in b.to} >= {"ouder@demo.nl", "jeugdteam@demo.nl"}
    for bericht in mail.outbox:
        assert MERKTEKEN not in _alles(bericht), bericht.subject
        assert "/mdo/" in bericht.body  # it links to the meeting instead
    # The reason is kept and shown to those invited, behind the login.
    login("jeugdteam@demo.nl")
    pagina = client.get(reverse("arrangeren:mdo_detail", args=[mdo.uuid])).content.decode()
    assert f"Sam is opgenomen {MERKTEKEN}" in pagina
