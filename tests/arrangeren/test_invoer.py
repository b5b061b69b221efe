"""Bad input on the route, TLV and jeugdhulp forms gets a Dutch message and changes
nothing (issue 14): a NUL byte in free text (a 500 on PostgreSQL), an id beyond every
column (an OverflowError on SQLite), an end date before the start date (a KeyError on
the report page), ids that are no ids and missing fields."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.models import Informatiesoort, Lidmaatschap, Organisatie, Toestemming
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.route import services
from arrangeren.route.models import Afspraak, Mdo, Mdoverslag
from arrangeren.route.services import open_traject, plan_mdo, voeg_genodigde_toe
from arrangeren.route.stappen import Voorwaarde
from arrangeren.route.uitkomsten import laatste_verslag
from arrangeren.tlv import services as tlv_services
from arrangeren.tlv.regels import Status as TlvStatus
from opp.models import Opp
from tests.arrangeren.jeugdhulp_helpers import traject_met_jeugdteam
from tests.arrangeren.route_helpers import naar_stap_2, plan_en_nodig_uit, schrijf_verslag
from tests.arrangeren.tlv_helpers import aanvraag_met_dossier
from tests.conftest import user_by_email
from tests.test_foutoverzicht import foutoverzicht

NUL_FOUT = "Null-tekens zijn niet toegestaan."
ONGELDIGE_IDS = ["abc", "9" * 30, "-1", "1\x00", ""]


def _meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def ib(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def traject(sam, ib):
    traject = open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    return naar_stap_2(traject, ib.user)


@pytest.fixture
def mdo(traject, ib):
    start = timezone.now() + timedelta(days=10)
    return plan_mdo(
        traject,
        {"doel": "Plan maken", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
        door=ib.user,
    )


def _verslag_post(client, mdo: Mdo, data: dict) -> list[str]:
    response = client.post(reverse("arrangeren:verslag", args=[mdo.uuid]), data)
    assert response.status_code == 302, response.status_code
    return _meldingen(response)


def _mdo_post(client, mdo: Mdo, data: dict) -> list[str]:
    response = client.post(reverse("arrangeren:mdo_detail", args=[mdo.uuid]), data)
    assert response.status_code == 302, response.status_code
    return _meldingen(response)


# The MDO report ---------------------------------------------------------------------------


def test_an_afspraak_ending_before_it_starts_names_the_field_in_dutch(client, login, traject, ib):
    mdo = plan_en_nodig_uit(traject, ib.user)
    doel = services.voeg_doel_toe(
        laatste_verslag(mdo),
        door=ib.user,
        domein="emotieregulatie",
        soort="beide",
        omschrijving="R",
    )
    login("ib@demo.nl")
    p = f"doel{doel.pk}-"
    response = client.post(
        reverse("arrangeren:verslag", args=[mdo.uuid]),
        {
            "actie": "afspraak_toevoegen",
            "doel": doel.pk,
            p + "inzet": "Time-out plek",
            p + "uitvoerder": "Mentor",
            p + "vanaf": "2026-05-01",
            p + "tot": "2026-04-01",
        },
        follow=True,
    )
    # The goal's inzet form opens again with the end date marked and named (issue 16).
    _, links = foutoverzicht(response.content.decode())
    assert links == {f"id_{p}tot": "Tot en met: De einddatum ligt vóór de begindatum."}
    assert not Afspraak.objects.filter(doel=doel).exists()


def test_a_nul_byte_in_the_reason_for_a_new_report_version_is_refused(client, login, traject, ib):
    plan_en_nodig_uit(traject, ib.user)
    schrijf_verslag(traject, ib.user, vaststellen=True)
    mdo = traject.mdos.get()
    login("ib@demo.nl")
    meldingen = _verslag_post(client, mdo, {"actie": "nieuwe_versie", "reden": "Nieuw\x00"})
    assert f"Reden: {NUL_FOUT}" in meldingen
    assert Mdoverslag.objects.filter(mdo=mdo).count() == 1


@pytest.mark.parametrize("waarde", ONGELDIGE_IDS)
@pytest.mark.parametrize(
    ("actie", "veld", "melding"),
    [
        ("doel_verwijderen", "doel", "Dit doel bestaat niet (meer)."),
        ("afspraak_toevoegen", "doel", "Dit doel bestaat niet (meer)."),
        ("afspraak_verwijderen", "afspraak", "Deze inzet bestaat niet (meer)."),
    ],
)
def test_a_report_action_with_an_id_that_is_no_id_gets_the_not_found_message(
    client, login, mdo, ib, actie, veld, melding, waarde
):
    services.verstuur_uitnodigingen(mdo, door=ib.user)
    login("ib@demo.nl")
    assert melding in _verslag_post(client, mdo, {"actie": actie, veld: waarde})


@pytest.mark.parametrize("bewerkingen", ["9" * 30, "-1", "", "nee"])
def test_fixing_the_report_with_a_count_that_is_no_count_says_the_page_is_old(
    client, login, mdo, ib, bewerkingen
):
    services.verstuur_uitnodigingen(mdo, door=ib.user)
    login("ib@demo.nl")
    meldingen = _verslag_post(client, mdo, {"actie": "vaststellen", "bewerkingen": bewerkingen})
    assert any("verouderd" in m for m in meldingen), meldingen
    assert laatste_verslag(mdo).is_concept


# The MDO page -----------------------------------------------------------------------------


def test_a_nul_byte_in_the_reason_to_cancel_an_mdo_is_refused(client, login, mdo):
    login("ib@demo.nl")
    meldingen = _mdo_post(client, mdo, {"actie": "annuleren", "reden": "Ziek\x00"})
    assert f"Reden: {NUL_FOUT}" in meldingen
    mdo.refresh_from_db()
    assert mdo.status != Mdo.Status.GEANNULEERD


@pytest.mark.parametrize("waarde", ONGELDIGE_IDS)
@pytest.mark.parametrize(
    ("actie", "veld", "melding"),
    [
        ("genodigde_verwijderen", "genodigde", "Deze genodigde staat niet (meer) op de lijst."),
        ("tijd_kiezen", "tijdslot", "Kies een van de voorgestelde tijden."),
    ],
)
def test_an_mdo_action_with_an_id_that_is_no_id_gets_its_message(
    client, login, mdo, actie, veld, melding, waarde
):
    login("ib@demo.nl")
    assert melding in _mdo_post(client, mdo, {"actie": actie, veld: waarde, "versie": "1"})


def test_choosing_a_time_with_a_version_beyond_the_column_says_the_page_is_old(
    client, login, mdo, ib
):
    start = timezone.now() + timedelta(days=20)
    # Times are proposed only while the MDO's own time is open.
    Mdo.objects.filter(pk=mdo.pk).update(start=None, eind=None, planning=Mdo.Planning.KIEZEN)
    services.stel_tijdsloten_voor(mdo, [(start, start + timedelta(hours=1))], door=ib.user)
    slot = mdo.tijdsloten.get()
    login("ib@demo.nl")
    meldingen = _mdo_post(
        client, mdo, {"actie": "tijd_kiezen", "tijdslot": slot.pk, "versie": "9" * 30}
    )
    assert any("verouderd" in m for m in meldingen), meldingen
    mdo.refresh_from_db()
    assert mdo.start != slot.start


def test_asking_consent_for_an_unknown_kind_asks_nothing(client, login, mdo, sam):
    login("ib@demo.nl")
    voor = Toestemming.objects.filter(leerling=sam).count()
    meldingen = _mdo_post(client, mdo, {"actie": "toestemming_vragen", "soorten": "alles\x00"})
    assert "Kies waarvoor u de ouders om toestemming vraagt." in meldingen
    assert Toestemming.objects.filter(leerling=sam).count() == voor


def test_an_answer_that_is_neither_coming_nor_not_is_not_taken_as_not_coming(
    client, login, mdo, ib
):
    mentor = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    genodigde = mdo.genodigden.filter(user=mentor.user).first() or voeg_genodigde_toe(
        mdo, mentor.user, mentor.organisatie, door=ib.user
    )
    services.verstuur_uitnodigingen(mdo, door=ib.user)
    login("mentor@demo.nl")
    meldingen = _mdo_post(client, mdo, {"actie": "antwoord", "antwoord": "misschien"})
    assert "Geef aan of u komt." in meldingen
    genodigde.refresh_from_db()
    assert genodigde.antwoord == genodigde.Antwoord.GEEN


@pytest.mark.parametrize("naar", ["9" * 30, "-1", "0", "x"])
def test_moving_to_a_step_that_does_not_exist_gets_a_message(client, login, traject, naar):
    login("ib@demo.nl")
    response = client.post(
        reverse("arrangeren:traject_verplaatsen", args=[traject.uuid]),
        {"naar": naar, "versie": traject.versie},
    )
    assert response.status_code == 302
    assert _meldingen(response)
    traject.refresh_from_db()
    assert traject.huidige_stap == 2


# TLV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["tlv_aanvulling_vragen", "tlv_verlengen"])
def test_a_nul_byte_in_the_swvs_note_is_refused_and_nothing_changes(client, login, url):
    aanvraag = aanvraag_met_dossier()
    tlv_services.dien_in(aanvraag, door=aanvraag.aangemaakt_door)
    login("swv@demo.nl")
    response = client.post(
        reverse(f"arrangeren:{url}", args=[aanvraag.uuid]), {"notitie": "Graag\x00"}, follow=True
    )
    assert response.redirect_chain[0][1] == 302
    # The form shows again with the field marked and named in the summary (issue 16).
    _, links = foutoverzicht(response.content.decode())
    assert list(links.values()) == [f"Toelichting: {NUL_FOUT}"]
    aanvraag.refresh_from_db()
    assert aanvraag.status == TlvStatus.INGEDIEND
    assert not aanvraag.verlenging_reden


def test_a_nul_byte_in_the_schools_note_keeps_the_request_a_concept(client, login):
    aanvraag = aanvraag_met_dossier()
    login("ib@demo.nl")
    response = client.post(
        reverse("arrangeren:tlv_indienen", args=[aanvraag.uuid]), {"notitie": "\x00"}
    )
    assert f"Toelichting: {NUL_FOUT}" in _meldingen(response)
    aanvraag.refresh_from_db()
    assert aanvraag.status == TlvStatus.CONCEPT


# Jeugdhulp ----------------------------------------------------------------------------------


@pytest.mark.parametrize("doel", ["9" * 30, "-1", "abc", "1\x00"])
def test_a_goal_id_beyond_every_column_is_a_form_error(client, login, doel):
    traject = traject_met_jeugdteam()
    for rij in vraag_toestemming(
        traject.leerling,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"),
        soorten=[Informatiesoort.OPP_INZAGE],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    echt = Opp.objects.get(leerling=traject.leerling).doelen.first()
    login("jeugdteam@demo.nl")
    response = client.post(
        reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid]),
        {
            "soort": "begeleiding",
            "aanbieder": Organisatie.objects.get(naam="Jeugdteam Leiden (demo)").pk,
            "start": date(2026, 1, 5).isoformat(),
            "geplande_einde": date(2026, 6, 1).isoformat(),
            "uren_per_week": "2",
            "financiering": "gemeente",
            "doelen": [echt.pk, doel],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["doelen"]
    assert not traject.jeugdhulp.exists()


@pytest.mark.parametrize("naam", ["arrangeren:personen_zoeken", "arrangeren:mdo_detail"])
def test_a_nul_byte_in_the_person_search_searches_for_nothing(client, login, mdo, naam):
    login("ib@demo.nl")
    response = client.get(reverse(naam, args=[mdo.uuid]), {"persoon": "Kok\x00"})
    assert response.status_code == 200
    assert "Niemand gevonden" not in response.content.decode()
