"""A refusal becomes error messages on the next page (accounts/meldingen.py)."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from accounts.meldingen import als_melding, meld_fout


def gemeld(fout: Exception) -> list[tuple[int, str]]:
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    meld_fout(request, fout)
    return [(bericht.level, bericht.message) for bericht in messages.get_messages(request)]


def test_each_message_of_a_validation_error_is_an_error():
    fout = ValidationError(["Kies een datum.", "De reden ontbreekt."])
    assert gemeld(fout) == [
        (messages.ERROR, "Kies een datum."),
        (messages.ERROR, "De reden ontbreekt."),
    ]


def test_the_messages_of_a_validation_error_per_field_are_errors_too():
    fout = ValidationError({"datum": ["Kies een datum."]})
    assert gemeld(fout) == [(messages.ERROR, "Kies een datum.")]


def test_a_permission_denied_shows_its_text():
    fout = PermissionDenied("Alleen de coördinator mag dit.")
    assert gemeld(fout) == [(messages.ERROR, "Alleen de coördinator mag dit.")]


def berichten_na(actie, gelukt: str | None = "Opgeslagen.") -> list[tuple[int, str]]:
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    with als_melding(request, gelukt):
        actie()
    return [(bericht.level, bericht.message) for bericht in messages.get_messages(request)]


def test_a_service_call_that_goes_through_shows_the_success_message():
    assert berichten_na(lambda: None) == [(messages.SUCCESS, "Opgeslagen.")]
    assert berichten_na(lambda: None, gelukt=None) == []


def test_a_refused_service_call_shows_only_its_reasons():
    def weigert():
        raise PermissionDenied("Alleen de school voegt stukken toe.")

    assert berichten_na(weigert) == [(messages.ERROR, "Alleen de school voegt stukken toe.")]


def test_other_errors_are_not_swallowed():
    def kapot():
        raise KeyError("bug")

    with pytest.raises(KeyError):
        berichten_na(kapot)
