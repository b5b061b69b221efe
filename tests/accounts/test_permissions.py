"""The permission policy: reach by role, organisation, custody and granted access."""

import uuid

import pytest
from django.http import Http404
from django.urls import reverse
from guardian.models import UserObjectPermission

from accounts.models import Leerling, LeerlingUserObjectPermission
from accounts.permissions import (
    get_object_for_user,
    grant_leerling_access,
    revoke_leerling_access,
)
from tests.conftest import user_by_email
from tests.factories import GezagFactory, LeerlingFactory, LidmaatschapFactory

pytestmark = pytest.mark.django_db


def zichtbaar(email):
    return set(Leerling.objects.for_user(user_by_email(email)))


def test_coordinator_sees_every_pupil_of_own_school_and_nobody_else(sam):
    leerlingen = zichtbaar("ib@demo.nl")
    assert sam in leerlingen
    assert leerlingen == set(Leerling.objects.filter(school=sam.school))


def test_teacher_sees_only_own_pupils(sam, noor):
    leerlingen = zichtbaar("mentor@demo.nl")
    assert sam in leerlingen
    assert noor not in leerlingen
    mentor = user_by_email("mentor@demo.nl")
    assert all(mentor in leerling.mentoren.all() for leerling in leerlingen)


def test_teacher_loses_a_pupil_who_moved_to_another_school(sam):
    mentor = user_by_email("mentor@demo.nl")
    sam.school = user_by_email("ib.andere@demo.nl").lidmaatschappen.get().organisatie
    sam.save()
    assert sam not in Leerling.objects.for_user(mentor)


def test_parents_see_only_their_own_child(sam, noor):
    assert zichtbaar("ouder@demo.nl") == {sam}
    assert zichtbaar("ouder2@demo.nl") == {sam}
    assert zichtbaar("ouder.andere@demo.nl") == {noor}


@pytest.mark.parametrize(
    "email", ["jeugdteam@demo.nl", "swv@demo.nl", "leerplicht@demo.nl", "beheer@demo.nl"]
)
def test_outside_parties_and_beheerder_see_no_pupil_by_default(email):
    assert zichtbaar(email) == set()


def test_coordinator_of_other_school_cannot_fetch_sam(sam):
    with pytest.raises(Http404):
        get_object_for_user(user_by_email("ib.andere@demo.nl"), Leerling, uuid=sam.uuid)


def test_unknown_or_malformed_identifier_answers_404():
    ib = user_by_email("ib@demo.nl")
    with pytest.raises(Http404):
        get_object_for_user(ib, Leerling, uuid=uuid.uuid4())
    with pytest.raises(Http404):
        get_object_for_user(ib, Leerling, uuid="geen-uuid")


def test_granted_access_lets_jeugdteam_in_and_revoking_takes_effect_at_once(sam):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    grant_leerling_access(jeugdteam, sam)
    assert get_object_for_user(jeugdteam, Leerling, uuid=sam.uuid) == sam
    assert zichtbaar("jeugdteam@demo.nl") == {sam}

    revoke_leerling_access(jeugdteam, sam)
    jeugdteam = user_by_email("jeugdteam@demo.nl")  # fresh: no permission cache
    with pytest.raises(Http404):
        get_object_for_user(jeugdteam, Leerling, uuid=sam.uuid)


def test_object_permission_is_stored_in_the_direct_foreign_key_table(sam):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    grant_leerling_access(jeugdteam, sam)
    assert LeerlingUserObjectPermission.objects.filter(user=jeugdteam, content_object=sam).exists()
    assert not UserObjectPermission.objects.filter(user=jeugdteam).exists()


def test_granted_access_does_not_reach_a_user_without_an_outside_role(sam):
    """Object permissions count only for roles whose reach is 'met toestemming'."""
    beheerder = user_by_email("beheer@demo.nl")
    grant_leerling_access(beheerder, sam)
    assert sam not in Leerling.objects.for_user(beheerder)


def test_inactive_user_sees_nothing(sam):
    ib = user_by_email("ib@demo.nl")
    ib.is_active = False
    ib.save()
    assert not Leerling.objects.for_user(ib).exists()


def test_pupil_list_has_no_duplicates_when_several_grounds_apply(db):
    lid = LidmaatschapFactory()
    leerling = LeerlingFactory(school=lid.organisatie)
    leerling.mentoren.add(lid.user)
    GezagFactory(ouder=lid.user, leerling=leerling)
    assert list(Leerling.objects.for_user(lid.user)) == [leerling]


def test_a_coordinator_who_is_also_a_parent_sees_per_role(client, sam, login):
    """Reach follows the role chosen in the header, and so does the access log."""
    from accounts.models import Toegangslog
    from tests.factories import LeerlingFactory

    ib = user_by_email("ib@demo.nl")
    eigen_kind = LeerlingFactory(voornaam="Jip", achternaam="Bos")  # at another school
    GezagFactory(ouder=ib, leerling=eigen_kind)
    client = login("ib@demo.nl")

    as_coordinator = client.get(reverse("accounts:leerling_list")).context["pagina"]
    assert sam in as_coordinator.object_list
    assert eigen_kind not in as_coordinator.paginator.object_list
    assert client.get(detail(eigen_kind)).status_code == 404

    client.post(reverse("accounts:switch_rol"), {"rol": "ouder"})
    as_parent = client.get(reverse("accounts:leerling_list")).context["pagina"]
    assert list(as_parent.object_list) == [eigen_kind]
    assert client.get(detail(sam)).status_code == 404
    assert client.get(detail(eigen_kind)).status_code == 200
    regel = Toegangslog.objects.filter(leerling=eigen_kind, actie="bekijken").get()
    assert regel.rol == "Ouder / verzorger"
    assert regel.organisatie is None


def detail(leerling):
    return reverse("accounts:leerling_detail", kwargs={"uuid": leerling.uuid})
