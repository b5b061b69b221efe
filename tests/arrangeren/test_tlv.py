"""TLV rules and services: checklist, the status table, deadlines, numbering, bad input."""

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Gezag
from arrangeren.tlv import regels as tlv
from arrangeren.tlv import services
from arrangeren.tlv.models import Bezwaar, TlvAanvraag, TlvGebeurtenis
from arrangeren.tlv.queries import checklist
from tests.arrangeren.tlv_helpers import aanvraag_met_dossier
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

VOLLEDIG = tlv.Feiten(
    huidige_stap=7,
    definitief_verslag=True,
    mdo_met_ouders=True,
    opp_vastgesteld=True,
    opp_ouders_getekend=True,
    soort=tlv.Soort.SO,
    adviezen={1: tlv.Soort.SO, 2: tlv.Soort.SO},
    zienswijze="Eens",
)


def codes_niet_ok(feiten):
    return {p.regel.code for p in tlv.checklist(feiten) if not p.ok}


def test_a_complete_dossier_passes_every_rule():
    assert codes_niet_ok(VOLLEDIG) == set()


@pytest.mark.parametrize(
    "wijziging, code",
    [
        ({"huidige_stap": 6}, "route"),
        ({"definitief_verslag": False}, "route"),
        ({"mdo_met_ouders": False}, "mdo_ouders"),
        ({"opp_vastgesteld": False}, "opp"),
        ({"opp_ouders_getekend": False}, "opp"),
        ({"adviezen": {2: tlv.Soort.SO}}, "advies_1"),
        ({"adviezen": {1: tlv.Soort.SO}}, "advies_2"),
        ({"adviezen": {1: tlv.Soort.SO, 2: tlv.Soort.SBO}}, "adviezen_consistent"),
        ({"zienswijze": "  "}, "zienswijze"),
    ],
)
def test_every_checklist_rule(wijziging, code):
    assert code in codes_niet_ok(replace(VOLLEDIG, **wijziging))


def test_checklist_from_data():
    aanvraag = aanvraag_met_dossier()
    assert all(p.ok for p in checklist(aanvraag))
    onvolledig = aanvraag_met_dossier(compleet=False, dossier=False)
    assert {p.regel.code for p in checklist(onvolledig) if not p.ok} == {
        "route",
        "advies_1",
        "advies_2",
        "adviezen_consistent",
        "zienswijze",  # starts empty: the parents write their own view on the request
    }


def test_prefilled_from_the_opp_except_the_parents_zienswijze():
    """Issue 15: the parents' view on the OPP is not their zienswijze on this request; it
    starts empty, with the OPP's view shown beside it (test_tlv_views)."""
    aanvraag = aanvraag_met_dossier(compleet=False)
    assert aanvraag.opp is not None and aanvraag.opp.status == "vastgesteld"
    assert "structuur" in aanvraag.motivering
    assert aanvraag.opp.visie_ouders and aanvraag.zienswijze_ouders == ""


def test_incomplete_request_cannot_be_submitted():
    aanvraag = aanvraag_met_dossier(compleet=False, dossier=False)
    ib = user_by_email("ib@demo.nl")
    with pytest.raises(ValidationError) as exc:
        services.dien_in(aanvraag, door=ib)
    bericht = exc.value.messages[0]
    assert bericht.startswith("De aanvraag is nog niet volledig.")
    assert "eerste deskundige" in bericht and "route is gevolgd" in bericht
    aanvraag.refresh_from_db()
    assert aanvraag.status == tlv.Status.CONCEPT
    assert not aanvraag.gebeurtenissen.filter(actie=tlv.Actie.INDIENEN).exists()


def test_end_before_start_is_refused():
    aanvraag = aanvraag_met_dossier(compleet=False)
    with pytest.raises(ValidationError, match="einddatum ligt vóór"):
        services.bewaar_aanvraag(
            aanvraag,
            {"soort": "sbo", "startdatum": date(2027, 8, 1), "einddatum": date(2027, 1, 1)},
            {},
            door=user_by_email("ib@demo.nl"),
            versie=aanvraag.versie,
        )


