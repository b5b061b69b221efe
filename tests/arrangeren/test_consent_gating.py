"""What an outside party sees and receives follows consent, also after it changes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Informatiesoort, Lidmaatschap, Organisatie, Toestemming
from accounts.services import beantwoord_toestemming, trek_toestemming_in, vraag_toestemming
from arrangeren.route import services
from arrangeren.route.services.uitnodigingen import ics
from arrangeren.route.stappen import Voorwaarde
from tests.arrangeren.route_helpers import naar_stap_2, schrijf_verslag
from tests.conftest import user_by_email

MDO = Informatiesoort.MDO_DEELNAME


@pytest.fixture
def ib(db):
    return user_by_email("ib@demo.nl")


@pytest.fixture
def jeugdteam(db):
    return user_by_email("jeugdteam@demo.nl")


@pytest.fixture
def traject(sam, ib):
    lid = Lidmaatschap.objects.get(user=ib)
    traject = services.open_traject(
        leerling=sam, door=ib, namens=lid, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    return naar_stap_2(traject, ib)


@pytest.fixture
def mdo(traject, ib, jeugdteam, django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(days=1, hours=3)
    mdo = services.plan_mdo(
        traject,
        {
            "doel": "Plan",
            "start": start,
            "eind": start + timedelta(hours=1),
            "videolink": "https://video.example/geheim",
        },
        door=ib,
    )
    org = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    services.voeg_genodigde_toe(mdo, jeugdteam, org, door=ib)
    for rij in vraag_toestemming(
        traject.leerling, door=ib, ontvanger_organisatie=org, ontvanger=jeugdteam, soorten=[MDO]
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.verstuur_uitnodigingen(mdo, door=ib)
    return mdo


def trek_in(leerling):
    rij = Toestemming.objects.filter(leerling=leerling, soort=MDO).first()
    trek_toestemming_in(rij, door=rij.gever)


def test_the_video_link_never_travels_by_email(mdo):
    assert b"video.example" not in ics(mdo)
    assert all("video.example" not in b.body for b in mail.outbox)
    assert all("video.example" not in str(b.attachments[0][1]) for b in mail.outbox)


def test_after_withdrawal_no_change_or_reminder_reaches_the_outsider(
    mdo, ib, django_capture_on_commit_callbacks
):
    trek_in(mdo.traject.leerling)
    mail.outbox.clear()
    nieuw = mdo.start + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_mdo(
            mdo, {"start": nieuw, "eind": nieuw + timedelta(hours=1)}, door=ib, versie=mdo.versie
        )
        services.stuur_herinneringen()
    ontvangers = {adres for bericht in mail.outbox for adres in bericht.to}
    assert "ouder@demo.nl" in ontvangers
    assert "jeugdteam@demo.nl" not in ontvangers


def test_outsiders_see_no_hoorrecht_and_no_consent_columns(client, login, mdo, ib):
    schrijf_verslag(mdo.traject, ib, vaststellen=True)
    login("jeugdteam@demo.nl")
    mdo_pagina = client.get(reverse("arrangeren:mdo_detail", args=[mdo.uuid])).content.decode()
    assert "Toestemming" not in mdo_pagina.split("Genodigden", 1)[1].split("</table>")[0]
    verslag = client.get(reverse("arrangeren:verslag", args=[mdo.uuid])).content.decode()
    assert "Besloten: samen verder" in verslag  # the final report reaches the attendee
    assert "Drukte" not in verslag  # but not the pupil's own words (hoorrecht)
    login("ouder@demo.nl")
    assert "Drukte" in client.get(reverse("arrangeren:verslag", args=[mdo.uuid])).content.decode()


def test_an_mdo_is_planned_from_step_2_only(sam, ib):
    lid = Lidmaatschap.objects.get(user=ib)
    traject = services.open_traject(
        leerling=sam, door=ib, namens=lid, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError, match="vanaf stap 2"):
        services.plan_mdo(
            traject,
            {"doel": "x", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
            door=ib,
        )
    assert not traject.mdos.exists()


def test_cancelling_tells_the_invitees_and_frees_the_way_for_a_new_mdo(
    mdo, ib, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with pytest.raises(ValidationError, match="reden"):
        services.annuleer_mdo(mdo, door=ib, reden="")
    with django_capture_on_commit_callbacks(execute=True):
        services.annuleer_mdo(mdo, door=ib, reden="Ziekte")
    assert {a for b in mail.outbox for a in b.to} >= {"ouder@demo.nl", "jeugdteam@demo.nl"}
    start = timezone.now() + timedelta(days=8)
    nieuw = services.plan_mdo(
        mdo.traject,
        {"doel": "Opnieuw", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
        door=ib,
    )
    assert nieuw.pk != mdo.pk


def test_an_orphaned_consent_question_does_not_lock_a_parent_out(client, login, sam, mdo):
    from accounts.models import Gezag

    ouder = user_by_email("ouder2@demo.nl")
    Toestemming.objects.create(
        leerling=sam,
        soort=Informatiesoort.OPP_INZAGE,
        ontvanger_organisatie=Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"),
        gever=ouder,
        status=Toestemming.Status.GEVRAAGD,
        vastgelegd_door=ouder,
    )
    Gezag.objects.filter(ouder=ouder, leerling=sam).update(heeft_gezag=False)
    login("ouder2@demo.nl")
    start = client.get(reverse("home"))
    assert start.status_code == 200
    assert "Vragen beantwoorden" not in start.content.decode()
    # Without custody of any child he decides nothing: no consent page (docs/rollen.md).
    assert client.get(reverse("accounts:toestemmingen")).status_code == 404
