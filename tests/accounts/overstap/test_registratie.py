"""Registering a move (docs/overstap.md): the old enrolment ends, the dossiers are
linked, the parents are asked; what is refused."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Gezag, Overstap, Toestemming
from accounts.overstap import registreer_overstap
from tests.accounts.overstap.helpers import OVERDRACHT
from tests.accounts.overstap_helpers import school
from tests.factories import LeerlingFactory

# Registering the move ---------------------------------------------------------------------


def test_move_ends_the_old_enrolment_links_the_dossiers_and_asks_both_parents(
    v, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        overstap = v.registreer()
    v.oud.refresh_from_db()
    v.nieuw.refresh_from_db()
    assert v.oud.uitgeschreven_op == v.datum
    assert v.nieuw.vorige == v.oud
    assert (overstap.van_school, overstap.naar_school) == (v.oud.school, v.nieuw.school)
    assert overstap.overgedragen_op is None
    # The same parents, with the same say, on the new dossier.
    assert set(
        Gezag.objects.filter(leerling=v.nieuw).values_list("ouder", "relatie", "heeft_gezag")
    ) == set(Gezag.objects.filter(leerling=v.oud).values_list("ouder", "relatie", "heeft_gezag"))
    vragen = Toestemming.objects.filter(leerling=v.oud, soort=OVERDRACHT)
    assert {r.gever for r in vragen} == {v.moeder, v.vader}
    assert {r.ontvanger_organisatie for r in vragen} == {v.nieuw.school}
    aan_ouders = [m for m in mail.outbox if m.to[0] != v.coordinator.email]
    assert sorted(m.to[0] for m in aan_ouders) == sorted([v.moeder.email, v.vader.email])


def test_copied_custody_is_in_the_custody_history_with_who_registered_the_move(v):
    overstap = v.registreer()
    rijen = Gezag.history.filter(leerling_id=v.nieuw.pk)
    assert {(r.ouder_id, r.history_type) for r in rijen} == {
        (v.moeder.pk, "+"),
        (v.vader.pk, "+"),
    }
    assert {r.history_user for r in rijen} == {overstap.geregistreerd_door}
    assert {r.history_change_reason for r in rijen} == {
        "Overgenomen uit het dossier van de vorige school (overstap)"
    }


def test_a_parent_the_new_schools_file_already_names_keeps_that_custody(v):
    Gezag.objects.create(ouder=v.moeder, leerling=v.nieuw, relatie="ouder", heeft_gezag=False)
    v.registreer()
    assert Gezag.objects.get(ouder=v.moeder, leerling=v.nieuw).heeft_gezag is False
    assert Gezag.objects.filter(ouder=v.vader, leerling=v.nieuw, heeft_gezag=True).exists()


def test_move_to_the_same_school_is_refused(v):
    v.nieuw.school = v.oud.school
    v.nieuw.save()
    with pytest.raises(ValidationError, match="al op deze school ingeschreven"):
        v.registreer()
    assert not Overstap.objects.filter(oud=v.oud).exists()


def test_a_pupil_who_already_moved_is_not_moved_again(v):
    v.registreer()
    nog_een = LeerlingFactory(
        voornaam="Lotte", school=school("SBO De Brug"), geboortedatum=v.oud.geboortedatum
    )
    with pytest.raises(ValidationError, match="al overgestapt"):
        registreer_overstap(v.oud, nog_een, v.datum, v.coordinator)


def test_a_move_dated_before_today_is_refused_and_nothing_is_written(
    v, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    gisteren = timezone.localdate() - timedelta(days=1)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(
            ValidationError,
            match=re.escape(
                "Een overstap gaat in vanaf vandaag of later; de oude school houdt tot dan "
                "haar dossier."
            ),
        ),
    ):
        registreer_overstap(v.oud, v.nieuw, gisteren, v.coordinator)
    v.oud.refresh_from_db()
    assert v.oud.uitgeschreven_op is None  # the old school keeps working in its file
    assert not Overstap.objects.filter(oud=v.oud).exists()
    assert not Gezag.objects.filter(leerling=v.nieuw).exists()
    assert mail.outbox == []


def test_a_move_dated_before_the_old_enrolment_is_refused(v):
    v.oud.ingeschreven_op = timezone.localdate() + timedelta(days=30)
    v.oud.save()
    with pytest.raises(ValidationError, match="vóór de inschrijving op de vorige school"):
        registreer_overstap(v.oud, v.nieuw, timezone.localdate(), v.coordinator)
    v.oud.refresh_from_db()
    assert v.oud.uitgeschreven_op is None  # nothing half-written


def test_an_earlier_uitschrijving_date_is_kept(v):
    eerder = v.datum - timedelta(days=5)
    v.oud.uitgeschreven_op = eerder
    v.oud.save()
    v.registreer()
    v.oud.refresh_from_db()
    assert v.oud.uitgeschreven_op == eerder
