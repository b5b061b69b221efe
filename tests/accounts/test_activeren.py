"""Accounts by invitation: single-use activation links, own password, own second factor,
and e-mail changes by the owner (confirmed) or the schoolbeheerder (old address told)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Beheergebeurtenis, Emaillink, Gezag, Organisatie, User
from accounts.uitnodigingen import maak_account, stuur_activatie
from tests.conftest import login_verified, user_by_email

WACHTWOORD = "Zonnebloem-Tafel-42"


@pytest.fixture(autouse=True)
def mail_direct(monkeypatch):
    """Mails go out on commit; the test's transaction never commits, so send at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, robust=False: func())


def link_uit(bericht) -> str:
    return re.search(r"https?://\S+(/activeren/\S+/|/account/emailadres/\S+/)", bericht.body)[1]


@pytest.fixture
def nieuwe_ouder(db, sam):
    mail.outbox.clear()
    regenboog = Organisatie.objects.get(naam="Basisschool De Regenboog")
    ouder, nieuw = maak_account(
        "Nieuwe.Ouder@Example.nl", "Nina Nieuw", door=user_by_email("schoolbeheer@demo.nl")
    )
    assert nieuw
    Gezag.objects.create(ouder=ouder, leerling=sam, relatie=Gezag.Relatie.OUDER)
    stuur_activatie(ouder, door=user_by_email("schoolbeheer@demo.nl"), organisatie=regenboog)
    return ouder


