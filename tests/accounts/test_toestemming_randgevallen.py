"""Consent at the edges: missing custody, people changing jobs, custody changing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Gezag, Informatiesoort, Leerling, Lidmaatschap, Organisatie
from accounts.services import (
    beantwoord_toestemming,
    leg_leerling_toestemming_vast,
    vraag_toestemming,
)
from accounts.toestemming import vereiste_gevers
from tests.conftest import user_by_email
from tests.factories import GezagFactory, LeerlingFactory

MDO = Informatiesoort.MDO_DEELNAME


@pytest.fixture
def jeugdteam_org(db):
    return Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")


def ziet(user, leerling) -> bool:
    return Leerling.objects.for_user(user).filter(pk=leerling.pk).exists()


def test_a_pupil_of_14_without_a_known_custodial_parent_cannot_consent_alone(db, jeugdteam_org):
    ib = user_by_email("ib@demo.nl")
    school = Lidmaatschap.objects.get(user=ib).organisatie
    leerling = LeerlingFactory(geboortedatum=date(date.today().year - 14, 1, 1), school=school)
    GezagFactory(leerling=leerling, heeft_gezag=False)
    assert vereiste_gevers(leerling) == set()
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    leg_leerling_toestemming_vast(
        leerling,
        door=ib,
        ontvanger_organisatie=jeugdteam_org,
        ontvanger=jeugdteam,
        soort=MDO,
        geven=True,
    )
    assert not ziet(jeugdteam, leerling)
    with pytest.raises(ValidationError, match="geen ouder met gezag"):
        vraag_toestemming(leerling, door=ib, ontvanger_organisatie=jeugdteam_org, soorten=[MDO])


def geef(sam, org, ontvanger=None):
    ib = user_by_email("ib@demo.nl")
    for rij in vraag_toestemming(
        sam, door=ib, ontvanger_organisatie=org, ontvanger=ontvanger, soorten=[MDO]
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)


def test_consent_for_a_person_does_not_follow_them_to_another_organisation(sam, jeugdteam_org):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    geef(sam, jeugdteam_org, jeugdteam)
    assert ziet(jeugdteam, sam)
    katwijk = Organisatie.objects.get(naam="Jeugd- en gezinsteam Katwijk (demo)")
    lid = Lidmaatschap.objects.get(user=jeugdteam, organisatie=jeugdteam_org)
    lid.organisatie = katwijk
    lid.save()
    assert not ziet(jeugdteam, sam)


def test_a_new_parent_with_custody_must_consent_too(sam, jeugdteam_org):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    geef(sam, jeugdteam_org)
    assert ziet(jeugdteam, sam)
    nieuw = GezagFactory(leerling=sam, relatie=Gezag.Relatie.VOOGD)
    assert not ziet(jeugdteam, sam)  # the guardian's say counts from now on
    nieuw.delete()
    assert ziet(jeugdteam, sam)


def test_a_coordinator_acting_as_parent_cannot_record_the_pupils_answer(sam, jeugdteam_org):
    from accounts.rolcontext import Rolcontext

    ib = user_by_email("ib@demo.nl")
    ib.samenplan_rolcontext = Rolcontext(lidmaatschap=None, is_ouder=True)
    leerling = LeerlingFactory(geboortedatum=date(date.today().year - 13, 1, 1), school=sam.school)
    GezagFactory(leerling=leerling)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        leg_leerling_toestemming_vast(
            leerling,
            door=ib,
            ontvanger_organisatie=jeugdteam_org,
            soort=MDO,
            geven=True,
        )


def test_the_coordinator_asks_consent_for_opp_inzage_from_the_consent_page(client, login, sam):
    from django.urls import reverse

    from accounts.models import Toestemming

    lid = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    login("ib@demo.nl")
    response = client.post(
        reverse("accounts:leerling_toestemming", args=[sam.uuid]),
        {"formulier": "vragen", "lidmaatschap": lid.pk, "soorten": [Informatiesoort.OPP_INZAGE]},
        follow=True,
    )
    assert "2 vragen" in response.content.decode()
    assert set(
        Toestemming.objects.filter(leerling=sam, soort=Informatiesoort.OPP_INZAGE).values_list(
            "gever__email", "status"
        )
    ) == {("ouder@demo.nl", "gevraagd"), ("ouder2@demo.nl", "gevraagd")}
    login("ouder@demo.nl")
    response = client.post(
        reverse("accounts:leerling_toestemming", args=[sam.uuid]),
        {"formulier": "vragen", "lidmaatschap": lid.pk, "soorten": [Informatiesoort.OPP_INZAGE]},
    )
    assert response.status_code == 404  # parents answer; they do not ask
