"""Who pays what: the region's table of kinds of support and their payer beside the
OPP's choice of payer, and a warning the OPP page keeps when the choice contradicts it
(docs/jeugdhulp.md, "Wie betaalt wat")."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from opp import betalers
from opp.betalers import Ondersteuningsthema
from opp.domein import Bekostiging
from opp.inhoud import canoniek, handelingsdeel
from opp.models import Inzet, Opp

HANDREIKING_THEMAS = {
    Ondersteuningsthema.LEERPROBLEMEN,
    Ondersteuningsthema.INTELLIGENTIEONDERZOEK,
    Ondersteuningsthema.COACHING_OP_SCHOOL,
    Ondersteuningsthema.HUISWERKBEGELEIDING,
    Ondersteuningsthema.HOOGBEGAAFDHEID,
    Ondersteuningsthema.PERSOONLIJKE_VERZORGING,
}


@pytest.fixture
def opp(sam):
    return Opp.objects.get(leerling=sam, versie=1)


def _voeg_toe(client, opp, thema: str, bekostiging: str):
    return client.post(
        reverse("opp:inzet_toevoegen", args=[opp.uuid]),
        {
            "doel": opp.doelen.first().pk,
            "wat": "Plek in de overbruggingsklas",
            "wie": "School",
            "vanaf": "2026-12-01",
            "thema": thema,
            "bekostiging": bekostiging,
        },
    )


def test_every_kind_of_support_has_one_row_with_its_source():
    assert [rij.thema for rij in betalers.AFSPRAKEN] == list(Ondersteuningsthema)
    for rij in betalers.AFSPRAKEN:
        assert rij.citaat and rij.bron
        assert rij.betaler is None or rij.betaler in Bekostiging.values


def test_the_handreiking_themes_name_no_payer_and_link_the_handreiking():
    """Regionale afspraken Duin- en Bollenstreek names the fourth document only: "Denk
    hierbij aan: leerproblemen, intelligentie onderzoek, coaching op school,
    huiswerkbegeleiding, hoogbegaafdheid en persoonlijke verzorging." Its content is not
    there, so the table makes no claim on who pays for these themes."""
    for thema in HANDREIKING_THEMAS:
        rij = betalers.afspraak(thema)
        assert rij.betaler is None
        assert rij.link == betalers.HANDREIKING_URL
        assert rij.betaler_tekst == "Regionale handreiking: afspraak per thema"
        assert betalers.waarschuwing(thema, Bekostiging.ONDERWIJS) == ""
        assert betalers.waarschuwing(thema, Bekostiging.GEMEENTE) == ""


@pytest.mark.parametrize(
    ("thema", "betaler"),
    [
        # "Zo is het onderwijs verantwoordelijk voor een passende onderwijsplek (dit kan
        # ook een plek zijn ter overbrugging) en de daarmee gemoeide kosten."
        (Ondersteuningsthema.OVERBRUGGINGSPLEK, Bekostiging.ONDERWIJS),
        # "Indien begeleiding ingezet wordt als gevolg van het ontbreken van passende
        # jeugdhulp komen de kosten in principe voor rekening van de gemeentelijke
        # jeugdhulp."
        (Ondersteuningsthema.BEGELEIDING_OVERBRUGGING, Bekostiging.GEMEENTE),
        # "De gemeente is verantwoordelijk voor de inzet van jeugdhulp als bedoeld in het
        # handelingsdeel van het OPP"
        (Ondersteuningsthema.JEUGDHULP_HANDELINGSDEEL, Bekostiging.GEMEENTE),
        # "Indien er onderwijskundige begeleiding nodig is, dan zorgt de school hiervoor."
        (Ondersteuningsthema.ONDERWIJSKUNDIGE_BEGELEIDING, Bekostiging.ONDERWIJS),
        # Fasenmodel, ZOA: "tijdelijk onderwijs ... gefinancierd vanuit onderwijsmiddelen"
        (Ondersteuningsthema.ZOA_INGESCHREVEN, Bekostiging.ONDERWIJS),
        # Fasenmodel, no school registration: "gefinancierd vanuit zorgmiddelen"
        (Ondersteuningsthema.ZORG_NIET_INGESCHREVEN, Bekostiging.GEMEENTE),
        # Fasenmodel, OZA: "Gezamenlijke regie plan en bekostiging."
        (Ondersteuningsthema.OZA, Bekostiging.GEZAMENLIJK),
    ],
)
def test_the_rows_the_seeds_state_name_their_payer(thema, betaler):
    """Leidende principes 2: "Indien er vanwege wachtlijsten een overbruggingsperiode
    nodig is zijn gemeente en het onderwijs ieder vanuit hun wettelijke
    verantwoordelijkheden aan zet." """
    assert betalers.afspraak(thema).betaler == betaler
    assert betalers.waarschuwing(thema, betaler) == ""
    for ander in set(Bekostiging.values) - {betaler}:
        assert betalers.waarschuwing(thema, ander).startswith("Let op:")


def test_the_opp_page_shows_the_table_beside_the_choice_of_payer(client, login, opp):
    login("ib@demo.nl")
    html = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    keuze = html.index('name="bekostiging"')
    tabel = html.index("Wie betaalt wat? De regionale afspraken")
    assert keuze < tabel < html.index("Inzet toevoegen</button>")
    assert 'name="thema"' in html
    assert betalers.HANDREIKING_URL in html


def test_a_payer_against_the_table_is_saved_with_a_warning_the_page_keeps(client, login, opp):
    """The bridging place is education's: "het onderwijs verantwoordelijk voor een
    passende onderwijsplek (dit kan ook een plek zijn ter overbrugging) en de daarmee
    gemoeide kosten". Choosing the gemeente saves, warns, and the OPP keeps the warning."""
    login("ib@demo.nl")
    response = _voeg_toe(client, opp, "overbruggingsplek", "gemeente")
    assert response.status_code == 302
    meldingen = [str(m) for m in get_messages(response.wsgi_request)]
    assert "De inzet is toegevoegd." in meldingen
    assert any("het onderwijs (school / SWV)" in m and "Let op" in m for m in meldingen)
    inzet = Inzet.objects.get(wat="Plek in de overbruggingsklas")
    assert (inzet.thema, inzet.bekostiging) == ("overbruggingsplek", "gemeente")
    html = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    assert "Onderwijsplek ter overbrugging (wachtlijst)" in html
    assert "maar gekozen is de gemeente (jeugdhulp)" in html


def test_a_payer_as_agreed_gives_no_warning(client, login, opp):
    login("ib@demo.nl")
    response = _voeg_toe(client, opp, "overbruggingsplek", "onderwijs")
    assert not any("Let op" in str(m) for m in get_messages(response.wsgi_request))
    html = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    assert "maar gekozen is" not in html


def test_an_inzet_without_a_kind_keeps_the_hash_it_was_signed_with(opp):
    """Handelingsdelen signed before the kind existed keep their content and hash."""
    inzet = Inzet.objects.filter(doel__opp=opp, thema="").first()
    regels = [i for d in handelingsdeel(opp)["doelen"] for i in d["inzet"] if i["wat"] == inzet.wat]
    assert regels and "thema" not in regels[0]
    voor = canoniek(opp)
    inzet.thema = "oza"
    inzet.save()
    assert canoniek(opp) != voor


def test_the_pdf_names_the_kind_of_support(opp):
    """What parents sign names the kind of support where one was chosen."""
    from opp import pdf

    inhoud = pdf.html(opp)
    assert "Planbord en dagelijkse check-in (onderwijskundige begeleiding)" in inhoud
