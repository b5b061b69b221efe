"""The exit field of the OPP follows the school's sector (opp/domein.py, UITSTROOM)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opp import services
from opp.domein import UITSTROOM, Uitstroomniveau, Uitstroomprofiel, uitstroomveld
from opp.forms import OppForm
from opp.models import Opp
from tests.conftest import user_by_email


@pytest.fixture
def opp(sam):
    return Opp.objects.get(leerling=sam, versie=1)


def test_the_table_gives_po_sbo_and_so_the_vo_level_and_vso_the_profile():
    """Misreading 9. WPO art. 40a and WEC art. 41a: the OPP of a primary (or SBO, SO)
    pupil holds "de te verwachten uitstroombestemming", a level of secondary education;
    the uitstroomprofielen vervolgonderwijs, arbeidsmarkt and dagbesteding are VSO's."""
    for sector in ("PO", "SBO", "SO"):
        assert uitstroomveld(sector).veld == "uitstroomniveau"
    assert uitstroomveld("VSO").veld == "uitstroomprofiel"
    assert uitstroomveld("VO") is None and uitstroomveld(None) is None
    assert set(UITSTROOM) == {"PO", "SBO", "SO", "VO", "VSO", "MBO"}


def test_a_primary_school_form_offers_the_vo_level_not_the_vso_profile(opp):
    """WPO art. 40a: for a PO pupil "de te verwachten uitstroombestemming" (Sam's school
    is a primary school); before, the form offered vervolgonderwijs / arbeidsmarktgericht /
    dagbesteding."""
    assert opp.school.sector == "PO"
    form = OppForm(instance=opp)
    assert "uitstroomprofiel" not in form.fields
    assert form.fields["uitstroomniveau"].label.startswith("Verwachte uitstroombestemming")
    assert ("havo", "Havo") in form.fields["uitstroomniveau"].choices


def test_a_vso_school_form_offers_the_profile(opp):
    opp.school.sector = "VSO"
    form = OppForm(instance=opp)
    assert "uitstroomniveau" not in form.fields
    keuzes = dict(form.fields["uitstroomprofiel"].choices)
    assert keuzes["dagbesteding"] == "Dagbesteding"


def test_the_service_refuses_a_vso_profile_for_a_primary_pupil(opp):
    ib = user_by_email("ib@demo.nl")
    with pytest.raises(ValidationError, match="voortgezet speciaal onderwijs"):
        services.bewaar_opp(
            opp,
            {"uitstroomprofiel": Uitstroomprofiel.DAGBESTEDING},
            door=ib,
            bewerkingen=opp.bewerkingen,
        )
    services.bewaar_opp(
        opp, {"uitstroomniveau": Uitstroomniveau.HAVO}, door=ib, bewerkingen=opp.bewerkingen
    )
    opp.refresh_from_db()
    assert opp.uitstroomniveau == "havo"


def test_saving_the_form_empties_a_profile_of_the_wrong_sector(client, login, opp):
    Opp.objects.filter(pk=opp.pk).update(uitstroomprofiel="dagbesteding")
    opp.refresh_from_db()
    login("ib@demo.nl")
    url = reverse("opp:opp_bewerken", args=[opp.uuid])
    basis = {veld: getattr(opp, veld) or "" for veld in services.OPP_VELDEN}
    basis |= {"evaluatiedatum": opp.evaluatiedatum.isoformat(), "bewerkingen": opp.bewerkingen}
    response = client.post(url, {**basis, "uitstroomniveau": "vwo"})
    assert response.status_code == 302
    opp.refresh_from_db()
    assert (opp.uitstroomniveau, opp.uitstroomprofiel) == ("vwo", "")
    pagina = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    assert "Verwachte uitstroombestemming (voortgezet onderwijs)" in pagina
    assert "Vwo" in pagina
    assert "Uitstroomprofiel" not in pagina