def test_a_new_account_cannot_log_in_before_activation(client, nieuwe_ouder):
    assert nieuwe_ouder.email == "nieuwe.ouder@example.nl"
    assert not nieuwe_ouder.has_usable_password()
    response = client.post(
        reverse("accounts:login"), {"username": nieuwe_ouder.email, "password": ""}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_parent_activates_from_the_mail_and_sees_her_child(client, nieuwe_ouder, sam):
    (bericht,) = mail.outbox
    assert bericht.to == ["nieuwe.ouder@example.nl"]
    assert "Sam " not in bericht.body and "Vries" not in bericht.body  # no case content
    response = client.get(link_uit(bericht))
    # The token leaves the URL at once.
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:activeren_form")
    page = client.get(response["Location"])
    assert "nieuwe.ouder@example.nl" in page.content.decode()
    response = client.post(
        reverse("accounts:activeren_form"),
        {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert "Sam" in home.content.decode()
    nieuwe_ouder.refresh_from_db()
    assert nieuwe_ouder.geactiveerd_op is not None
    assert nieuwe_ouder.check_password(WACHTWOORD)
    assert Beheergebeurtenis.objects.filter(
        betreft=nieuwe_ouder, soort=Beheergebeurtenis.Soort.GEACTIVEERD
    ).exists()


def test_activation_link_works_once(client, nieuwe_ouder):
    url = link_uit(mail.outbox[0])
    client.get(url)
    client.post(
        reverse("accounts:activeren_form"),
        {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD},
    )
    client.logout()
    client.get(url)
    response = client.get(reverse("accounts:activeren_form"))
    assert response.status_code == 400
    assert "al gebruikt" in response.content.decode()


def test_an_expired_link_is_refused_with_a_dutch_message(client, nieuwe_ouder):
    Emaillink.objects.filter(user=nieuwe_ouder).update(
        verloopt_op=timezone.now() - timedelta(minutes=1)
    )
    client.get(link_uit(mail.outbox[0]))
    response = client.post(
        reverse("accounts:activeren_form"),
        {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD},
    )
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()
    nieuwe_ouder.refresh_from_db()
    assert nieuwe_ouder.geactiveerd_op is None and not nieuwe_ouder.has_usable_password()


def test_links_expire_after_seven_days(nieuwe_ouder):
    link = Emaillink.objects.get(user=nieuwe_ouder)
    assert timedelta(days=6, hours=23) < link.verloopt_op - link.aangemaakt_op <= timedelta(days=7)


def test_resending_makes_the_earlier_link_stop_working(client, nieuwe_ouder):
    oud = link_uit(mail.outbox[0])
    stuur_activatie(nieuwe_ouder, door=user_by_email("schoolbeheer@demo.nl"))
    nieuw = link_uit(mail.outbox[1])
    assert oud != nieuw
    client.get(oud)
    response = client.get(reverse("accounts:activeren_form"))
    assert "nieuwere" in response.content.decode()
    client.get(nieuw)
    assert client.get(reverse("accounts:activeren_form")).status_code == 200


def test_a_weak_password_is_refused_and_the_link_stays_usable(client, nieuwe_ouder):
    client.get(link_uit(mail.outbox[0]))
    response = client.post(
        reverse("accounts:activeren_form"), {"new_password1": "kort", "new_password2": "kort"}
    )
    assert response.status_code == 200
    assert "te kort" in response.content.decode().replace("&#x27;", "")
    assert Emaillink.objects.get(user=nieuwe_ouder).gebruikt_op is None


def test_staff_link_their_authenticator_app_in_the_same_flow(client, db):
    from accounts.models import Roltoekenning
    from accounts.rollen import Rol

    regenboog = Organisatie.objects.get(naam="Basisschool De Regenboog")
    beheerder = user_by_email("schoolbeheer@demo.nl")
    mail.outbox.clear()
    leraar, _ = maak_account("nieuwe.leraar@demo.nl", "Lea Leraar", door=beheerder)
    Roltoekenning.objects.create(
        user=leraar, organisatie=regenboog, rol=Rol.LEERKRACHT, voorgesteld_door=beheerder
    )
    stuur_activatie(leraar, door=beheerder, organisatie=regenboog)
    client.get(link_uit(mail.outbox[0]))
    response = client.post(
        reverse("accounts:activeren_form"),
        {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD},
    )
    assert response["Location"] == reverse("accounts:totp_setup")
    assert "QR-code" in client.get(response["Location"]).content.decode()
    # Without the second factor nothing else opens.
    assert client.get(reverse("home"))["Location"] == reverse("accounts:verify")


def test_an_active_account_gets_no_new_activation_link(db):
    assert not stuur_activatie(user_by_email("ouder@demo.nl"), door=None)


def test_parent_changes_her_own_address_confirmed_on_the_new_one(login, db):
    client = login("ouder@demo.nl")
    mail.outbox.clear()
    response = client.post(reverse("accounts:account"), {"email": "ellen.nieuw@example.nl"})
    assert response.status_code == 302
    assert user_by_email("ouder@demo.nl")  # unchanged until confirmed
    (bericht,) = mail.outbox
    assert bericht.to == ["ellen.nieuw@example.nl"]
    response = client.get(link_uit(bericht))
    assert response["Location"] == reverse("accounts:email_bevestigen_form")
    assert "ellen.nieuw@example.nl" in client.get(response["Location"]).content.decode()
    client.post(reverse("accounts:email_bevestigen_form"))
    assert User.objects.filter(email="ellen.nieuw@example.nl").exists()
    melding = mail.outbox[-1]
    assert melding.to == ["ouder@demo.nl"] and "gewijzigd" in melding.subject


def test_an_address_in_use_by_another_account_is_refused(login, db):
    client = login("ouder@demo.nl")
    response = client.post(reverse("accounts:account"), {"email": "ouder2@demo.nl"})
    assert response.status_code == 200
    assert "ander account" in response.content.decode()


def test_someone_elses_confirmation_link_does_not_change_my_address(login, client, db):
    login("ouder@demo.nl").post(reverse("accounts:account"), {"email": "ellen2@example.nl"})
    url = link_uit(mail.outbox[-1])
    client.logout()
    other = login("ouder2@demo.nl")
    other.get(url)
    response = other.post(reverse("accounts:email_bevestigen_form"))
    assert response.status_code == 400
    assert user_by_email("ouder2@demo.nl") and user_by_email("ouder@demo.nl")


def test_schoolbeheerder_corrects_a_parents_address_and_the_old_one_is_told(login, db):
    client = login("schoolbeheer@demo.nl")
    ouder = user_by_email("ouder2@demo.nl")
    mail.outbox.clear()
    client.post(
        reverse("accounts:ouders"),
        {"actie": "email", "ouder": ouder.pk, "email": "mark@example.nl"},
    )
    ouder.refresh_from_db()
    assert ouder.email == "mark@example.nl"
    melding, activatie = mail.outbox
    assert melding.to == ["ouder2@demo.nl"] and "opnieuw" in melding.body
    assert activatie.to == ["mark@example.nl"] and "/activeren/" in activatie.body
    # The account starts over: whoever holds the new address activates it themselves.
    assert not ouder.has_usable_password() and ouder.geactiveerd_op is None
    assert Beheergebeurtenis.objects.filter(
        betreft=ouder, soort=Beheergebeurtenis.Soort.EMAIL_GEWIJZIGD
    ).exists()


def test_the_old_password_and_session_stop_working_after_a_correction(login, client, db):
    ouder = user_by_email("ouder2@demo.nl")
    ouder_client = login("ouder2@demo.nl")
    assert ouder_client.get(reverse("home")).status_code == 200
    beheer = Client()
    login_verified(beheer, user_by_email("schoolbeheer@demo.nl"))
    beheer.post(
        reverse("accounts:ouders"), {"actie": "email", "ouder": ouder.pk, "email": "m@example.nl"}
    )
    assert ouder_client.get(reverse("home"))["Location"].startswith(reverse("accounts:login"))
    assert not TOTPDevice.objects.filter(user=ouder).exists()


def test_schoolbeheerder_cannot_change_a_staff_members_address(login, sam, db):
    # A colleague who is also a parent of a pupil: her address is hers to change.
    mentor = user_by_email("mentor@demo.nl")
    Gezag.objects.create(ouder=mentor, leerling=sam, relatie=Gezag.Relatie.OUDER)
    client = login("schoolbeheer@demo.nl")
    client.post(
        reverse("accounts:ouders"),
        {"actie": "email", "ouder": mentor.pk, "email": "overname@example.nl"},
    )
    mentor.refresh_from_db()
    assert mentor.email == "mentor@demo.nl" and mentor.has_usable_password()


def test_schoolbeheerder_reaches_only_parents_of_her_own_school(login, db):
    client = login("schoolbeheer@demo.nl")
    ander = Gezag.objects.exclude(leerling__school__naam="Basisschool De Regenboog").first()
    response = client.post(
        reverse("accounts:ouders"),
        {"actie": "email", "ouder": ander.ouder_id, "email": "x@example.nl"},
    )
    assert response.status_code == 404
    found = client.post(reverse("accounts:ouders"), {"zoekterm": ander.ouder.naam})
    assert ander.ouder.email not in found.content.decode()


def test_schoolbeheerder_resends_an_invitation(login, nieuwe_ouder):
    client = login("schoolbeheer@demo.nl")
    response = client.post(reverse("accounts:ouders"), {"zoekterm": "Nina"})
    assert "nieuwe.ouder@example.nl" in response.content.decode()
    client.post(reverse("accounts:ouders"), {"actie": "opnieuw", "ouder": nieuwe_ouder.pk})
    assert len(mail.outbox) == 2
    assert Emaillink.objects.bruikbaar().filter(user=nieuwe_ouder).count() == 1


def test_the_ouders_page_is_only_for_a_school_beheerder(login, db):
    for email in ["ib@demo.nl", "beheer@demo.nl", "ouder@demo.nl"]:
        assert login(email).get(reverse("accounts:ouders")).status_code == 404


def test_the_schoolbeheerder_finds_the_ouders_page_in_her_menu(login, db):
    html = login("schoolbeheer@demo.nl").get(reverse("home")).content.decode()
    assert f'href="{reverse("accounts:ouders")}"' in html


def test_the_session_keeps_the_links_hash_never_the_token(client, nieuwe_ouder):
    url = link_uit(mail.outbox[0])
    token = url.rstrip("/").rsplit("/", 1)[1]
    client.get(url)
    bewaard = dict(client.session.items())
    assert token not in str(bewaard)
    assert Emaillink.objects.get(user=nieuwe_ouder).token_hash in bewaard.values()


def test_two_different_passwords_are_refused_in_dutch_and_the_link_stays(client, nieuwe_ouder):
    client.get(link_uit(mail.outbox[0]))
    response = client.post(
        reverse("accounts:activeren_form"),
        {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD + "x"},
    )
    assert "De twee wachtwoorden zijn niet gelijk." in response.content.decode()
    assert Emaillink.objects.get(user=nieuwe_ouder).gebruikt_op is None
