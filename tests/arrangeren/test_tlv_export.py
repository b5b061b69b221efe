"""The SWV's CSV export: no cell starts with anything a spreadsheet runs as a formula."""

import csv
import io

import pytest
from django.urls import reverse

from arrangeren.tlv import services
from tests.arrangeren.tlv_helpers import aanvraag_met_dossier

pytestmark = pytest.mark.django_db

# What spreadsheets read as the start of a formula or a command (OWASP CSV injection):
# = + - @, and TAB and CR (which some of them skip before a formula) and the pipe (DDE).
FORMULES = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "|cmd", "\t|cmd"]


@pytest.mark.parametrize("voornaam", FORMULES)
def test_a_name_that_looks_like_a_formula_is_exported_as_text(login, voornaam):
    aanvraag = aanvraag_met_dossier()
    aanvraag.leerling.voornaam = voornaam
    aanvraag.leerling.save(update_fields=["voornaam"])
    services.dien_in(aanvraag, door=aanvraag.aangemaakt_door)
    client = login("swv@demo.nl")
    response = client.get(reverse("arrangeren:tlv_export"))
    tekst = response.content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))
    rij = next(r for r in rijen if r[0] == str(aanvraag.uuid))
    assert rij[1] == "'" + aanvraag.leerling.volledige_naam
