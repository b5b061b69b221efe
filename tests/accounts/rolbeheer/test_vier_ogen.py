"""Proposing and confirming roles with four eyes: a beheerder proposes, another confirms."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Beheergebeurtenis, Lidmaatschap, Roltoekenning
from accounts.permissions import leerlingen_for_user
from accounts.rolbeheer import bevestig, stel_rol_voor, trek_in, wijs_af
from accounts.rollen import Rol
from accounts.uitnodigingen import maak_account
from tests.accounts.beheer_helpers import VLIEGER, organisatie
from tests.accounts.rolbeheer.helpers import Soortgebeurtenis, Status, nodig_uit, soorten
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


def test_a_proposed_role_waits_for_a_second_beheerder(sophie, regenboog, sam):
    mail.outbox.clear()
    toekenning = nodig_uit(sophie)
    lea = toekenning.user
    assert toekenning.status == Status.VOORGESTELD
    assert not Lidmaatschap.objects.filter(user=lea).exists()
    assert not leerlingen_for_user(lea).exists()
    ontvangers = sorted(adres for bericht in mail.outbox for adres in bericht.to)
    assert ontvangers == ["directie@demo.nl", "lea@demo.nl"]  # not Sophie herself
    (melding,) = [m for m in mail.outbox if m.to == ["directie@demo.nl"]]
    assert "Lea" not in melding.body and reverse("accounts:beheer_organisatie") in melding.body
    assert soorten(regenboog) == [Soortgebeurtenis.VOORGESTELD, Soortgebeurtenis.UITGENODIGD]


def test_a_beheerder_cannot_confirm_her_own_proposal(sophie):
    toekenning = nodig_uit(sophie)
    with pytest.raises(PermissionDenied, match="U stelde dit zelf voor"):
        bevestig(toekenning, door=sophie)
    assert not Lidmaatschap.objects.filter(user=toekenning.user).exists()


def test_the_second_beheerder_confirms_and_the_role_takes_effect(sophie, dirk, regenboog):
    toekenning = nodig_uit(sophie)
    bevestig(toekenning, door=dirk)
    toekenning.refresh_from_db()
    assert toekenning.status == Status.BEVESTIGD
    assert toekenning.afgehandeld_door == dirk and toekenning.afgehandeld_op
    assert toekenning.lidmaatschap == Lidmaatschap.objects.get(
        user=toekenning.user, organisatie=regenboog, rol=Rol.LEERKRACHT
    )
    assert soorten(regenboog)[-1] == Soortgebeurtenis.BEVESTIGD


def test_confirming_twice_does_nothing_twice(sophie, dirk, regenboog):
    toekenning = nodig_uit(sophie)
    bevestig(toekenning, door=dirk)
    with pytest.raises(ValidationError, match="al afgehandeld"):
        bevestig(toekenning, door=dirk)
    assert Lidmaatschap.objects.filter(user=toekenning.user).count() == 1
    assert soorten(regenboog).count(Soortgebeurtenis.BEVESTIGD) == 1


def test_nobody_gives_herself_a_role(sophie, regenboog):
    with pytest.raises(ValidationError, match="U kunt uzelf geen rol geven"):
        stel_rol_voor(regenboog, sophie, Rol.DIRECTEUR, door=sophie)
    with pytest.raises(ValidationError, match="U kunt uzelf geen rol geven"):
        nodig_uit(sophie, email="Schoolbeheer@Demo.nl")
    assert not Roltoekenning.objects.filter(user=sophie).exists()


def test_the_person_proposed_cannot_confirm_her_own_role(sophie, dirk, regenboog):
    toekenning = stel_rol_voor(regenboog, dirk, Rol.LEERKRACHT, door=sophie)
    with pytest.raises(PermissionDenied, match="over uzelf"):
        bevestig(toekenning, door=dirk)


def test_whoever_created_the_account_does_not_confirm_its_role(sophie, dirk, regenboog):
    lea, _ = maak_account("lea@demo.nl", "Lea Leraar", door=sophie)
    toekenning = stel_rol_voor(regenboog, lea, Rol.LEERKRACHT, door=dirk)
    with pytest.raises(PermissionDenied, match="U maakte dit account aan"):
        bevestig(toekenning, door=sophie)
    with pytest.raises(PermissionDenied, match="U stelde dit zelf voor"):
        bevestig(toekenning, door=dirk)
    derde = user_by_email("ib@demo.nl")
    Lidmaatschap.objects.create(user=derde, organisatie=regenboog, rol=Rol.ORGANISATIEBEHEERDER)
    bevestig(toekenning, door=derde)
    assert Lidmaatschap.objects.filter(user=lea, rol=Rol.LEERKRACHT).exists()


def test_a_role_must_fit_the_organisation_and_the_regions_role_is_never_given(sophie, regenboog):
    lea, _ = maak_account("lea@demo.nl", "Lea Leraar", door=sophie)
    with pytest.raises(ValidationError, match="past niet bij een school"):
        stel_rol_voor(regenboog, lea, Rol.CONSULENT_SWV, door=sophie)
    with pytest.raises(ValidationError, match="beheerder van de regio"):
        stel_rol_voor(regenboog, lea, Rol.BEHEERDER, door=sophie)


def test_a_second_proposal_or_an_existing_role_is_refused(sophie, regenboog):
    nodig_uit(sophie)
    with pytest.raises(ValidationError, match="wacht de rol Leerkracht / mentor al"):
        nodig_uit(sophie)
    mentor = user_by_email("mentor@demo.nl")
    with pytest.raises(ValidationError, match="heeft de rol Leerkracht / mentor al"):
        stel_rol_voor(regenboog, mentor, Rol.LEERKRACHT, door=sophie)


def test_only_a_beheerder_of_the_organisation_proposes(regenboog):
    lea, _ = maak_account("lea@demo.nl", "Lea Leraar", door=None)
    for email in ["ib@demo.nl", "beheer@demo.nl"]:
        with pytest.raises(PermissionDenied):
            stel_rol_voor(regenboog, lea, Rol.LEERKRACHT, door=user_by_email(email))
    with pytest.raises(PermissionDenied):
        stel_rol_voor(
            organisatie(VLIEGER), lea, Rol.LEERKRACHT, door=user_by_email("schoolbeheer@demo.nl")
        )


def test_another_beheerder_refuses_and_the_proposer_withdraws(sophie, dirk, regenboog):
    eerste = nodig_uit(sophie)
    with pytest.raises(PermissionDenied, match="trek het voorstel in"):
        wijs_af(eerste, door=sophie)
    wijs_af(eerste, door=dirk, reden="Werkt hier niet")
    tweede = nodig_uit(sophie, email="tim@demo.nl")
    with pytest.raises(PermissionDenied):
        trek_in(tweede, door=dirk)
    trek_in(tweede, door=sophie)
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.status, tweede.status) == (Status.AFGEWEZEN, Status.INGETROKKEN)
    afgewezen = Beheergebeurtenis.objects.get(soort=Soortgebeurtenis.AFGEWEZEN)
    assert afgewezen.toelichting == "Werkt hier niet" and afgewezen.door == dirk
    assert Beheergebeurtenis.objects.filter(soort=Soortgebeurtenis.INGETROKKEN).exists()
    assert not Lidmaatschap.objects.filter(user__email__in=["lea@demo.nl", "tim@demo.nl"])


def test_a_switched_off_account_confirms_nothing_and_gets_no_role(sophie, dirk):
    toekenning = nodig_uit(sophie)
    dirk.is_active = False
    dirk.save()
    with pytest.raises(PermissionDenied):
        bevestig(toekenning, door=dirk)
