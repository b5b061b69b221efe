"""Accessible errors (issue 16, part 3): after a failed submit the page has one error
summary with a link to each wrong field, and each wrong field has aria-invalid and
aria-describedby naming an element that holds its message; before a submit, none of it.

Also for forms that post to an action and return to the page by a redirect (signing the
OPP, the TLV decision): the form shows again there with the field marked, instead of a
message at the top that does not say which field (accounts/invoer.py, `herstel`)."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models.formulieren import Formulierinzending
from arrangeren.tlv.demo import DEMO_TLV_AFGEWEZEN, DEMO_TLV_IN_BEHANDELING
from arrangeren.tlv.models import TlvAanvraag
from opp.inhoud import canoniek, sha256
from opp.models import Ondertekening, Opp
from tests.accounts.permissiematrix.kwargs import mdo_kwargs
from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam
from tests.arrangeren.test_niet_dubbel import (
    ib,  # noqa: F401 (a fixture)
    traject,  # noqa: F401 (a fixture)
)
from tests.conftest import user_by_email

LEGE_ELEMENTEN = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "area"}


class Pagina(HTMLParser):
    """Every element of a page: its tag, attributes and the text inside it."""

    def __init__(self, html: str):
        super().__init__()
        self.elementen: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "tekst": ""}
        self.elementen.append(element)
        if tag not in LEGE_ELEMENTEN:
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["tekst"] += data

    def met_id(self, id_: str) -> dict | None:
        gevonden = [e for e in self.elementen if e["attrs"].get("id") == id_]
        assert len(gevonden) <= 1, f"id {id_} staat {len(gevonden)} keer op de pagina"
        return gevonden[0] if gevonden else None

    def ongeldig(self) -> list[dict]:
        return [e for e in self.elementen if e["attrs"].get("aria-invalid") == "true"]


def foutoverzicht(html: str) -> tuple[Pagina, dict[str, str]]:
    """The page and its summary's links: target id → text. Asserts the summary is there
    once, is an alert that can take the focus, and each link goes to an existing field."""
    pagina = Pagina(html)
    overzicht = pagina.met_id("foutoverzicht")
    assert overzicht is not None, "geen foutoverzicht"
    assert overzicht["attrs"].get("role") == "alert"
    assert overzicht["attrs"].get("tabindex") == "-1"
    assert "Er ging iets mis" in overzicht["tekst"]
    assert html.count('class="utrecht-alert utrecht-alert--error foutoverzicht"') == 1
    begin = html.index('id="foutoverzicht"')
    deel = Pagina(html[begin : html.index("</ul>", begin)])
    links = {
        e["attrs"]["href"][1:]: " ".join(e["tekst"].split())
        for e in deel.elementen
        if e["tag"] == "a" and e["attrs"].get("href", "").startswith("#")
    }
    for doel in links:
        veld = pagina.met_id(doel)
        assert veld is not None and veld["tag"] in ("input", "select", "textarea"), doel
    return pagina, links


def gemarkeerd(pagina: Pagina, veld_id: str, melding: str, *, groep: bool = False) -> None:
    """The field is aria-invalid and (it, or its fieldset for a group) is described by an
    element holding the message."""
    veld = pagina.met_id(veld_id)
    assert veld is not None and veld["attrs"].get("aria-invalid") == "true", veld_id
    if groep:
        naam = veld["attrs"]["name"]
        beschreven = next(
            e
            for e in pagina.elementen
            if e["tag"] == "fieldset"
            and f"{veld_id.rsplit('_', 1)[0]}_error" in e["attrs"].get("aria-describedby", "")
        )
        assert all(
            e["attrs"].get("aria-invalid") == "true"
            for e in pagina.elementen
            if e["tag"] == "input" and e["attrs"].get("name") == naam
        )
    else:
        beschreven = veld
    ids = beschreven["attrs"].get("aria-describedby", "").split()
    teksten = [" ".join((pagina.met_id(i) or {"tekst": ""})["tekst"].split()) for i in ids]
    assert any(melding in t for t in teksten), (ids, teksten)


def zonder_fouten(html: str) -> None:
    pagina = Pagina(html)
    assert pagina.met_id("foutoverzicht") is None
    assert pagina.ongeldig() == []


def test_login_with_nothing_filled_in_has_a_summary_and_marked_fields(client, db):
    url = reverse("accounts:login")
    leeg = client.get(url).content.decode()
    zonder_fouten(leeg)
    assert "autofocus" in leeg
    response = client.post(url, {"username": "", "password": ""})
    # The summary takes the focus (static/js/fouten.js): no field takes it back.
    assert "autofocus" not in response.content.decode()
    pagina, links = foutoverzicht(response.content.decode())
    assert set(links) == {"id_username", "id_password"}
    assert links["id_username"].startswith("E-mailadres: ")
    gemarkeerd(pagina, "id_username", links["id_username"].removeprefix("E-mailadres: "))
    gemarkeerd(pagina, "id_password", links["id_password"].removeprefix("Wachtwoord: "))


@pytest.fixture
def opp(sam):
    """Sam's demo OPP, waiting for the parents' signatures."""
    return Opp.objects.get(leerling=sam, versie=1)


def _teken(client, opp, **velden):
    verzoek = opp.ondertekeningen.get(ondertekenaar__email="ouder@demo.nl", status="gevraagd")
    data = {"ondertekening": verzoek.pk, "inhoud_hash": sha256(canoniek(opp)), **velden}
    return client.post(reverse("opp:ondertekenen", args=[opp.uuid]), data, follow=True)


def test_a_parent_signing_without_password_sees_which_field_and_nothing_is_signed(
    client, login, opp
):
    login("ouder@demo.nl")
    detail = reverse("opp:opp_detail", args=[opp.uuid])
    zonder_fouten(client.get(detail).content.decode())

    html = _teken(client, opp, methode="wachtwoord", bewijs="").content.decode()
    pagina, links = foutoverzicht(html)
    assert links == {"id_bewijs": "Uw wachtwoord of de code: Vul uw wachtwoord of de code in."}
    gemarkeerd(pagina, "id_bewijs", "Vul uw wachtwoord of de code in.")
    assert "Dit veld is verplicht." not in html
    # The chosen method is still chosen; the message is not also at the top.
    assert "checked" in pagina.met_id("id_methode_0")["attrs"]
    assert 'class="messages"' not in html

    # Shown once: the next visit of the page is clean again.
    zonder_fouten(client.get(detail).content.decode())
    assert not opp.ondertekeningen.filter(status=Ondertekening.Status.GETEKEND).exists()


def test_a_wrong_password_is_an_error_of_the_password_field(client, login, opp):
    login("ouder@demo.nl")
    html = _teken(client, opp, methode="wachtwoord", bewijs="fout").content.decode()
    pagina, links = foutoverzicht(html)
    assert list(links) == ["id_bewijs"]
    gemarkeerd(pagina, "id_bewijs", "Het wachtwoord klopt niet. Er is niets ondertekend.")


def test_niet_akkoord_without_a_reason_opens_the_form_with_the_reason_marked(client, login, opp):
    login("ouder@demo.nl")
    # The "niet akkoord" form posts prefixed fields; the page's own hidden ones as well.
    verzoek = opp.ondertekeningen.get(ondertekenaar__email="ouder@demo.nl")
    data = {"na-ondertekening": verzoek.pk, "na-inhoud_hash": sha256(canoniek(opp))}
    html = client.post(
        reverse("opp:ondertekenen", args=[opp.uuid]), {**data, "na-reden": ""}, follow=True
    ).content.decode()
    pagina, links = foutoverzicht(html)
    assert links == {
        "id_na-reden": "Waarom bent u niet akkoord?: Schrijf waarom u niet akkoord bent."
    }
    gemarkeerd(pagina, "id_na-reden", "Schrijf waarom u niet akkoord bent.")
    assert "<details open>" in html
    verzoek.refresh_from_db()
    assert verzoek.status == Ondertekening.Status.GEVRAAGD


def test_the_tlv_decision_without_choice_or_motivation_marks_both_fields(client, login, db):
    aanvraag = TlvAanvraag.objects.get(uuid=DEMO_TLV_IN_BEHANDELING)
    login("swv@demo.nl")
    detail = reverse("arrangeren:tlv_detail", args=[aanvraag.uuid])
    zonder_fouten(client.get(detail).content.decode())

    url = reverse("arrangeren:tlv_beslissen", args=[aanvraag.uuid])
    response = client.post(url, {"besluit": "", "motivering": "  "}, follow=True)
    pagina, links = foutoverzicht(response.content.decode())
    assert links == {
        "id_besluit_0": "Besluit: Kies of u de toelaatbaarheidsverklaring toekent of afwijst.",
        "id_motivering": "Motivering van het besluit: "
        "Schrijf waarom u zo besluit; de motivering komt in de brief.",
    }
    gemarkeerd(pagina, "id_besluit_0", "toekent of afwijst", groep=True)
    gemarkeerd(pagina, "id_motivering", "Schrijf waarom u zo besluit")
    aanvraag.refresh_from_db()
    assert not aanvraag.is_besloten


def test_the_mdo_form_sent_empty_links_each_required_field(client, login, traject):  # noqa: F811
    login("ib@demo.nl")
    url = reverse("arrangeren:mdo_plannen", args=[traject.uuid])
    zonder_fouten(client.get(url).content.decode())
    response = client.post(url, {"doel": "", "planning": ""})
    assert response.status_code == 200
    pagina, links = foutoverzicht(response.content.decode())
    assert {"id_doel", "id_planning_0"} <= set(links), links
    for doel, tekst in links.items():
        melding = tekst.split(": ", 1)[1]
        gemarkeerd(pagina, doel, melding, groep=doel.endswith("_0"))


def test_a_refused_objection_shows_again_and_its_form_token_is_given_back(client, login, db):
    aanvraag = TlvAanvraag.objects.get(uuid=DEMO_TLV_AFGEWEZEN)
    login("swv@demo.nl")
    url = reverse("arrangeren:tlv_bezwaar_registreren", args=[aanvraag.uuid])
    token = "6f1c1c4e-9d1e-4a57-8a43-1b2f9b0c7e11"
    data = {"ontvangen_op": "", "indiener": "Moeder", "omschrijving": "", "formuliertoken": token}
    response = client.post(url, data, follow=True)
    pagina, links = foutoverzicht(response.content.decode())
    assert set(links) == {"id_ontvangen_op", "id_omschrijving"}
    gemarkeerd(pagina, "id_ontvangen_op", "Vul de datum in waarop het bezwaar binnenkwam.")
    assert pagina.met_id("id_indiener")["attrs"].get("value") == "Moeder"  # kept
    assert not aanvraag.bezwaren.exists()
    # Refused: the same form may be sent again after the correction (accounts/eenmalig.py).
    assert not Formulierinzending.objects.filter(token=token).exists()


def test_the_mdo_page_shows_a_refused_invitee_or_upload_at_its_field(client, login, db):
    url = reverse("arrangeren:mdo_detail", kwargs=mdo_kwargs())
    login("ib@demo.nl")
    zonder_fouten(client.get(url).content.decode())

    response = client.post(url, {"actie": "genodigde_toevoegen"}, follow=True)
    pagina, links = foutoverzicht(response.content.decode())
    assert links == {"id_lidmaatschap": "Persoon: Kies een persoon om uit te nodigen."}
    gemarkeerd(pagina, "id_lidmaatschap", "Kies een persoon om uit te nodigen.")

    response = client.post(url, {"actie": "stuk_uploaden", "titel": "Verslag"}, follow=True)
    pagina, links = foutoverzicht(response.content.decode())
    assert links == {"id_bestand": "Bestand: Kies een bestand om te uploaden."}
    gemarkeerd(pagina, "id_bestand", "Kies een bestand om te uploaden.")
    assert pagina.met_id("id_titel")["attrs"].get("value") == "Verslag"


def test_hours_without_a_number_show_again_at_the_field_not_unnamed_at_the_top(client, login, db):
    inzet = begeleiding(traject_met_jeugdteam(), start=timezone.localdate() - timedelta(days=60))
    login("jeugdteam@demo.nl")
    url = reverse("arrangeren:jeugdhulp_detail", args=[inzet.uuid])
    zonder_fouten(client.get(url).content.decode())
    response = client.post(
        reverse("arrangeren:jeugdhulp_uren", args=[inzet.uuid]),
        {"week": timezone.localdate().isoformat(), "uren": "", "toelichting": "Thuis"},
        follow=True,
    )
    pagina, links = foutoverzicht(response.content.decode())
    assert list(links) == ["id_uren"]
    assert links["id_uren"].startswith("Geleverde uren: ")
    gemarkeerd(pagina, "id_uren", links["id_uren"].removeprefix("Geleverde uren: "))
    assert 'class="messages"' not in response.content.decode()
    assert not inzet.uren.exists()


def test_a_wrong_new_address_for_a_parent_names_whose_address_it_is(client, login, db):
    ouder = user_by_email("ouder@demo.nl")
    login("schoolbeheer@demo.nl")
    data = {"actie": "email", "ouder": ouder.pk, "email": "geen-adres"}
    response = client.post(reverse("accounts:ouders"), data, follow=True)
    assert f"E-mailadres van {ouder.naam}: " in response.content.decode()
    assert user_by_email("ouder@demo.nl").email == "ouder@demo.nl"


def test_closing_a_traject_without_a_reason_opens_the_form_again(client, login, traject):  # noqa: F811
    login("ib@demo.nl")
    detail = reverse("arrangeren:traject_detail", args=[traject.uuid])
    zonder_fouten(client.get(detail).content.decode())
    data = {"reden": "", "versie": traject.versie}
    response = client.post(
        reverse("arrangeren:traject_afsluiten", args=[traject.uuid]), data, follow=True
    )
    html = response.content.decode()
    pagina, links = foutoverzicht(html)
    melding = "Geef een reden om het traject af te sluiten."
    assert links == {"id_reden": f"Reden van afsluiten: {melding}"}
    gemarkeerd(pagina, "id_reden", melding)
    assert '<details class="card" open>' in html
    traject.refresh_from_db()
    assert traject.is_open
