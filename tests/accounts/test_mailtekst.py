"""Plain-text e-mails are text, not HTML: an organisation called "Kind & Co <Leiden>" reads
so in the mail, not as `Kind &amp; Co &lt;Leiden&gt;`."""

import pytest
from django.core import mail

from accounts.uitnodigingen import maak_account, stuur_activatie
from tests.conftest import user_by_email
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db

NAAM = 'Kind & Co <Leiden> "De Hoek"'


def test_an_organisation_name_with_ampersand_and_brackets_reads_as_typed(
    django_capture_on_commit_callbacks,
):
    organisatie = OrganisatieFactory(naam=NAAM)
    beheer = user_by_email("schoolbeheer@demo.nl")
    user, _ = maak_account("nieuw.lid@example.nl", "Anne <Jansen> & zn", door=beheer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stuur_activatie(user, door=beheer, organisatie=organisatie)
    (bericht,) = mail.outbox
    assert NAAM in bericht.body
    assert "Beste Anne <Jansen> & zn," in bericht.body
    assert "&amp;" not in bericht.body and "&lt;" not in bericht.body
    assert "&quot;" not in bericht.body and "&#x27;" not in bericht.body
    assert not getattr(bericht, "alternatives", None)  # text only: no HTML part
