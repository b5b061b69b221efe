"""Bad input on the OPP's forms gets a Dutch message and changes nothing (issue 14).

A NUL byte in free text, a number beyond any column, an id that is no id, an end date
before the start date: each answers with a message on the OPP page, never a 500 (on
PostgreSQL a NUL byte in a text column was one).
"""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from opp.models import Inzet, Opp, OppDoel
from tests.opp.helpers import alle_tekenen
from tests.test_foutoverzicht import foutoverzicht

NUL = "Evaluatie\x00met een NUL"
# Ids and numbers that are not what a form sends: not a number, beyond every integer
# column, negative, a NUL byte.
ONGELDIGE_IDS = ["abc", "9" * 30, "-1", "1\x00", "1.5", ""]


@pytest.fixture
def opp(sam):
    return Opp.objects.get(leerling=sam, versie=1)


def _meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _post(client, naam: str, opp: Opp, data: dict):
    response = client.post(reverse(f"opp:{naam}", args=[opp.uuid]), data)
    assert response.status_code == 302, response.status_code
    return _meldingen(response)


def test_a_nul_byte_in_the_reason_for_a_new_version_is_refused_in_dutch(client, login, opp):
    alle_tekenen(opp)
    login("ib@demo.nl")
    meldingen = _post(client, "nieuwe_versie", opp, {"reden": "Bijstellen\x00"})
    assert any("Reden" in m and "niet toegestaan" in m for m in meldingen), meldingen
    assert not Opp.objects.filter(leerling=opp.leerling, versie=2).exists()


def test_a_missing_reason_for_a_new_version_still_gets_its_message(client, login, opp):
    alle_tekenen(opp)
    login("ib@demo.nl")
    meldingen = _post(client, "nieuwe_versie", opp, {})
    assert any("waarom" in m for m in meldingen), meldingen
    assert not Opp.objects.filter(leerling=opp.leerling, versie=2).exists()


def test_a_nul_byte_in_an_evaluation_is_refused_and_the_old_text_stays(client, login, opp):
    doel = opp.doelen.first()
    OppDoel.objects.filter(pk=doel.pk).update(evaluatie="Gaat goed")
    login("ib@demo.nl")
    meldingen = _post(client, "evaluatie_bewaren", opp, {"doel": doel.pk, "evaluatie": NUL})
    assert any("niet toegestaan" in m for m in meldingen), meldingen
    doel.refresh_from_db()
    assert doel.evaluatie == "Gaat goed"


@pytest.mark.parametrize("waarde", ONGELDIGE_IDS)
@pytest.mark.parametrize(
    ("naam", "veld", "melding"),
    [
        ("evaluatie_bewaren", "doel", "Dit doel bestaat niet (meer)."),
        ("doel_verwijderen", "doel", "Dit doel bestaat niet (meer)."),
        ("inzet_verwijderen", "inzet", "Deze inzet bestaat niet (meer)."),
        ("verzoek_intrekken", "ondertekening", "Dit verzoek bestaat niet (meer)."),
        ("opnieuw_vragen", "ondertekening", "Dit verzoek bestaat niet (meer)."),
    ],
)
def test_an_id_that_is_no_id_gets_the_not_found_message(
    client, login, opp, naam, veld, melding, waarde
):
    login("ib@demo.nl")
    doelen, inzet = opp.doelen.count(), Inzet.objects.filter(doel__opp=opp).count()
    assert melding in _post(client, naam, opp, {veld: waarde, "evaluatie": "x"})
    assert (opp.doelen.count(), Inzet.objects.filter(doel__opp=opp).count()) == (doelen, inzet)


def _inzet(doel: OppDoel, prefix: str = "") -> dict:
    velden = {
        "wat": "Begeleiding in de klas",
        "wie": "Mentor",
        "vanaf": "2025-05-01",
        "tot": "2025-04-01",
        "bekostiging": "onderwijs",
    }
    return {"doel": doel.pk, **{prefix + k: v for k, v in velden.items()}}


@pytest.mark.parametrize("oud_formulier", [False, True])
def test_an_inzet_ending_before_it_starts_names_the_field_in_dutch(
    client, login, opp, oud_formulier
):
    doel = opp.doelen.first()
    login("ib@demo.nl")
    voor = Inzet.objects.filter(doel=doel).count()
    data = _inzet(doel, f"doel{doel.pk}-" if oud_formulier else "")
    response = client.post(reverse("opp:inzet_toevoegen", args=[opp.uuid]), data, follow=True)
    # Shown again on the OPP page, the field marked and named (issue 16).
    _, links = foutoverzicht(response.content.decode())
    assert links == {"id_tot": "Tot en met: De einddatum ligt vóór de begindatum."}
    assert "inzet_tot_na_vanaf" not in response.content.decode()
    assert Inzet.objects.filter(doel=doel).count() == voor


@pytest.mark.parametrize("bewerkingen", ["9" * 30, "-1"])
def test_an_edit_count_beyond_the_column_is_a_form_error_not_a_save(
    client, login, opp, bewerkingen
):
    login("ib@demo.nl")
    data = {veld: getattr(opp, veld) or "" for veld in ("onderbouwing", "uitstroomprofiel")}
    response = client.post(
        reverse("opp:opp_bewerken", args=[opp.uuid]),
        {**data, "evaluatiedatum": date.today().isoformat(), "bewerkingen": bewerkingen},
    )
    assert response.status_code == 200
    assert "Deze pagina is verouderd of onvolledig." in response.content.decode()


@pytest.mark.parametrize("waarde", ONGELDIGE_IDS)
def test_signing_with_a_request_id_that_is_no_id_gets_a_message(client, login, opp, waarde):
    login("ouder@demo.nl")
    response = client.post(
        reverse("opp:ondertekenen", args=[opp.uuid]),
        {"ondertekening": waarde, "inhoud_hash": "a" * 64, "methode": "wachtwoord", "bewijs": "x"},
    )
    assert response.status_code in (302, 404)
    assert not opp.ondertekeningen.filter(status="getekend", ondertekenaar__email="ouder@demo.nl")


@pytest.mark.parametrize("naam", ["opp:organisaties_zoeken", "opp:opp_detail"])
def test_a_nul_byte_in_the_organisation_search_searches_for_nothing(client, login, opp, naam):
    login("ib@demo.nl")
    response = client.get(reverse(naam, args=[opp.uuid]), {"organisatie": "Zorg\x00boog"})
    assert response.status_code == 200
    assert "Geen organisatie gevonden" not in response.content.decode()
