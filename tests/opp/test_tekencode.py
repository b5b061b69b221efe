"""Signing with a one-time code by e-mail ("Stuur mij een code"), and with the
authenticator app for whoever linked one."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from opp import services
from opp.inhoud import canoniek, sha256
from opp.models import Ondertekening, Opp, Tekencode
from opp.services import tekencodes
from tests.accounts.login_steps import totp_token
from tests.conftest import user_by_email

ONDERWERP = "Uw code om te ondertekenen"
APPARAAT = services.Apparaat("192.0.2.10", "Mozilla/5.0 (test)")


@pytest.fixture
def opp(sam):
    """Sam's demo OPP, waiting for the signatures of both parents and the school."""
    return Opp.objects.get(leerling=sam, versie=1)


def verzoek(opp, email="ouder@demo.nl") -> Ondertekening:
    return opp.ondertekeningen.get(ondertekenaar__email=email, status=Ondertekening.Status.GEVRAAGD)


def code_uit(bericht) -> str:
    gevonden = re.search(r"^(\d{6})$", bericht.body, re.MULTILINE)
    assert gevonden, bericht.body
    return gevonden.group(1)


def stuur(opp, captured, email="ouder@demo.nl", nu=None) -> str:
    with captured(execute=True):
        services.stuur_code(verzoek(opp, email), door=user_by_email(email), nu=nu)
    return code_uit([m for m in mail.outbox if ONDERWERP in m.subject][-1])


def teken(opp, code, email="ouder@demo.nl", methode=Ondertekening.Methode.EMAILCODE):
    return services.onderteken(
        verzoek(opp, email),
        door=user_by_email(email),
        getoonde_hash=sha256(canoniek(opp)),
        methode=methode,
        bewijs=code,
        apparaat=APPARAAT,
    )


def ouder_logt_in(client, email="ouder@demo.nl"):
    """A parent as she logs in: with a code by e-mail, no authenticator app."""
    user = user_by_email(email)
    TOTPDevice.objects.filter(user=user).delete()
    device, _ = EmailDevice.objects.get_or_create(user=user, defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_a_parent_signs_with_a_code_from_her_mail_end_to_end(
    client, opp, django_capture_on_commit_callbacks
):
    ouder_logt_in(client)
    pagina = reverse("opp:opp_detail", args=[opp.uuid])
    inhoud = client.get(pagina).content.decode()
    assert "Stuur mij een code" in inhoud
    assert "we sturen een code naar uw e-mailadres" in inhoud
    assert "authenticator" not in inhoud.lower()  # parents have no such app

    eigen = verzoek(opp)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("opp:code_sturen", args=[opp.uuid]), {"ondertekening": eigen.pk}, follow=True
        )
    assert "We hebben een code naar uw e-mailadres gestuurd" in response.content.decode()
    # The form now has the code chosen.
    assert re.search(r'value="emailcode"[^>]*checked', response.content.decode())
    [bericht] = [m for m in mail.outbox if ONDERWERP in m.subject]
    assert bericht.to == ["ouder@demo.nl"]

    response = client.post(
        reverse("opp:ondertekenen", args=[opp.uuid]),
        {
            "ondertekening": eigen.pk,
            "inhoud_hash": sha256(canoniek(opp)),
            "methode": "emailcode",
            "bewijs": code_uit(bericht),
        },
        follow=True,
    )
    assert "U hebt het handelingsdeel ondertekend" in response.content.decode()
    eigen.refresh_from_db()
    assert eigen.status == Ondertekening.Status.GETEKEND
    assert eigen.methode == Ondertekening.Methode.EMAILCODE
    assert eigen.history.count() >= 2  # the signature is history-tracked as before


def test_the_mail_holds_the_code_but_no_names(opp, django_capture_on_commit_callbacks):
    stuur(opp, django_capture_on_commit_callbacks)
    [bericht] = [m for m in mail.outbox if ONDERWERP in m.subject]
    tekst = bericht.subject + bericht.body
    leerling = opp.leerling
    for naam in (
        leerling.voornaam,
        leerling.volledige_naam,
        opp.school.naam,
        user_by_email("ouder@demo.nl").naam,
    ):
        assert not re.search(rf"\b{re.escape(naam)}\b", tekst), naam
    assert "10 minuten" in tekst


def test_only_a_hash_of_the_code_is_stored(opp, django_capture_on_commit_callbacks):
    code = stuur(opp, django_capture_on_commit_callbacks)
    rij = Tekencode.objects.get(ondertekening=verzoek(opp))
    assert code not in rij.code_hash and len(rij.code_hash) == 64


def test_a_wrong_code_is_refused_and_signs_nothing(opp, django_capture_on_commit_callbacks):
    code = stuur(opp, django_capture_on_commit_callbacks)
    fout = "000000" if code != "000000" else "111111"
    with pytest.raises(ValidationError, match="De code klopt niet"):
        teken(opp, fout)
    assert verzoek(opp).status == Ondertekening.Status.GEVRAAGD
    # The attempt counted, though nothing was signed.
    assert Tekencode.objects.get(ondertekening=verzoek(opp)).pogingen == 1
    teken(opp, code)  # the right one still works


