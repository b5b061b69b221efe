"""The content-level matrix: what a persona may not see appears in no page and no e-mail.

The status matrix (`test_matrix.py`) checks who may open a page; this checks what the
pages show. Sam's dossier is filled with marker strings (`inhoud.py`), the persona gets
the consent of its scenario and not the consent that would open a group of markers, and
then every GET row of the matrix (and every version of Sam's OPP) is requested as that
persona: no marker of a hidden group may appear in any response body, nor in any e-mail
sent to the persona (docs/toestemming.md).
"""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.permissiematrix.entries import OUDER_ZONDER_GEZAG
from tests.accounts.permissiematrix.inhoud import (
    ALLES,
    GEZINSPLAN,
    MARKERS,
    MDO,
    STUKKEN,
    Scenario,
    betrek,
    vul_opp,
    vul_route,
    vul_tlv,
)
from tests.accounts.permissiematrix.kwargs import gezinsplan_delen, mdo_kwargs
from tests.accounts.permissiematrix.matrix import MATRIX, login_as
from tests.conftest import login_verified, user_by_email

SCENARIOS: dict[str, Scenario] = {
    # The finding of issue 14: taking part in the MDO with its documents, no OPP inzage.
    "jeugdteam@demo.nl": Scenario(
        toestemming=frozenset({MDO, STUKKEN}),
        uitgenodigd=True,
        verborgen=frozenset({"opp", "verslag", "stap", "tlv"}),
    ),
    "swv@demo.nl": Scenario(
        toestemming=frozenset({MDO}),
        uitgenodigd=True,
        verborgen=frozenset({"opp", "stuk", "verslag", "stap", "tlv"}),
    ),
    # Consent for the gezinsplan alone opens the gezinsplan only: no OPP, no MDO
    # (docs/toestemming.md, docs/opp.md "Gezinsplan").
    "leerplicht@demo.nl": Scenario(toestemming=frozenset({GEZINSPLAN})),
    "ib.andere@demo.nl": Scenario(),
    "ouder.andere@demo.nl": Scenario(),
    # A parent with custody reads the file, but not the school's concepts.
    "ouder@demo.nl": Scenario(verborgen=frozenset({"verslag", "tlv"})),
    # Without custody: information about important matters, nothing of the file.
    OUDER_ZONDER_GEZAG: Scenario(),
}
LOPEND = ["concept", "ter_ondertekening"]


def _dossier(lopend: str):
    """Build every matrix row's objects first (they need Sam's OPP still open), then the
    markers; returns the URLs to request and Sam's OPP versions."""
    urls = [
        reverse(naam, kwargs=entry.kwargs() if entry.kwargs else {})
        for naam, entry in sorted(MATRIX.items())
        if entry.method == "get" and naam != "accounts:logout"
    ]
    mdo = _mdo()
    opps = vul_opp(lopend)
    vul_route(mdo)
    vul_tlv()
    for opp in opps:
        urls += [
            reverse("opp:opp_detail", args=[opp.uuid]),
            reverse("opp:opp_vergelijken", args=[opp.uuid]) + "?met=1",
            reverse("opp:opp_pdf", args=[opp.uuid]),
        ]
    return urls, mdo


def _mdo():
    from arrangeren.route.models import Mdo

    return Mdo.objects.get(uuid=mdo_kwargs()["uuid"])


def _tekst(response) -> str:
    if getattr(response, "streaming", False):
        inhoud = b"".join(response.streaming_content)
    else:
        inhoud = response.content
    return inhoud.decode("utf-8", errors="replace")


def gevonden(client, urls, groepen) -> list[tuple[str, str, int]]:
    """(url, marker, status) for every marker of these groups found in a response."""
    treffers = []
    for url in urls:
        response = client.get(url)
        tekst = _tekst(response)
        pdf = response.get("Content-Type", "").startswith("application/pdf")
        for groep in groepen:
            # A PDF's text is compressed: an OPP served as PDF counts as its content.
            if pdf and groep == "opp" and "/opp/" in url and response.status_code == 200:
                treffers.append((url, "(OPP als pdf)", response.status_code))
            treffers += [(url, m, response.status_code) for m in MARKERS[groep] if m in tekst]
    return treffers


def in_mails(email, groepen) -> list[tuple[str, str]]:
    treffers = []
    for bericht in mail.outbox:
        if email not in bericht.to:
            continue
        tekst = bericht.subject + bericht.body + "".join(str(a) for a in bericht.attachments)
        for groep in groepen:
            treffers += [(bericht.subject, m) for m in MARKERS[groep] if m in tekst]
    return treffers


@pytest.mark.parametrize("lopend", LOPEND)
@pytest.mark.parametrize("persona", sorted(SCENARIOS))
def test_no_hidden_content_reaches_the_persona(
    client, db, persona, lopend, django_capture_on_commit_callbacks
):
    scenario = SCENARIOS[persona]
    with django_capture_on_commit_callbacks(execute=True):
        urls, mdo = _dossier(lopend)
        betrek(persona, scenario, mdo)
    login_as(client, persona)
    with django_capture_on_commit_callbacks(execute=True):
        treffers = gevonden(client, urls, scenario.verborgen)
    assert treffers == [], f"{persona} ziet inhoud zonder toestemming: {treffers}"
    assert in_mails(persona.split()[0], scenario.verborgen) == []


def test_the_markers_are_there_for_the_school(client, db, django_capture_on_commit_callbacks):
    """The check can see: the school's coördinator finds every marker somewhere."""
    with django_capture_on_commit_callbacks(execute=True):
        urls, _ = _dossier("concept")
        # The gezinsplan attachment shows to the school only with the parents' consent to
        # share it (docs/opp.md, "Gezinsplan").
        gezinsplan_delen()
    login_verified(client, user_by_email("ib@demo.nl"))
    zichtbaar = {marker for _, marker, _ in gevonden(client, urls, ALLES)}
    alle = {m for groep in MARKERS.values() for m in groep}
    # The gezinsplan's file name shows only in the download's header.
    assert alle - zichtbaar == {MARKERS["opp"][7]}
