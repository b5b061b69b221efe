"""A failed form kept for the page it returns to (accounts/invoer.py, `bewaar_fouten` and
`herstel`): only that form on that page picks it up, never a password, and sending it
again is judged against what the user saw."""

from unittest import mock

from django import forms
from django.contrib.sessions.backends.db import SessionStore
from django.http import QueryDict
from django.test import RequestFactory

from accounts import invoer


class DoelForm(forms.Form):
    tekst = forms.CharField()
    bewerkingen = forms.IntegerField(widget=forms.HiddenInput)
    wachtwoord = forms.CharField(widget=forms.PasswordInput, required=False)


class AndereDoelForm(forms.Form):
    """Same name as DoelForm in another module, as opp and the report each have one."""

    tekst = forms.CharField()
    bewerkingen = forms.IntegerField(widget=forms.HiddenInput)


AndereDoelForm.__name__ = AndereDoelForm.__qualname__ = "DoelForm"
AndereDoelForm.__module__ = "elders.forms"


def _verzoek():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


def _mislukt(request, bij=7):
    form = DoelForm(QueryDict("tekst=&bewerkingen=3&wachtwoord=geheim123"))
    assert not form.is_valid()
    invoer.bewaar_fouten(request, form, bij=bij)


def test_a_password_is_never_kept_in_the_session(db):
    request = _verzoek()
    _mislukt(request)
    assert "geheim123" not in repr(dict(request.session))


def test_a_form_of_the_same_name_from_another_app_does_not_pick_it_up(db):
    request = _verzoek()
    _mislukt(request)
    ander = invoer.herstel(request, AndereDoelForm(initial={"bewerkingen": 5}), bij=7)
    assert not ander.is_bound
    eigen = invoer.herstel(request, DoelForm(initial={"bewerkingen": 5}), bij=7)
    assert eigen.is_bound and "tekst" in eigen.errors


def test_another_object_or_a_stale_entry_shows_a_clean_form(db):
    request = _verzoek()
    _mislukt(request)
    assert not invoer.herstel(request, DoelForm(), bij=8).is_bound
    later = invoer.time.time() + invoer.BEWAARD_SECONDEN + 1
    with mock.patch.object(invoer.time, "time", return_value=later):
        assert not invoer.herstel(request, DoelForm(), bij=7).is_bound
    assert invoer.FOUTFORMULIER not in request.session


def test_the_edit_counter_posted_is_kept_so_a_later_save_is_a_conflict(db):
    request = _verzoek()
    _mislukt(request)
    # Someone else saved meanwhile: the page now counts 5 edits, the user saw 3.
    form = invoer.herstel(request, DoelForm(initial={"bewerkingen": 5}), bij=7)
    assert form["bewerkingen"].value() == "3"
