"""Ending roles and resending invitations."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from accounts.models import Beheergebeurtenis, Emaillink, Lidmaatschap
from accounts.permissions import leerlingen_for_user
from accounts.rolbeheer import beeindig
from accounts.rollen import Rol
from tests.accounts.rolbeheer.helpers import Soortgebeurtenis, als_beheerder, nodig_uit, soorten
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


def test_ending_a_role_takes_access_away_at_once(sophie, sam):
    mentor = user_by_email("mentor@demo.nl")
    assert leerlingen_for_user(mentor).filter(pk=sam.pk).exists()
    lid = Lidmaatschap.objects.get(user=mentor)
    beeindig(lid, door=sophie, reden="Vertrokken")
    assert not leerlingen_for_user(mentor).filter(pk=sam.pk).exists()
    gebeurtenis = Beheergebeurtenis.objects.get(soort=Soortgebeurtenis.VERWIJDERD)
    assert (gebeurtenis.betreft, gebeurtenis.rol, gebeurtenis.door) == (
        mentor,
        "leerkracht",
        sophie,
    )
    assert Lidmaatschap.history.filter(id=lid.pk, history_type="-").exists()
    with pytest.raises(ValidationError, match="al beëindigd"):
        beeindig(lid, door=sophie, reden="")


def test_the_last_beheerder_cannot_step_down_herself(sophie, dirk, regenboog):
    beeindig(
        Lidmaatschap.objects.get(user=dirk, rol=Rol.ORGANISATIEBEHEERDER), door=sophie, reden=""
    )
    eigen = Lidmaatschap.objects.get(user=sophie, rol=Rol.ORGANISATIEBEHEERDER)
    with pytest.raises(ValidationError, match="enige beheerder"):
        beeindig(eigen, door=sophie, reden="")
    assert Lidmaatschap.objects.filter(pk=eigen.pk).exists()


def test_resending_an_invitation_stops_the_old_link(client, sophie, regenboog):
    mail.outbox.clear()
    toekenning = nodig_uit(sophie)
    (uitnodiging,) = [m for m in mail.outbox if m.to == ["lea@demo.nl"]]
    oude_link = re.search(r"https?://\S+(/activeren/\S+/)", uitnodiging.body)[1]
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    response = client.post(
        reverse("accounts:beheer_opnieuw_uitnodigen", args=[toekenning.user_id]), follow=True
    )
    assert "Nieuwe uitnodiging gestuurd" in response.content.decode()
    assert Emaillink.objects.bruikbaar().filter(user=toekenning.user).count() == 1
    assert soorten(regenboog)[-1] == Soortgebeurtenis.OPNIEUW_UITGENODIGD
    client.logout()
    client.get(oude_link)
    oud = client.get(reverse("accounts:activeren_form"))
    assert oud.status_code == 400 and "nieuwere" in oud.content.decode()


def test_ending_a_role_on_the_page(client):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    lid = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    response = client.post(reverse("accounts:beheer_beeindigen", args=[lid.pk]), follow=True)
    assert "is beëindigd" in response.content.decode()
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes no row locks")
def test_a_resend_locks_the_account_before_anything_else(sophie, regenboog):
    """Two resends at the same moment run one after the other: one valid link."""
    from django.test.utils import CaptureQueriesContext

    from accounts.rolbeheer import nodig_opnieuw_uit

    lea = nodig_uit(sophie).user
    with CaptureQueriesContext(connection) as queries:
        nodig_opnieuw_uit(regenboog, lea, door=sophie)
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert sql[0].startswith('SELECT "accounts_user"') and sql[0].endswith("FOR UPDATE")
    assert Emaillink.objects.bruikbaar().filter(user=lea).count() == 1
