"""Property-based fuzz tests: no input gives a 5xx, on any endpoint, for a persona who
may use it (issue 14, part 2).

Every POST endpoint gets its form as the page shows it, changed by fixed plans (empty,
1 MB, NUL, RTL and emoji text, huge and negative numbers, malformed dates, hidden ids
that are wrong or someone else's, missing, doubled and unknown fields; each runs every
time as an `@example`) and by random plans from hypothesis, then PUT, PATCH and DELETE.
Every read-only page refuses other methods (405) and survives hostile query parameters.
Each request is rolled back, so each starts from the same state. A view's exception
counts as a 5xx; the failure lists every one with its endpoint, field, kind of value and
exception.

A new URL without a place in tests/fuzz/register.py fails the first test below.
"""

import os
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import HealthCheck, Phase, example, given, settings

from tests.accounts.permissiematrix.entries import ANONIEM
from tests.accounts.permissiematrix.matrix import MATRIX
from tests.accounts.permissiematrix.test_matrix import all_url_names
from tests.conftest import PERSONAS, login_verified
from tests.fuzz import waarden
from tests.fuzz.register import ALLEEN_LEZEN, FUZZ
from tests.fuzz.uitvoeren import Uitslag, inloggen, opzetten, verstuur

# Random plans per endpoint on top of the fixed ones; SAMENPLAN_FUZZ_VOORBEELDEN=200 for
# a deeper run by hand.
VOORBEELDEN = int(os.environ.get("SAMENPLAN_FUZZ_VOORBEELDEN", "2"))
settings.register_profile(
    "samenplan-fuzz",
    max_examples=VOORBEELDEN,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)

ANDERE_METHODEN = ("put", "patch", "delete")


def test_every_named_url_is_fuzzed_or_read_only():
    names = {name for name in all_url_names() if not name.startswith("admin:")}
    assert not FUZZ.keys() & ALLEEN_LEZEN, "a URL is both fuzzed and read-only"
    ontbreekt = names - FUZZ.keys() - ALLEEN_LEZEN
    assert not ontbreekt, f"URL zonder plaats in tests/fuzz/register.py: {sorted(ontbreekt)}"
    assert (FUZZ.keys() | ALLEEN_LEZEN) - names == set(), "the register names unknown URLs"


def _gebruiken():
    for naam in sorted(FUZZ):
        for i, gebruik in enumerate(FUZZ[naam]):
            eigen = f"{naam}[{i}:{gebruik.persona}]" if len(FUZZ[naam]) > 1 else naam
            yield pytest.param(naam, gebruik, id=eigen)


@pytest.mark.parametrize(("naam", "gebruik"), list(_gebruiken()))
def test_no_input_gives_a_server_error(client, db, naam, gebruik):
    url, formulieren = opzetten(client, naam, gebruik)
    uitslag = Uitslag(f"{naam} ({gebruik.persona})")

    def fuzz(plan: waarden.Plan) -> None:
        body, content_type = waarden.verzoek(formulieren[plan.formulier], plan)
        opties = {"content_type": content_type} if content_type else {}
        verstuur(client, uitslag, "post", url, str(plan), data=body, **opties)

    for index, formulier in enumerate(formulieren):
        for plan in waarden.vaste_plannen(formulier, index):
            fuzz = example(plan=plan)(fuzz)
    plannen = waarden.plannen(formulieren, waarden.ander_ids())
    settings(settings.get_profile("samenplan-fuzz"))(given(plan=plannen)(fuzz))()
    zoals_getoond = urlencode(formulieren[0].gegevens(), doseq=True)
    for methode in ANDERE_METHODEN:
        verstuur(
            client,
            uitslag,
            methode,
            url,
            "zoals getoond",
            data=zoals_getoond,
            content_type="application/x-www-form-urlencoded",
        )
    uitslag.schrijf_verslag()
    assert not uitslag.fouten, uitslag.melding()


def _lezer(naam: str) -> str:
    """The first persona the permission matrix lets open the page (else one it sends on)."""
    entry = MATRIX[naam]
    for status in (200, 302):
        for persona in PERSONAS:
            if entry.expected(persona) == status:
                return persona
    return ANONIEM


# Query parameters the read-only views read (pagina, versie, met, toon) and the search
# fields of the forms that send with GET (organisatie, persoon), all at once.
PARAMETERS = ("pagina", "versie", "met", "toon", "organisatie", "persoon", "zoekterm", "q")
# Two requests: NUL in every parameter, then each parameter one of the other hostile
# kinds (a number of 5,000 digits, a negative number, a malformed date, RTL and emoji,
# 25,000 characters), doubled.
ANDERE = ["9" * 5000, "-1", "2026-13-45", waarden.RTL_EMOJI, waarden.LANG]
VIJANDIGE_PARAMETERS = {
    "NUL": dict.fromkeys(PARAMETERS, "a\x00b"),
    "elk een andere soort, dubbel": {
        p: [ANDERE[i % len(ANDERE)], ANDERE[(i + 1) % len(ANDERE)]]
        for i, p in enumerate(PARAMETERS)
    },
}


@pytest.mark.parametrize("naam", sorted(ALLEEN_LEZEN))
def test_read_only_pages_refuse_other_methods_and_survive_hostile_parameters(client, db, naam):
    entry = MATRIX[naam]
    persona = _lezer(naam)
    inloggen(client, persona)
    url = reverse(naam, kwargs=entry.kwargs() if entry.kwargs else {})
    uitslag = Uitslag(f"{naam} ({persona})")
    niet_geweigerd = []
    for methode in ("post", *ANDERE_METHODEN):
        response = verstuur(client, uitslag, methode, url, "lege body")
        if response is not None and response.status_code != 405:
            niet_geweigerd.append(f"{methode.upper()}: {response.status_code}")
    for soort, parameters in VIJANDIGE_PARAMETERS.items():
        response = verstuur(client, uitslag, "get", url, soort, data=parameters)
        if response is not None and "html" not in response.get("Content-Type", ""):
            break  # a file or an export reads no parameters
    uitslag.schrijf_verslag()
    assert not uitslag.fouten, uitslag.melding()
    assert not niet_geweigerd, f"{naam} als {persona} is alleen-lezen: {niet_geweigerd}"


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_admin_lists_survive_hostile_parameters(client, db, model):
    """The admin is outside the register (its pages are Django's), but its lists read
    a search, a sort order and a page number from the query string."""
    from accounts.models import User

    login_verified(client, User.objects.create_superuser("root@demo.nl", "x", naam="Root"))
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    uitslag = Uitslag(f"{url} (superuser)")
    for soort, parameters in VIJANDIGE_PARAMETERS.items():
        verstuur(client, uitslag, "get", url, soort, data=parameters)
    uitslag.schrijf_verslag()
    assert not uitslag.fouten, uitslag.melding()