def test_so_needs_a_category():
    aanvraag = aanvraag_met_dossier(compleet=False)
    with pytest.raises(ValidationError, match="bekostigingscategorie"):
        services.bewaar_aanvraag(
            aanvraag,
            {"soort": "so", "categorie": ""},
            {},
            door=aanvraag.aangemaakt_door,
            versie=aanvraag.versie,
        )


def test_walk_the_status_table():
    """concept -> ingediend -> aanvulling -> ingediend -> in behandeling -> toegekend."""
    aanvraag = aanvraag_met_dossier()
    ib, swv = user_by_email("ib@demo.nl"), user_by_email("swv@demo.nl")
    services.dien_in(aanvraag, door=ib)
    with pytest.raises(PermissionDenied):
        services.neem_in_behandeling(aanvraag, door=ib)
    with pytest.raises(ValidationError, match="toelichting"):
        services.vraag_aanvulling(aanvraag, " ", door=swv)
    services.vraag_aanvulling(aanvraag, "Graag het verslag erbij.", door=swv)
    services.dien_in(aanvraag, door=ib)
    with pytest.raises(ValidationError, match="Dat kan niet"):
        services.beslis(aanvraag, toekennen=True, motivering="Ok", door=swv)
    services.neem_in_behandeling(aanvraag, door=swv)
    services.beslis(aanvraag, toekennen=True, motivering="Advies overgenomen.", door=swv)
    aanvraag.refresh_from_db()
    assert aanvraag.status == tlv.Status.TOEGEKEND and aanvraag.consulent == swv
    stappen = list(aanvraag.gebeurtenissen.values_list("actie", "van_status", "naar_status"))
    assert [s[0] for s in stappen] == [
        "aangemaakt",
        "indienen",
        "aanvulling_vragen",
        "indienen",
        "in_behandeling",
        "toekennen",
    ]
    assert stappen[-1][1:] == ("in_behandeling", "toegekend")
    # Deciding twice is refused, and the events are append-only.
    with pytest.raises(ValidationError, match="al besloten"):
        services.beslis(aanvraag, toekennen=False, motivering="Toch niet", door=swv)
    with pytest.raises(Exception):  # noqa: B017
        TlvGebeurtenis.objects.filter(aanvraag=aanvraag).delete()


def test_table_refuses_every_unlisted_move():
    for status in tlv.Status:
        for actie, overgang in tlv.OVERGANGEN.items():
            if status in overgang.van:
                assert tlv.check_overgang(status, actie).naar == overgang.naar
            else:
                with pytest.raises(ValidationError):
                    tlv.check_overgang(status, actie)


def test_grant_numbers_per_swv_per_year_and_mails_without_names(django_capture_on_commit_callbacks):
    swv = user_by_email("swv@demo.nl")
    nummers = []
    for _ in range(2):
        aanvraag = aanvraag_met_dossier()
        services.dien_in(aanvraag, door=aanvraag.aangemaakt_door)
        services.neem_in_behandeling(aanvraag, door=swv)
        with django_capture_on_commit_callbacks(execute=True):
            services.beslis(aanvraag, toekennen=True, motivering="Ok.", door=swv)
        nummers.append(TlvAanvraag.objects.get(pk=aanvraag.pk).tlv.nummer)
    jaar = timezone.localdate().year
    a, b = (int(n.rsplit("/", 1)[1]) for n in nummers)
    assert nummers[0].startswith(f"PO-28-01/{jaar}/") and b == a + 1
    besluitmails = [m for m in mail.outbox if "Besluit" in m.subject]
    # Whole words: a random first name such as "Bas" is part of "Basisschool".
    naam = re.compile(
        rf"\b({re.escape(aanvraag.leerling.voornaam)}|{re.escape(aanvraag.leerling.achternaam)})\b"
    )
    assert besluitmails and not any(naam.search(m.body) for m in besluitmails)
    ouder = Gezag.objects.filter(leerling=aanvraag.leerling).first().ouder
    assert any(m.to == [ouder.email] for m in besluitmails)
    assert any(m.to == ["ib@demo.nl"] for m in besluitmails)


