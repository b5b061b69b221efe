"""Drafting the OPP: versions, diffs, concurrent edits, takeover, PDF, legal timers, portal."""

import logging
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Leerling, Toegangslog
from opp import services, termijnen
from opp.inhoud import canoniek, sha256
from opp.models import Ondertekening, Opp
from opp.pdf import FONT_DIR, NetwerkGeweigerd, _controleer, html, render_pdf
from tests.conftest import user_by_email
from tests.factories import GezagFactory, LeerlingFactory
from tests.opp.helpers import alle_tekenen


@pytest.fixture
def opp(sam):
    return Opp.objects.get(leerling=sam, versie=1)


def test_two_tabs_saving_at_once_the_second_gets_a_conflict_page_that_shows_what_changed(
    client, login, opp
):
    login("ib@demo.nl")
    url = reverse("opp:opp_bewerken", args=[opp.uuid])
    basis = {veld: getattr(opp, veld) or "" for veld in services.OPP_VELDEN}
    basis["evaluatiedatum"] = opp.evaluatiedatum.isoformat()
    basis["bewerkingen"] = opp.bewerkingen
    eerste = client.post(url, {**basis, "bevorderende_factoren": "Tab één: sportief en grappig"})
    assert eerste.status_code == 302
    tweede = client.post(url, {**basis, "bevorderende_factoren": "Tab twee: mijn eigen tekst"})
    assert tweede.status_code == 409
    inhoud = tweede.content.decode()
    assert "Wat er intussen is veranderd" in inhoud
    assert "Tab één: sportief en grappig" in inhoud  # what the other tab saved
    assert "Tab twee: mijn eigen tekst" in inhoud  # and nothing of this tab is lost
    opp.refresh_from_db()
    assert opp.bevorderende_factoren == "Tab één: sportief en grappig"


def test_an_over_long_text_is_refused_in_dutch_and_nothing_is_saved(opp):
    with pytest.raises(ValidationError, match="te lang"):
        services.bewaar_opp(
            opp,
            {"onderbouwing": "x" * (services.MAX_TEKST + 1)},
            door=user_by_email("ib@demo.nl"),
            bewerkingen=opp.bewerkingen,
        )
    opp.refresh_from_db()
    assert len(opp.onderbouwing) < services.MAX_TEKST


def test_a_new_version_copies_the_plan_and_the_diff_shows_the_change(opp):
    alle_tekenen(opp)
    assert opp.status == Opp.Status.VASTGESTELD
    ib = user_by_email("ib@demo.nl")
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.bewaar_opp(opp, {"afwijkingen": "x"}, door=ib, bewerkingen=opp.bewerkingen)
    nieuw = services.nieuwe_versie(opp, door=ib, reden="Evaluatie: meer uren begeleiding")
    assert (nieuw.versie, nieuw.status) == (2, Opp.Status.CONCEPT)
    assert nieuw.doelen.count() == opp.doelen.count()
    assert sum(d.inzet.count() for d in nieuw.doelen.all()) == 3
    nieuw = services.bewaar_opp(
        nieuw, {"afwijkingen": "Drie ochtenden per week"}, door=ib, bewerkingen=nieuw.bewerkingen
    )
    verschillen = services.vergelijk(opp, nieuw)
    assert [v.onderdeel for v in verschillen] == ["Afwijkingen van het programma"]
    assert any("Drie ochtenden" in r for r in verschillen[0].regels)
    # Once version 2 is signed, version 1 is replaced but kept.
    services.verstuur_ter_ondertekening(nieuw, door=ib)
    alle_tekenen(nieuw)
    opp.refresh_from_db()
    assert (opp.status, nieuw.status) == (Opp.Status.VERVANGEN, Opp.Status.VASTGESTELD)