def test_five_wrong_attempts_spend_the_code(opp, django_capture_on_commit_callbacks):
    code = stuur(opp, django_capture_on_commit_callbacks)
    fout = "000000" if code != "000000" else "111111"
    for _ in range(tekencodes.MAX_POGINGEN - 1):
        with pytest.raises(ValidationError, match="De code klopt niet"):
            teken(opp, fout)
    with pytest.raises(ValidationError, match="werkt deze code niet meer"):
        teken(opp, fout)
    with pytest.raises(ValidationError, match="niet meer geldig"):
        teken(opp, code)


def test_an_expired_code_is_refused(opp, django_capture_on_commit_callbacks):
    code = stuur(opp, django_capture_on_commit_callbacks, nu=timezone.now() - timedelta(minutes=11))
    with pytest.raises(ValidationError, match="verlopen"):
        teken(opp, code)
    assert verzoek(opp).status == Ondertekening.Status.GEVRAAGD


def test_a_used_code_is_refused_the_second_time(opp, django_capture_on_commit_callbacks):
    ouder = user_by_email("ouder@demo.nl")
    code = stuur(opp, django_capture_on_commit_callbacks)
    tekencodes.gebruik_code(verzoek(opp), door=ouder, code=code)
    with pytest.raises(ValidationError, match="al gebruikt"):
        tekencodes.gebruik_code(verzoek(opp), door=ouder, code=code)


def test_a_new_code_replaces_the_earlier_one(opp, django_capture_on_commit_callbacks):
    eerder = timezone.now() - timedelta(minutes=2)
    oud = stuur(opp, django_capture_on_commit_callbacks, nu=eerder)
    nieuw = stuur(opp, django_capture_on_commit_callbacks)
    if oud != nieuw:
        with pytest.raises(ValidationError):
            teken(opp, oud)
    teken(opp, nieuw)


def test_a_code_is_not_for_another_persons_request(opp, django_capture_on_commit_callbacks):
    stuur(opp, django_capture_on_commit_callbacks)
    with pytest.raises(Exception, match="alleen voor uzelf"):
        services.stuur_code(verzoek(opp, "ouder2@demo.nl"), door=user_by_email("ouder@demo.nl"))


def test_codes_are_sent_at_most_once_a_minute_and_five_times_an_hour(
    opp, django_capture_on_commit_callbacks
):
    ouder = user_by_email("ouder@demo.nl")
    begin = timezone.now() - timedelta(minutes=30)
    stuur(opp, django_capture_on_commit_callbacks, nu=begin)
    with pytest.raises(ValidationError, match=r"Wacht nog \d+ seconden"):
        services.stuur_code(verzoek(opp), door=ouder, nu=begin + timedelta(seconds=20))
    for minuut in range(1, 5):
        stuur(opp, django_capture_on_commit_callbacks, nu=begin + timedelta(minutes=minuut))
    with pytest.raises(ValidationError, match=r"al 5 codes gevraagd\. Vraag over 30 minuten"):
        services.stuur_code(verzoek(opp), door=ouder, nu=begin + timedelta(minutes=30))
    assert len([m for m in mail.outbox if ONDERWERP in m.subject]) == 5
    # An hour after the first, a code can be asked again.
    stuur(opp, django_capture_on_commit_callbacks, nu=begin + timedelta(minutes=61))


def test_a_refused_code_request_is_said_in_dutch_on_the_page(
    client, opp, django_capture_on_commit_callbacks
):
    ouder_logt_in(client)
    url = reverse("opp:code_sturen", args=[opp.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"ondertekening": verzoek(opp).pk})
        response = client.post(url, {"ondertekening": verzoek(opp).pk}, follow=True)
    assert "U hebt zojuist een code gekregen" in response.content.decode()
    assert len([m for m in mail.outbox if ONDERWERP in m.subject]) == 1


def test_no_code_is_sent_without_an_open_request(client, login, opp):
    login("mentor@demo.nl")  # reads the OPP, is not asked to sign
    response = client.post(
        reverse("opp:code_sturen", args=[opp.uuid]), {"ondertekening": verzoek(opp).pk}, follow=True
    )
    assert "alleen voor uzelf" in response.content.decode()
    assert not Tekencode.objects.exists()


def test_a_professional_with_an_authenticator_app_may_sign_with_it(client, login, opp):
    login("ib@demo.nl")  # her authenticator app is linked (tests/conftest.py)
    inhoud = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    assert "Code uit mijn authenticator-app" in inhoud
    device = TOTPDevice.objects.get(user=user_by_email("ib@demo.nl"), confirmed=True)
    rij = teken(opp, totp_token(device), email="ib@demo.nl", methode=Ondertekening.Methode.CODE)
    assert rij.methode == Ondertekening.Methode.CODE


def test_without_an_authenticator_app_that_choice_is_refused(client, opp):
    ouder_logt_in(client)
    response = client.post(
        reverse("opp:ondertekenen", args=[opp.uuid]),
        {
            "ondertekening": verzoek(opp).pk,
            "inhoud_hash": sha256(canoniek(opp)),
            "methode": "code",
            "bewijs": "123456",
        },
        follow=True,
    )
    assert "Kies hoe u bevestigt dat u het bent" in response.content.decode()
    assert verzoek(opp).status == Ondertekening.Status.GEVRAAGD
