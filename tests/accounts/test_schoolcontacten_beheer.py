"""The jeugdteam's beheerder names the school's contactpersonen; the school sees them
(docs/rollen.md, "Contactpersonen van een school")."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Contactsoort, Notificatie, Schoolcontactpersoon
from accounts.rollen import Rol, Sector
from accounts.schoolcontacten import toegangscontactpersonen, vaste_contactpersonen
from tests.conftest import login_verified
from tests.factories import LidmaatschapFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:schoolcontacten")


@pytest.fixture
def team():
    jeugdteam = OrganisatieFactory(jeugdteam=True, naam="Jeugdteam Noord")
    beheerder = LidmaatschapFactory(organisatie=jeugdteam, rol=Rol.ORGANISATIEBEHEERDER).user
    vast = LidmaatschapFactory(organisatie=jeugdteam, rol=Rol.VASTE_CONTACTPERSOON).user
    medewerker = LidmaatschapFactory(organisatie=jeugdteam, rol=Rol.MEDEWERKER_JEUGDTEAM).user
    return jeugdteam, beheerder, vast, medewerker


def _als(client, user):
    login_verified(client, user)
    return client


def test_jeugdteam_beheerder_names_the_vaste_contactpersoon_of_an_sbo_school(client, team):
    _, beheerder, vast, _ = team
    sbo = OrganisatieFactory(school=True, sector=Sector.SBO, naam="SBO De Brug")
    antwoord = _als(client, beheerder).post(
        URL, {"school": sbo.pk, "soort": Contactsoort.VASTE_CONTACTPERSOON, "user": vast.pk}
    )
    assert antwoord.status_code == 302
    assert list(vaste_contactpersonen(sbo)) == [vast]
    binding = Schoolcontactpersoon.objects.get(school=sbo)
    assert binding.history.get().history_user == beheerder
    html = client.get(URL).content.decode()
    assert "SBO De Brug" in html and vast.naam in html


def test_the_person_and_the_schools_coordinator_hear_of_the_binding(client, team):
    _, beheerder, vast, _ = team
    sbo = OrganisatieFactory(school=True, sector=Sector.SO)
    ib = LidmaatschapFactory(organisatie=sbo, rol=Rol.ONDERSTEUNINGSCOORDINATOR).user
    _als(client, beheerder).post(
        URL, {"school": sbo.pk, "soort": Contactsoort.VASTE_CONTACTPERSOON, "user": vast.pk}
    )
    ontvangers = set(
        Notificatie.objects.filter(soort="schoolcontact_aangewezen").values_list(
            "ontvanger_id", flat=True
        )
    )
    assert ontvangers == {vast.pk, ib.pk}


def test_a_regular_school_gets_no_vaste_contactpersoon_sbo(client, team):
    """Holland Rijnland Methode, stap 2: "Elke S(B)O school werkt met een vaste
    contactpersoon" - a school for regular primary education has a contactpersoon in the
    gemeentelijke toegang instead."""
    _, beheerder, vast, medewerker = team
    po = OrganisatieFactory(school=True, sector=Sector.PO)
    antwoord = _als(client, beheerder).post(
        URL, {"school": po.pk, "soort": Contactsoort.VASTE_CONTACTPERSOON, "user": vast.pk}
    )
    assert antwoord.status_code == 400
    assert "geen S(B)O-school" in antwoord.content.decode()
    assert not Schoolcontactpersoon.objects.filter(school=po).exists()
    antwoord = client.post(
        URL, {"school": po.pk, "soort": Contactsoort.TOEGANG, "user": medewerker.pk}
    )
    assert list(toegangscontactpersonen(po)) == [medewerker]


def test_only_someone_with_the_vaste_contactpersoon_role_can_be_bound_as_one(client, team):
    _, beheerder, _, medewerker = team
    so = OrganisatieFactory(school=True, sector=Sector.SO)
    antwoord = _als(client, beheerder).post(
        URL, {"school": so.pk, "soort": Contactsoort.VASTE_CONTACTPERSOON, "user": medewerker.pk}
    )
    assert antwoord.status_code == 400
    assert not Schoolcontactpersoon.objects.filter(school=so).exists()


def test_ending_a_binding_keeps_its_history(client, team):
    jeugdteam, beheerder, vast, _ = team
    sbo = OrganisatieFactory(school=True, sector=Sector.SBO)
    binding = Schoolcontactpersoon.objects.create(
        school=sbo,
        soort=Contactsoort.VASTE_CONTACTPERSOON,
        user=vast,
        jeugdteam=jeugdteam,
        geldig_van=timezone.localdate() - timedelta(days=30),
    )
    url = reverse("accounts:schoolcontact_beeindigen", kwargs={"uuid": binding.uuid})
    assert _als(client, beheerder).post(url).status_code == 302
    binding.refresh_from_db()
    assert binding.geldig_tot == timezone.localdate() - timedelta(days=1)
    assert list(vaste_contactpersonen(sbo)) == []
    assert binding.history.count() == 2


def test_another_teams_beheerder_cannot_end_the_binding(client, team):
    jeugdteam, _, vast, _ = team
    sbo = OrganisatieFactory(school=True, sector=Sector.SBO)
    binding = Schoolcontactpersoon.objects.create(
        school=sbo, soort=Contactsoort.VASTE_CONTACTPERSOON, user=vast, jeugdteam=jeugdteam
    )
    ander = LidmaatschapFactory(
        organisatie=OrganisatieFactory(jeugdteam=True), rol=Rol.ORGANISATIEBEHEERDER
    ).user
    url = reverse("accounts:schoolcontact_beeindigen", kwargs={"uuid": binding.uuid})
    assert _als(client, ander).post(url).status_code == 404
    assert list(vaste_contactpersonen(sbo)) == [vast]


def test_school_beheerder_sees_who_the_schools_contacts_are(client, team):
    jeugdteam, _, vast, _ = team
    sbo = OrganisatieFactory(school=True, sector=Sector.SBO)
    Schoolcontactpersoon.objects.create(
        school=sbo, soort=Contactsoort.VASTE_CONTACTPERSOON, user=vast, jeugdteam=jeugdteam
    )
    schoolbeheerder = LidmaatschapFactory(organisatie=sbo, rol=Rol.ORGANISATIEBEHEERDER).user
    html = _als(client, schoolbeheerder).get(URL).content.decode()
    assert f"{vast.naam} (Jeugdteam Noord)" in html
    assert "Vaste contactpersoon S(B)O" in html
    assert client.post(URL, {}).status_code == 200  # read only: nothing to post


def test_staff_without_a_beheer_role_get_404(client, team):
    _, _, vast, _ = team
    assert _als(client, vast).get(URL).status_code == 404