def test_the_pdf_holds_every_section_and_is_a_real_pdf(opp, caplog):
    alle_tekenen(opp)
    caplog.set_level(logging.WARNING, logger="weasyprint")
    inhoud = html(opp)
    for tekst in (
        "Basisschool De Regenboog",
        "Sam de Vries",
        "Handelingsdeel",
        "Sam herkent spanning",
        "Time-outplek en -kaart in de klas",
        "Gemeente (jeugdhulp)",
        "Ellen de Vries",
        "opnieuw ingelogd met wachtwoord",
        sha256(canoniek(opp)),
        'counter(page) " van " counter(pages)',
        "Versie 1",
    ):
        assert tekst in inhoud, tekst
    pdf = render_pdf(opp)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 5000
    # A missing font or a refused resource would be logged as a warning.
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_the_pdf_never_fetches_from_the_network():
    with pytest.raises(NetwerkGeweigerd):
        _controleer("https://fonts.example/font.woff")
    with pytest.raises(NetwerkGeweigerd):
        _controleer("file:///etc/passwd")
    _controleer((FONT_DIR / "source-sans-3-400.woff").as_uri())  # the bundled font is fine


def test_a_remote_image_in_the_template_stops_the_pdf_instead_of_fetching(opp, settings):
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from opp.pdf import _fetcher

    with pytest.raises(FatalURLFetchingError):
        HTML(string='<img src="https://example.org/x.png">', url_fetcher=_fetcher()).write_pdf()


def test_downloading_the_pdf_is_logged_as_printing(client, login, opp, sam):
    login("ouder@demo.nl")
    response = client.get(reverse("opp:opp_pdf", args=[opp.uuid]))
    assert response["Content-Type"] == "application/pdf"
    regel = Toegangslog.objects.filter(leerling=sam).order_by("-pk").first()
    assert (regel.actie, regel.onderdeel) == (Toegangslog.Actie.AFDRUKKEN, "OPP (pdf)")


