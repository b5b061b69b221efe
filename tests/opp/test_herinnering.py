"""The coördinator's "Herinnering sturen" to a signer who has not answered: a mail now,
at most once a day per signer, and the page shows when the last one went."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from opp import services
from opp.models import Ondertekening, Opp
from tests.conftest import user_by_email

ONDERWERP = "Herinnering: het handelingsdeel wacht op uw ondertekening"


@pytest.fixture
def opp(sam):
    """Sam's demo OPP, waiting for the signatures of both parents and the school."""
    return Opp.objects.get(leerling=sam, versie=1)


def verzoek(opp, email="ouder@demo.nl") -> Ondertekening:
    return opp.ondertekeningen.get(ondertekenaar__email=email, status=Ondertekening.Status.GEVRAAGD)


def herinneringen(email="ouder@demo.nl") -> list:
    return [m for m in mail.outbox if ONDERWERP in m.subject and m.to == [email]]


def test_the_coordinator_sends_a_reminder_and_sees_when(
    client, login, opp, django_capture_on_commit_callbacks
):
    login("ib@demo.nl")
    pagina = reverse("opp:opp_detail", args=[opp.uuid])
    assert "Herinnering sturen" in client.get(pagina).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("opp:herinnering_sturen", args=[opp.uuid]),
            {"ondertekening": verzoek(opp).pk},
            follow=True,
        )
    inhoud = response.content.decode()
    naam = user_by_email("ouder@demo.nl").naam
    assert f"{naam} heeft een herinnering gekregen" in inhoud
    assert "Laatste herinnering:" in inhoud
    [bericht] = herinneringen()
    assert naam not in bericht.body
    assert not re.search(rf"\b{opp.leerling.voornaam}\b", bericht.body)
    assert str(opp.uuid) in bericht.body  # the link to the plan
    assert verzoek(opp).herinnerd_op is not None


def test_a_second_reminder_the_same_day_is_refused(
    client, login, opp, django_capture_on_commit_callbacks
):
    login("ib@demo.nl")
    url = reverse("opp:herinnering_sturen", args=[opp.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"ondertekening": verzoek(opp).pk})
        response = client.post(url, {"ondertekening": verzoek(opp).pk}, follow=True)
    assert "al een herinnering. Een volgende kan vanaf" in response.content.decode()
    assert len(herinneringen()) == 1


def test_a_day_later_another_reminder_may_go(opp, django_capture_on_commit_callbacks):
    ib = user_by_email("ib@demo.nl")
    gisteren = timezone.now() - timedelta(days=1, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.herinner(verzoek(opp), door=ib, nu=gisteren)
        with pytest.raises(ValidationError):
            services.herinner(verzoek(opp), door=ib, nu=gisteren + timedelta(hours=23))
        services.herinner(verzoek(opp), door=ib)
    assert len(herinneringen()) == 2


def test_the_limit_is_per_signer(opp, django_capture_on_commit_callbacks):
    ib = user_by_email("ib@demo.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.herinner(verzoek(opp), door=ib)
        services.herinner(verzoek(opp, "ouder2@demo.nl"), door=ib)
    assert len(herinneringen()) == 1 and len(herinneringen("ouder2@demo.nl")) == 1


def test_no_reminder_for_an_answered_request(opp):
    rij = verzoek(opp)
    rij.status = Ondertekening.Status.GETEKEND
    rij.save()
    with pytest.raises(ValidationError, match="hoeft niet meer te tekenen"):
        services.herinner(rij, door=user_by_email("ib@demo.nl"))


def test_a_manual_reminder_counts_as_the_automatic_one(opp, django_capture_on_commit_callbacks):
    Ondertekening.objects.filter(opp=opp).update(gevraagd_op=timezone.now() - timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        services.herinner(verzoek(opp), door=user_by_email("ib@demo.nl"))
        services.stuur_herinneringen()
    assert len(herinneringen()) == 1  # not a second one from the daily job
    assert len(herinneringen("ouder2@demo.nl")) == 1


def test_only_the_coordinator_reaches_the_button(client, login, opp):
    login("ouder2@demo.nl")
    assert (
        "Herinnering sturen"
        not in client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    )
    response = client.post(
        reverse("opp:herinnering_sturen", args=[opp.uuid]), {"ondertekening": verzoek(opp).pk}
    )
    assert response.status_code == 404
