"""A consistent advice is two experts agreeing with each other; a request may ask for
another kind, and the SWV weighs that against the views of school and parents."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from arrangeren.tlv import regels as tlv
from arrangeren.tlv import services
from tests.arrangeren.test_tlv import VOLLEDIG
from tests.arrangeren.tlv_helpers import ADVIES, aanvraag_met_dossier
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

SBO = {**ADVIES, "advies": "SBO past beter.", "geadviseerd_soort": tlv.Soort.SBO}


def adviezen(eerste=SBO, tweede=SBO):
    return {
        tlv.Rang.EERSTE: {**eerste, "soort": tlv.Deskundige.PSYCHOLOOG, "datum": date.today()},
        tlv.Rang.TWEEDE: {**tweede, "soort": tlv.Deskundige.ARTS, "datum": date.today()},
    }


def so_aanvraag_met_sbo_advies(zienswijze_school="Op het SBO mist zij de zorg die SO biedt."):
    aanvraag = aanvraag_met_dossier(compleet=False, soort=tlv.Soort.SO)
    return services.bewaar_aanvraag(
        aanvraag,
        {
            "soort": tlv.Soort.SO,
            "categorie": tlv.Categorie.MIDDEN,
            "zienswijze_ouders": "Wij willen SO: daar is de zorg die zij nodig heeft.",
            "zienswijze_school": zienswijze_school,
        },
        adviezen(),
        door=user_by_email("ib@demo.nl"),
        versie=aanvraag.versie,
    )


def test_both_experts_advise_sbo_school_and_parents_ask_so_the_request_goes_to_the_swv(
    client, login
):
    """Gemeenschappelijke paragraaf samenwerkingsverbanden PO en VO en gemeenten
    Holland-Rijnland: "het deskundigenadvies in principe over te nemen, tenzij dit
    conflicteert met de zienswijze van de school of de ouders" and "waarbij wordt
    gecontroleerd of alle verplichte en gewenste stappen in het proces ... zijn doorlopen en
    er sprake is van een consistent advies". Consistent is the two advices agreeing; a
    request that departs from them is the conflict the SWV weighs, not an incomplete one."""
    aanvraag = so_aanvraag_met_sbo_advies()
    services.dien_in(aanvraag, door=user_by_email("ib@demo.nl"))
    aanvraag.refresh_from_db()
    assert aanvraag.status == tlv.Status.INGEDIEND

    login("swv@demo.nl")
    html = client.get(reverse("arrangeren:tlv_detail", args=[aanvraag.uuid])).content.decode()
    assert "Aanvraag wijkt af van het advies" in html
    assert "Beide deskundigen adviseren: <strong>Speciaal basisonderwijs (SBO)</strong>" in html
    assert "Op het SBO mist zij de zorg die SO biedt." in html  # the school's view
    assert "Wij willen SO: daar is de zorg die zij nodig heeft." in html  # the parents' view


def test_a_request_that_follows_the_advice_shows_no_conflict(client, login):
    aanvraag = aanvraag_met_dossier()
    login("ib@demo.nl")
    html = client.get(reverse("arrangeren:tlv_detail", args=[aanvraag.uuid])).content.decode()
    assert "Aanvraag wijkt af van het advies" not in html


def test_a_departing_request_needs_the_schools_view_before_it_is_submitted():
    aanvraag = so_aanvraag_met_sbo_advies(zienswijze_school="")
    with pytest.raises(ValidationError, match="zienswijze van de school daarop vastgelegd"):
        services.dien_in(aanvraag, door=user_by_email("ib@demo.nl"))


def test_experts_who_disagree_with_each_other_are_no_consistent_advice():
    """Two advices that disagree leave the SWV no advice to take over: the procedural
    check "er sprake is van een consistent advies" fails and the school cannot submit
    (docs/tlv.md)."""
    aanvraag = aanvraag_met_dossier(compleet=False, soort=tlv.Soort.SO)
    aanvraag = services.bewaar_aanvraag(
        aanvraag,
        {"soort": tlv.Soort.SO, "categorie": tlv.Categorie.MIDDEN, "zienswijze_ouders": "Eens."},
        adviezen(eerste=ADVIES, tweede=SBO),
        door=user_by_email("ib@demo.nl"),
        versie=aanvraag.versie,
    )
    with pytest.raises(ValidationError, match="consistent advies"):
        services.dien_in(aanvraag, door=user_by_email("ib@demo.nl"))


@pytest.mark.parametrize(
    "adviezen_, soort, zienswijze_school, niet_ok",
    [
        ({1: tlv.Soort.SO, 2: tlv.Soort.SO}, tlv.Soort.SO, "", set()),
        ({1: tlv.Soort.SBO, 2: tlv.Soort.SBO}, tlv.Soort.SO, "Waarom SO", set()),
        ({1: tlv.Soort.SBO, 2: tlv.Soort.SBO}, tlv.Soort.SO, " ", {"afwijking"}),
        ({1: tlv.Soort.SO, 2: tlv.Soort.SBO}, tlv.Soort.SO, "", {"adviezen_consistent"}),
        ({1: tlv.Soort.SO, 2: tlv.Soort.SBO}, tlv.Soort.SBO, "", {"adviezen_consistent"}),
    ],
)
def test_consistency_is_between_the_advices(adviezen_, soort, zienswijze_school, niet_ok):
    feiten = replace(VOLLEDIG, adviezen=adviezen_, soort=soort, zienswijze_school=zienswijze_school)
    assert {p.regel.code for p in tlv.checklist(feiten) if not p.ok} == niet_ok


def test_the_checklist_names_what_each_expert_advises():
    feiten = replace(VOLLEDIG, adviezen={1: tlv.Soort.SO, 2: tlv.Soort.SBO})
    punt = next(p for p in tlv.checklist(feiten) if p.regel.code == "adviezen_consistent")
    assert punt.toelichting == (
        "De eerste deskundige adviseert speciaal onderwijs (SO); "
        "de tweede deskundige adviseert speciaal basisonderwijs (SBO)."
    )


def test_granting_a_departing_request_is_a_departure_the_swv_motivates():
    aanvraag = so_aanvraag_met_sbo_advies()
    ib, swv = user_by_email("ib@demo.nl"), user_by_email("swv@demo.nl")
    services.dien_in(aanvraag, door=ib)
    services.neem_in_behandeling(aanvraag, door=swv)
    with pytest.raises(ValidationError, match="wijkt af van het advies"):
        services.beslis(aanvraag, toekennen=True, motivering="SO", door=swv)
    services.beslis(
        aanvraag,
        toekennen=True,
        motivering="De zienswijze van school en ouders weegt zwaarder: SO.",
        door=swv,
        afwijking_advies=True,
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == tlv.Status.TOEGEKEND and aanvraag.afwijking_advies
