"""A parent without custody hears about important matters, not the file, and does not
decide (BW 1:377c; docs/rollen.md, "Ouders zonder gezag").

Every page of the matrix is checked for him in tests/accounts/permissiematrix/
(`test_matrix.py` and `test_inhoud.py`); these tests follow what he does see and what he
is no longer part of.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Gezag, Leerling, Lidmaatschap, Organisatie, Toegangslog
from arrangeren.route import services
from arrangeren.route.stappen import Voorwaarde
from arrangeren.route.uitkomsten import huidig_mdo, laatste_verslag
from opp.models import Opp
from opp.services import stuur_herinneringen as stuur_opp_herinneringen
from tests.arrangeren.route_helpers import (
    naar_stap_2,
    overleg_gehouden,
    plan_en_nodig_uit,
    schrijf_verslag,
)
from tests.conftest import login_verified, user_by_email
from tests.factories import UserFactory


def zonder_gezag(ouder, leerling) -> None:
    Gezag.objects.filter(ouder=ouder, leerling=leerling).update(heeft_gezag=False)


@pytest.fixture
def vader(db, sam):
    """Sam's father, whose custody ended."""
    vader = user_by_email("ouder2@demo.nl")
    zonder_gezag(vader, sam)
    return vader


@pytest.fixture
def traject(sam):
    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    traject = services.open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    return naar_stap_2(traject, ib.user)


def test_the_childs_page_shows_where_things_stand_not_the_file(client, sam, traject, vader):
    mdo = plan_en_nodig_uit(traject, traject.geopend_door)
    Opp.objects.filter(leerling=sam).update(
        status=Opp.Status.VASTGESTELD, vastgesteld_op=timezone.now()
    )
    login_verified(client, vader)
    response = client.get(reverse("accounts:leerling_detail", args=[sam.uuid]))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "artikel 1:377c Burgerlijk Wetboek" in inhoud
    assert "Stap 2 van 9" in inhoud
    start = timezone.localtime(mdo.start)
    assert f"Gepland op {start.day} " in inhoud and f"{start:%H:%M} uur" in inhoud
    assert "Versie 1 is vastgesteld op" in inhoud
    assert "Er is geen besluit over een TLV." in inhoud
    # Nothing of the file: no links into it, no other parents, no consent, no access log.
    for url in (
        reverse("opp:leerling_opp", args=[sam.uuid]),
        reverse("fasenmodel:leerling_fase", args=[sam.uuid]),
        reverse("accounts:leerling_toestemming", args=[sam.uuid]),
    ):
        assert url not in inhoud
    assert "Ouders en verzorgers" not in inhoud
    assert "Wie heeft het dossier bekeken" not in inhoud
    assert mdo.locatie not in inhoud and mdo.doel not in inhoud
    regel = Toegangslog.objects.filter(gebruiker=vader).latest("pk")
    assert (regel.leerling, regel.onderdeel) == (sam, "Leerlinggegevens (ouder zonder gezag)")


def test_a_tlv_decision_reaches_him_but_not_the_request(client, db):
    from arrangeren.tlv.demo import DEMO_TLV_TOEGEKEND
    from arrangeren.tlv.models import TlvAanvraag

    aanvraag = TlvAanvraag.objects.select_related("tlv", "leerling").get(uuid=DEMO_TLV_TOEGEKEND)
    vader = UserFactory()
    Gezag.objects.create(
        ouder=vader, leerling=aanvraag.leerling, relatie=Gezag.Relatie.VADER, heeft_gezag=False
    )
    login_verified(client, vader)
    inhoud = client.get(
        reverse("accounts:leerling_detail", args=[aanvraag.leerling.uuid])
    ).content.decode()
    assert "Toegekend op" in inhoud and aanvraag.tlv.get_soort_display() in inhoud
    detail = reverse("arrangeren:tlv_detail", args=[aanvraag.uuid])
    assert client.get(detail).status_code == 404
    assert detail not in client.get(reverse("arrangeren:tlv_lijst")).content.decode()


def test_he_is_not_invited_to_an_mdo_and_cannot_be_added(sam, traject, vader):
    mdo = plan_en_nodig_uit(traject, traject.geopend_door)
    genodigden = set(mdo.genodigden.values_list("user__email", flat=True))
    assert "ouder@demo.nl" in genodigden and "ouder2@demo.nl" not in genodigden
    with pytest.raises(ValidationError, match="geen gezag"):
        services.voeg_genodigde_toe(mdo, vader, None, door=traject.geopend_door)