def test_decision_deadline_and_single_extension(django_capture_on_commit_callbacks):
    aanvraag = aanvraag_met_dossier()
    swv = user_by_email("swv@demo.nl")
    services.dien_in(aanvraag, door=aanvraag.aangemaakt_door)
    aanvraag.refresh_from_db()
    assert (
        aanvraag.uiterste_beslisdatum
        == (timezone.localtime(aanvraag.compleet_op) + timedelta(weeks=6)).date()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.verleng_termijn(aanvraag, "Extra onderzoek nodig.", door=swv)
    aanvraag.refresh_from_db()
    assert (
        aanvraag.uiterste_beslisdatum
        == (timezone.localtime(aanvraag.compleet_op) + timedelta(weeks=10)).date()
    )
    assert any("verlengd" in m.subject for m in mail.outbox)
    with pytest.raises(ValidationError, match="maar één keer"):
        services.verleng_termijn(aanvraag, "Nog eens", door=swv)


def test_deadline_is_configurable_per_swv():
    from arrangeren.tlv.models import TlvInstelling

    instelling = TlvInstelling.objects.get(swv__code="PO-28-01")
    instelling.beslistermijn_weken = 8
    instelling.save()
    aanvraag = aanvraag_met_dossier()
    assert aanvraag.beslistermijn_weken == 8


def test_expiry_signal_three_months_ahead():
    assert tlv.signaleringsdatum(date(2027, 7, 31)) == date(2027, 4, 30)
    assert tlv.signaleringsdatum(date(2027, 2, 15)) == date(2026, 11, 15)


def test_consulent_of_another_swv_cannot_act():
    from accounts.models import Lidmaatschap, Organisatie
    from accounts.rollen import Rol
    from tests.factories import UserFactory

    ander = UserFactory()
    Lidmaatschap.objects.create(
        user=ander, organisatie=Organisatie.objects.get(code="VO-28-01"), rol=Rol.CONSULENT_SWV
    )
    aanvraag = aanvraag_met_dossier()
    services.dien_in(aanvraag, door=aanvraag.aangemaakt_door)
    with pytest.raises(PermissionDenied):
        services.neem_in_behandeling(aanvraag, door=ander)


def test_objection_and_its_outcome():
    aanvraag = aanvraag_met_dossier()
    swv = user_by_email("swv@demo.nl")
    services.dien_in(aanvraag, door=aanvraag.aangemaakt_door)
    services.neem_in_behandeling(aanvraag, door=swv)
    with pytest.raises(ValidationError, match="pas als er een besluit"):
        services.registreer_bezwaar(
            aanvraag, ontvangen_op=date.today(), indiener="Ouders", omschrijving="X", door=swv
        )
    services.beslis(
        aanvraag, toekennen=False, motivering="Eerst arrangement.", door=swv, afwijking_advies=True
    )
    with pytest.raises(ValidationError, match="vóór de datum van het besluit"):
        services.registreer_bezwaar(
            aanvraag,
            ontvangen_op=date.today() - timedelta(days=1),
            indiener="Ouders",
            omschrijving="X",
            door=swv,
        )
    bezwaar = services.registreer_bezwaar(
        aanvraag,
        ontvangen_op=date.today(),
        indiener="Ouders",
        omschrijving="Wij willen SO.",
        door=swv,
    )
    services.leg_bezwaaruitkomst_vast(bezwaar, uitkomst="gegrond", toelichting="", door=swv)
    assert Bezwaar.objects.get(pk=bezwaar.pk).uitkomst == "gegrond"
    with pytest.raises(ValidationError, match="al vastgelegd"):
        services.leg_bezwaaruitkomst_vast(bezwaar, uitkomst="ongegrond", toelichting="", door=swv)


def test_deciding_against_the_expert_advice_needs_to_say_so():
    aanvraag = aanvraag_met_dossier()
    ib, swv = user_by_email("ib@demo.nl"), user_by_email("swv@demo.nl")
    services.dien_in(aanvraag, door=ib)
    services.neem_in_behandeling(aanvraag, door=swv)
    with pytest.raises(ValidationError, match="wijkt af van het advies"):
        services.beslis(aanvraag, toekennen=False, motivering="Past niet", door=swv)
    aanvraag.refresh_from_db()
    assert aanvraag.status == tlv.Status.IN_BEHANDELING  # nothing half-written
    services.beslis(
        aanvraag,
        toekennen=False,
        motivering="In strijd met het beleid van het SWV: eerst een arrangement in het SBO.",
        door=swv,
        afwijking_advies=True,
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == tlv.Status.AFGEWEZEN and aanvraag.afwijking_advies