def test_taking_over_the_mdo_report_fills_the_plan_without_typing_twice(sam):
    from arrangeren.route.models import Mdoverslag, Traject
    from arrangeren.route.services import neem_over_in_opp, open_traject
    from arrangeren.route.stappen import Voorwaarde
    from tests.arrangeren.route_helpers import naar_stap_2, plan_en_nodig_uit, schrijf_verslag

    Opp.objects.filter(leerling=sam).delete()
    from accounts.models import Lidmaatschap

    lid = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    traject = open_traject(
        leerling=sam, door=lid.user, namens=lid, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    naar_stap_2(traject, lid.user)
    plan_en_nodig_uit(traject, lid.user)
    schrijf_verslag(Traject.objects.get(pk=traject.pk), lid.user, vaststellen=True)
    verslag = Mdoverslag.objects.get(mdo__traject=traject)
    opp = neem_over_in_opp(verslag, door=lid.user)
    assert opp.ondersteuningsbehoeften == "Tekst voor ondersteuningsbehoeften"
    assert opp.evaluatiedatum == verslag.evaluatiedatum
    assert "Drukte" in opp.visie_leerling  # the pupil's own view from the leerlinggesprek
    doel = opp.doelen.get()
    assert (doel.omschrijving, doel.inzet.get().wat) == ("Rust", "Time-out plek")
    with pytest.raises(ValidationError, match="al overgenomen"):
        neem_over_in_opp(verslag, door=lid.user)
    assert Opp.objects.filter(leerling=sam).count() == 1


def test_legal_timers_show_overdue_evaluation_and_a_missing_opp_after_placement(sam, opp):
    alle_tekenen(opp)
    Opp.objects.filter(pk=opp.pk).update(evaluatiedatum=date.today() - timedelta(days=1))
    sbo = LeerlingFactory(school__sector="SBO", ingeschreven_op=date.today() - timedelta(weeks=7))
    GezagFactory(leerling=sbo)
    op_tijd = LeerlingFactory(school=sbo.school, ingeschreven_op=date.today() - timedelta(weeks=5))
    overdue = termijnen.achterstallig(Leerling.objects.filter(pk__in=[sam.pk, sbo.pk, op_tijd.pk]))
    assert [o.leerling for o in overdue["evaluatiedatum"]] == [sam]
    assert overdue["plaatsing"] == [sbo]
    # Vastgesteld last school year and not evaluated since: overdue this school year.
    Opp.objects.filter(pk=opp.pk).update(
        vastgesteld_op=timezone.now() - timedelta(days=400), evaluatiedatum=None
    )
    overdue = termijnen.achterstallig(Leerling.objects.filter(pk=sam.pk))
    assert [o.leerling for o in overdue["schooljaar"]] == [sam]


def test_parents_see_who_may_look_and_who_looked(client, login, sam, opp):
    login("mentor@demo.nl")
    client.get(reverse("opp:opp_detail", args=[opp.uuid]))
    login("ouder@demo.nl")
    inhoud = client.get(reverse("accounts:leerling_detail", args=[sam.uuid])).content.decode()
    assert "Wie heeft het dossier bekeken" in inhoud
    assert "OPP" in inhoud and user_by_email("mentor@demo.nl").naam in inhoud
    assert "Wie mag meekijken door uw toestemming" in inhoud


def test_a_tampered_hidden_field_signs_nothing(client, login, opp):
    login("ouder@demo.nl")
    eigen = opp.ondertekeningen.get(ondertekenaar__email="ouder@demo.nl")
    ander = opp.ondertekeningen.get(ondertekenaar__email="ouder2@demo.nl")
    url = reverse("opp:ondertekenen", args=[opp.uuid])
    goed = {"methode": "wachtwoord", "bewijs": "demo", "inhoud_hash": sha256(canoniek(opp))}
    response = client.post(url, {**goed, "ondertekening": ander.pk}, follow=True)
    assert "alleen voor uzelf" in response.content.decode()
    response = client.post(
        url, {**goed, "ondertekening": eigen.pk, "inhoud_hash": "0" * 64}, follow=True
    )
    assert "gewijzigd nadat u het opende" in response.content.decode()
    response = client.post(url, {**goed, "ondertekening": "abc"}, follow=True)
    assert response.status_code == 200
    assert not opp.ondertekeningen.filter(status=Ondertekening.Status.GETEKEND).exists()


def test_parent_writes_her_view_without_voiding_signatures(client, login, opp):
    login("ouder@demo.nl")
    response = client.post(
        reverse("opp:visie_ouders", args=[opp.uuid]),
        {"visie_ouders": "Wij zien thuis dezelfde spanning.", "bewerkingen": opp.bewerkingen},
        follow=True,
    )
    assert "Uw visie is opgeslagen" in response.content.decode()
    opp.refresh_from_db()
    assert opp.visie_ouders == "Wij zien thuis dezelfde spanning."
    assert not opp.ondertekeningen.filter(status=Ondertekening.Status.VERVALLEN).exists()


def test_the_jeugdteam_reads_the_opp_only_with_consent_for_opp_inzage(client, login, sam, opp):
    from accounts.models import Informatiesoort, Organisatie
    from accounts.services import beantwoord_toestemming, vraag_toestemming

    url = reverse("opp:opp_detail", args=[opp.uuid])
    org = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    ib = user_by_email("ib@demo.nl")
    for rij in vraag_toestemming(
        sam, door=ib, ontvanger_organisatie=org, soorten=[Informatiesoort.MDO_DEELNAME]
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    login("jeugdteam@demo.nl")
    assert client.get(url).status_code == 404  # sees Sam, but not the OPP
    for rij in vraag_toestemming(
        sam, door=ib, ontvanger_organisatie=org, soorten=[Informatiesoort.OPP_INZAGE]
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    assert client.get(url).status_code == 200


def test_a_goal_evaluation_is_kept_without_voiding_signatures(opp):
    doel = opp.doelen.first()
    services.bewaar_evaluatie(
        doel, "Lukt in 3 van de 5 gevallen.", door=user_by_email("ib@demo.nl")
    )
    doel.refresh_from_db()
    assert doel.evaluatie == "Lukt in 3 van de 5 gevallen."
    assert not opp.ondertekeningen.filter(status=Ondertekening.Status.VERVALLEN).exists()