def test_after_his_custody_ended_no_mail_about_the_meeting_reaches_him(
    sam, traject, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mdo = plan_en_nodig_uit(traject, traject.geopend_door)
    zonder_gezag(user_by_email("ouder2@demo.nl"), sam)
    mail.outbox.clear()
    later = mdo.start + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_mdo(
            mdo,
            {"start": later, "eind": later + timedelta(hours=1)},
            door=traject.geopend_door,
            versie=mdo.versie,
        )
        services.stuur_herinneringen(nu=later - timedelta(days=1))
    ontvangers = {adres for bericht in mail.outbox for adres in bericht.to}
    assert "ouder@demo.nl" in ontvangers
    assert "ouder2@demo.nl" not in ontvangers


def test_the_final_report_is_not_announced_to_him(sam, traject, django_capture_on_commit_callbacks):
    plan_en_nodig_uit(traject, traject.geopend_door)
    schrijf_verslag(traject, traject.geopend_door, vaststellen=False)
    zonder_gezag(user_by_email("ouder2@demo.nl"), sam)
    verslag = laatste_verslag(overleg_gehouden(huidig_mdo(traject)))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.stel_verslag_vast(
            verslag, door=traject.geopend_door, bewerkingen=verslag.bewerkingen
        )
    ontvangers = {adres for bericht in mail.outbox for adres in bericht.to}
    assert "ouder@demo.nl" in ontvangers and "ouder2@demo.nl" not in ontvangers


def test_a_signature_asked_before_his_custody_ended_leaves_his_work_list(
    client, sam, django_capture_on_commit_callbacks
):
    """The demo OPP waits for both parents' signatures; then the father's custody ends."""
    opp = Opp.objects.get(leerling=sam, versie=1)
    login_verified(client, user_by_email("ouder2@demo.nl"))
    link = reverse("opp:opp_detail", args=[opp.uuid])
    assert link in client.get(reverse("home")).content.decode()
    zonder_gezag(user_by_email("ouder2@demo.nl"), sam)
    assert link not in client.get(reverse("home")).content.decode()
    # Nor does a reminder reach him; the mother, with custody, is reminded.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stuur_opp_herinneringen(nu=timezone.now() + timedelta(days=30))
    ontvangers = {adres for bericht in mail.outbox for adres in bericht.to}
    assert "ouder@demo.nl" in ontvangers and "ouder2@demo.nl" not in ontvangers


def test_he_gets_no_consent_screen(client, sam, vader):
    login_verified(client, vader)
    assert client.get(reverse("accounts:toestemmingen")).status_code == 404
    url = reverse("accounts:leerling_toestemming", args=[sam.uuid])
    assert client.get(url).status_code == 404
    start = client.get(reverse("home")).content.decode()
    assert reverse("accounts:toestemmingen") not in start
    assert "U hebt geen gezag" in start
    # The mother, with custody, still decides.
    login_verified(client, user_by_email("ouder@demo.nl"))
    assert client.get(url).status_code == 200
    assert reverse("accounts:toestemmingen") in client.get(reverse("home")).content.decode()


def test_with_custody_for_one_child_and_not_for_another(client, sam, noor):
    """Custody is per child: the same parent reads one file and hears about the other."""
    ouder = user_by_email("ouder.andere@demo.nl")
    Gezag.objects.create(ouder=ouder, leerling=sam, relatie=Gezag.Relatie.OUDER, heeft_gezag=False)
    login_verified(client, ouder)
    assert client.get(reverse("fasenmodel:leerling_fase", args=[noor.uuid])).status_code == 200
    assert client.get(reverse("fasenmodel:leerling_fase", args=[sam.uuid])).status_code == 404
    assert reverse("accounts:toestemmingen") in client.get(reverse("home")).content.decode()


def test_a_role_at_the_school_still_reads_the_file_of_a_child_without_custody(client, db):
    """Custody limits the parent, not a role: acting as coördinator she reads the file."""
    ib = user_by_email("ib@demo.nl")
    leerling = (
        Leerling.objects.filter(school=Organisatie.objects.get(naam="Basisschool De Regenboog"))
        .exclude(voornaam="Sam")
        .first()
    )
    Gezag.objects.create(
        ouder=ib, leerling=leerling, relatie=Gezag.Relatie.OUDER, heeft_gezag=False
    )
    login_verified(client, ib)
    assert client.get(reverse("fasenmodel:leerling_fase", args=[leerling.uuid])).status_code == 200
