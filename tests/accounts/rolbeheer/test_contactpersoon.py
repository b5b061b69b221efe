"""The named contact, once the organisation has a beheerder."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Beheergebeurtenis, Emaillink, Lidmaatschap, User
from accounts.rolbeheer import beeindig, trek_in
from accounts.rollen import Rol
from tests.accounts.rolbeheer.helpers import Soortgebeurtenis, als_beheerder, nodig_uit
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


def test_a_sole_beheerder_with_a_switched_off_colleague_gets_no_beheerder_via_the_contact(
    sophie, dirk, regenboog
):
    """Dirk's account is off but his beheerder role stands: the contact is not asked."""
    User.objects.filter(pk=dirk.pk).update(is_active=False)
    mail.outbox.clear()
    toekenning = nodig_uit(sophie, email="bas@demo.nl", rol=Rol.ORGANISATIEBEHEERDER)
    assert [m.to for m in mail.outbox] == [["bas@demo.nl"]]  # the invitation only
    assert not Emaillink.objects.filter(roltoekenning=toekenning).exists()
    voorgesteld = Beheergebeurtenis.objects.filter(soort=Soortgebeurtenis.VOORGESTELD).first()
    assert "nog geen andere beheerder" in voorgesteld.toelichting
    # Once she ends the departed colleague's role, the contact confirms as for a sole one.
    beeindig(Lidmaatschap.objects.get(user=dirk, rol=Rol.ORGANISATIEBEHEERDER), door=sophie)
    trek_in(toekenning, door=sophie)
    mail.outbox.clear()
    nodig_uit(sophie, email="bas@demo.nl", rol=Rol.ORGANISATIEBEHEERDER)
    assert ["directie@demo.nl"] in [m.to for m in mail.outbox]


def test_the_beheerder_changes_the_contact_and_the_old_one_is_told(client, regenboog):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    page = client.get(reverse("accounts:beheer_organisatie")).content.decode()
    assert "Vaste contactpersoon" in page and "directie@demo.nl" in page
    mail.outbox.clear()
    response = client.post(
        reverse("accounts:beheer_contactpersoon"),
        {"contactpersoon_naam": "Bea Bestuur", "contactpersoon_email": "Bestuur@Regenboog.nl"},
        follow=True,
    )
    html = response.content.decode()
    assert "De vaste contactpersoon is gewijzigd" in html and "e-mail gekregen" in html
    regenboog.refresh_from_db()
    assert (regenboog.contactpersoon_naam, regenboog.contactpersoon_email) == (
        "Bea Bestuur",
        "bestuur@regenboog.nl",
    )
    (bericht,) = mail.outbox
    assert bericht.to == ["directie@demo.nl"]
    assert "Sophie Baas" in bericht.body and "bestuur@regenboog.nl" in bericht.body
    gebeurtenis = Beheergebeurtenis.objects.filter(
        organisatie=regenboog, soort=Soortgebeurtenis.ORGANISATIE
    ).first()
    assert gebeurtenis.door == user_by_email("schoolbeheer@demo.nl")
    assert "bestuur@regenboog.nl" in gebeurtenis.toelichting
    assert "Vaste contactpersoon gewijzigd" in html  # the event on the page


def test_the_beheerder_cannot_name_herself_and_others_cannot_change_the_contact(
    client, login, regenboog
):
    beheer = als_beheerder(client, "schoolbeheer@demo.nl")
    url = reverse("accounts:beheer_contactpersoon")
    response = beheer.post(
        url, {"contactpersoon_naam": "Ik", "contactpersoon_email": "schoolbeheer@demo.nl"}
    )
    assert response.status_code == 200
    assert "U kunt uzelf niet als vaste contactpersoon noemen" in response.content.decode()
    leeg = beheer.post(url, {"contactpersoon_naam": "", "contactpersoon_email": "geen-adres"})
    assert leeg.status_code == 200 and "geldig e-mailadres" in leeg.content.decode()
    for persona in ["beheer@demo.nl", "ib@demo.nl"]:
        andere = login(persona).post(
            url, {"contactpersoon_naam": "X", "contactpersoon_email": "x@prive.nl"}
        )
        assert andere.status_code == 404
    regenboog.refresh_from_db()
    assert regenboog.contactpersoon_email == "directie@demo.nl"


def test_a_contact_the_sole_beheerder_named_herself_does_not_confirm_her_proposal(
    sophie, dirk, regenboog
):
    """Otherwise she could name an alias of her own and confirm a second account."""
    from accounts.contactpersoon import wijzig_contactpersoon

    beeindig(Lidmaatschap.objects.get(user=dirk, rol=Rol.ORGANISATIEBEHEERDER), door=sophie)
    wijzig_contactpersoon(regenboog, naam="Alias", email="alias@prive.nl", door=sophie)
    mail.outbox.clear()
    nodig_uit(sophie, email="alias2@prive.nl", rol=Rol.ORGANISATIEBEHEERDER)
    assert "alias@prive.nl" not in [adres for m in mail.outbox for adres in m.to]


def test_changing_the_contact_voids_the_links_of_the_old_one(client, sophie, dirk, regenboog):
    from accounts.contactpersoon import wijzig_contactpersoon

    beeindig(Lidmaatschap.objects.get(user=dirk, rol=Rol.ORGANISATIEBEHEERDER), door=sophie)
    mail.outbox.clear()
    nodig_uit(sophie, email="bas@demo.nl", rol=Rol.ORGANISATIEBEHEERDER)
    (bericht,) = [m for m in mail.outbox if m.to == ["directie@demo.nl"]]
    link = re.search(r"https?://\S+(/beheer/bevestigen/\S+/)", bericht.body)[1]
    wijzig_contactpersoon(regenboog, naam="Bea", email="bestuur@regenboog.nl", door=sophie)
    # Even named again later, the old contact's link stays dead.
    wijzig_contactpersoon(regenboog, naam="Dirk", email="directie@demo.nl", door=sophie)
    client.get(link)
    response = client.get(reverse("accounts:contact_bevestigen"))
    assert response.status_code == 400 and "werkt niet meer" in response.content.decode()
