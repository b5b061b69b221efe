"""The gezinsplan attachment of the OPP, with and without the parents' consent to share
it, for every persona (docs/opp.md, "Gezinsplan"; the status matrix has one row per URL
name, so the two states are here).

Holland Rijnland Methode, stap 2: "de medewerker toegang/medewerker wijkteam vraagt ouders
toestemming om informatie met school te delen".
"""

import pytest
from django.urls import reverse

from accounts.models import Informatiesoort, Toegangslog, Toestemming
from opp.models import Opp
from tests.accounts.permissiematrix.entries import (
    ANONIEM,
    IEDEREEN,
    OUDER_ZONDER_GEZAG,
    OUDERS,
)
from tests.accounts.permissiematrix.kwargs import gezinsplan_delen, gezinsplanbijlage_kwargs
from tests.accounts.permissiematrix.matrix import login_as

MET_GEZAG = OUDERS - {"ouder.andere@demo.nl"}  # Sam's parents with custody
SCHOOL = {"ib@demo.nl", "mentor@demo.nl"}


def _zonder_toestemming() -> None:
    """No consent to share Sam's gezinsplan with the school (the suite's baseline)."""
    assert not Toestemming.objects.filter(soort=Informatiesoort.GEZINSPLAN).exists()


def _verwacht(persona: str, toestemming: bool) -> int:
    if persona == ANONIEM:
        return 302
    if persona in MET_GEZAG:
        return 200
    if persona in SCHOOL and toestemming:
        return 200
    return 404


@pytest.mark.parametrize("toestemming", [True, False], ids=["met", "zonder"])
@pytest.mark.parametrize("persona", [*IEDEREEN, OUDER_ZONDER_GEZAG])
def test_the_gezinsplan_attachment_only_with_consent_to_share_it(client, db, persona, toestemming):
    """Misreading 7. Holland Rijnland Methode, stap 2: "de medewerker toegang/medewerker
    wijkteam vraagt ouders toestemming om informatie met school te delen". Before, every
    school role that read the OPP, the mentor too, downloaded the gezinsplan."""
    kwargs = gezinsplanbijlage_kwargs()
    if toestemming:
        gezinsplan_delen()
    else:
        _zonder_toestemming()
    if persona != ANONIEM:
        login_as(client, persona)
    voor = Toegangslog.objects.count()
    response = client.get(reverse("opp:bijlage_downloaden", kwargs=kwargs))
    assert response.status_code == _verwacht(persona, toestemming), persona
    # A 404 writes no access-log row; a download writes one.
    assert Toegangslog.objects.count() - voor == (1 if response.status_code == 200 else 0)


def test_without_consent_the_school_sees_only_that_there_is_a_gezinsplan(client, db):
    """Holland Rijnland Methode, stap 2: "de medewerker toegang/medewerker wijkteam vraagt
    ouders toestemming om informatie met school te delen"."""
    kwargs = gezinsplanbijlage_kwargs()
    _zonder_toestemming()
    opp = Opp.objects.get(leerling__voornaam="Sam", versie=1)
    login_as(client, "mentor@demo.nl")
    pagina = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    assert "Gezinsplan (geen toestemming om te delen)" in pagina
    assert reverse("opp:bijlage_downloaden", kwargs=kwargs) not in pagina
    assert "de inhoud alleen met toestemming van de ouders" in pagina  # the plan's regie line
    login_as(client, "ouder@demo.nl")
    pagina = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    assert reverse("opp:bijlage_downloaden", kwargs=kwargs) in pagina
    assert "Gezinsplan bekijken" in pagina


def test_the_pdf_lists_the_gezinsplan_only_when_consent_covers_the_reader(db):
    from opp.pdf import html

    gezinsplanbijlage_kwargs()
    opp = Opp.objects.get(leerling__voornaam="Sam", versie=1)
    assert "gezinsplan.pdf" not in html(opp, gezinsplan_gedeeld=False)
    assert "gezinsplan.pdf" in html(opp, gezinsplan_gedeeld=True)
