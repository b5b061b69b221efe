"""Shared helpers of the move tests: the parents' handover question and answer, the
pupil page."""

from django.urls import reverse

from accounts.models import Informatiesoort, Toestemming
from tests.conftest import login_verified

OVERDRACHT = Informatiesoort.OVERDRACHT


def overdrachtsvraag(v, ouder) -> Toestemming:
    return Toestemming.objects.get(leerling=v.oud, soort=OVERDRACHT, gever=ouder)


def antwoord(client, ouder, rij, actie="geven"):
    login_verified(client, ouder)
    return client.post(reverse("accounts:toestemmingen"), {"toestemming": rij.pk, "actie": actie})


def detail(client, user, leerling):
    login_verified(client, user)
    return client.get(reverse("accounts:leerling_detail", args=[leerling.uuid]))
