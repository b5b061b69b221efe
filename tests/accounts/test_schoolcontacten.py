"""The contactpersonen of a school: the vaste contactpersoon S(B)O and the contactpersoon in
the gemeentelijke toegang (docs/rollen.md, "Contactpersonen van een school")."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Contactsoort, Schoolcontactpersoon
from accounts.rollen import Rol, Sector
from accounts.schoolcontacten import (
    scholen_van,
    toegangscontactpersonen,
    vaste_contactpersonen,
)
from tests.factories import LidmaatschapFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def _sbo_school():
    return OrganisatieFactory(school=True, sector=Sector.SBO, naam="SBO De Regenboog")


def _bind(school, rol=Rol.VASTE_CONTACTPERSOON, soort=Contactsoort.VASTE_CONTACTPERSOON, **kw):
    lid = LidmaatschapFactory(organisatie=OrganisatieFactory(jeugdteam=True), rol=rol)
    binding = Schoolcontactpersoon.objects.create(
        school=school, soort=soort, user=lid.user, jeugdteam=lid.organisatie, **kw
    )
    return lid, binding


def test_bound_vaste_contactpersoon_is_found_for_her_school_only():
    school = _sbo_school()
    lid, _ = _bind(school)
    assert list(vaste_contactpersonen(school)) == [lid.user]
    assert list(toegangscontactpersonen(school)) == []
    assert list(vaste_contactpersonen(_sbo_school())) == []
    assert list(scholen_van(lid.user)) == [school]


def test_toegang_contactpersoon_is_a_medewerker_jeugdteam():
    school = OrganisatieFactory(school=True)
    lid, _ = _bind(school, rol=Rol.MEDEWERKER_JEUGDTEAM, soort=Contactsoort.TOEGANG)
    assert list(toegangscontactpersonen(school)) == [lid.user]
    assert list(vaste_contactpersonen(school)) == []


def test_binding_outside_its_period_counts_not():
    school = _sbo_school()
    vandaag = timezone.localdate()
    _bind(school, geldig_tot=vandaag - timedelta(days=1), geldig_van=vandaag - timedelta(days=9))
    _bind(school, geldig_van=vandaag + timedelta(days=1))
    assert list(vaste_contactpersonen(school)) == []


def test_person_who_left_the_jeugdteam_is_no_contact_any_more():
    school = _sbo_school()
    lid, _ = _bind(school)
    lid.delete()
    assert list(vaste_contactpersonen(school)) == []


def test_switched_off_account_is_no_contact():
    school = _sbo_school()
    lid, _ = _bind(school)
    lid.user.is_active = False
    lid.user.save()
    assert list(vaste_contactpersonen(school)) == []
