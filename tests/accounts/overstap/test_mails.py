"""The mails of a move: the old school's coördinator and the parents are told, without
the pupil's name."""

from django.core import mail
from django.urls import reverse

from accounts.models import Notificatie
from tests.accounts.overstap.helpers import antwoord, overdrachtsvraag

# Mails ------------------------------------------------------------------------------------


def test_the_old_schools_coordinator_is_told_without_the_pupils_name(
    v, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        v.registreer()
    [bericht] = [m for m in mail.outbox if m.to == [v.coordinator.email]]
    assert "Een leerling van uw school is ingeschreven op een andere school in de regio." in (
        bericht.body
    )
    assert "U leest het dossier nog 2 jaar" in bericht.body
    assert reverse("accounts:leerling_detail", args=[v.oud.uuid]) in bericht.body
    for naam in ("Lotte", "Verhuisd", v.nieuw.school.naam):
        assert naam not in bericht.subject + bericht.body


def test_after_the_handover_the_old_school_and_the_parents_are_told(
    client, v, django_capture_on_commit_callbacks
):
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    per_adres = {m.to[0]: m for m in mail.outbox}
    assert set(per_adres) == {v.coordinator.email, v.moeder.email, v.vader.email}
    assert reverse("accounts:leerling_detail", args=[v.oud.uuid]) in (
        per_adres[v.coordinator.email].body
    )
    assert reverse("accounts:leerling_detail", args=[v.nieuw.uuid]) in (
        per_adres[v.moeder.email].body
    )
    for bericht in mail.outbox:
        assert "overgedragen" in bericht.body
        for naam in ("Lotte", "Verhuisd", v.nieuw.school.naam, v.oud.school.naam):
            assert naam not in bericht.subject + bericht.body
    # Nothing more is sent for a second click.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    assert mail.outbox == []


def test_a_refusal_tells_nobody_of_a_handover(client, v, django_capture_on_commit_callbacks):
    v.registreer()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder), actie="weigeren")
    assert mail.outbox == []
    # Nor in the app: no coördinator's bell shows the refusal.
    assert not Notificatie.objects.filter(soort="toestemming_geweigerd").exists()
