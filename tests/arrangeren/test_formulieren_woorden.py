"""Forms say what they need: required fields are not labelled "(niet verplicht)", a field
needed only in some cases says which, and every problem of a submit comes in one answer."""

import re

import pytest
from django.urls import reverse

from accounts.models import Lidmaatschap
from arrangeren.route.services import open_traject
from arrangeren.route.stappen import Voorwaarde
from tests.arrangeren.route_helpers import naar_stap_2

ALLE_VOORWAARDEN = {v.value: "ja" for v in Voorwaarde}


@pytest.fixture
def traject(sam):
    lid = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    traject = open_traject(leerling=sam, door=lid.user, namens=lid, voorwaarden=ALLE_VOORWAARDEN)
    naar_stap_2(traject, lid.user)
    return traject


def label(html: str, veld: str) -> str:
    """The text of the label (or legend) of field `veld`."""
    gevonden = re.search(rf'<label[^>]*for="id_{veld}"[^>]*>(.*?)</label>', html, re.S)
    assert gevonden, veld
    return re.sub(r"<[^>]+>", "", gevonden.group(1)).strip()


def invoer(html: str, veld: str) -> str:
    gevonden = re.search(rf'<(?:input|textarea|select)[^>]*id="id_{veld}"[^>]*>', html)
    assert gevonden, veld
    return gevonden.group(0)


def test_the_three_preconditions_are_required_not_optional(login, noor):
    html = login("ib@demo.nl").get(reverse("arrangeren:traject_open", args=[noor.uuid]))
    html = html.content.decode()
    for voorwaarde in Voorwaarde:
        assert "niet verplicht" not in label(html, voorwaarde.value)
        assert " required" in invoer(html, voorwaarde.value)
        # The explanation beside it really is optional, and says so.
        assert "(niet verplicht)" in label(html, f"{voorwaarde.value}_toelichting")
        assert " required" not in invoer(html, f"{voorwaarde.value}_toelichting")


def test_unticked_preconditions_are_all_named_in_one_answer_and_nothing_opens(login, noor):
    response = login("ib@demo.nl").post(
        reverse("arrangeren:traject_open", args=[noor.uuid]),
        {Voorwaarde.EIGEN_ROUTE.value: "on"},
    )
    assert response.status_code == 200
    # Each at its field and once more in the error summary above the form (issue 16).
    html = response.content.decode()
    assert html.count("Bevestig deze voorwaarde.") == 2 * (len(Voorwaarde) - 1)
    assert html.count('href="#id_') >= len(Voorwaarde) - 1
    assert not noor.trajecten.exists()


def test_mdo_form_marks_date_and_place_as_needed_not_optional(login, traject):
    html = login("ib@demo.nl").get(reverse("arrangeren:mdo_plannen", args=[traject.uuid]))
    html = html.content.decode()
    for veld in ("datum", "begintijd", "eindtijd"):
        assert label(html, veld).endswith("(verplicht bij een vaste datum)")
    for veld in ("locatie", "videolink"):
        assert label(html, veld).endswith("(vul een plaats of een videolink in)")
    assert "niet verplicht" not in label(html, "doel")
    assert " required" in invoer(html, "doel")
    assert label(html, "agenda").endswith("(niet verplicht)")


def test_mdo_form_shows_every_problem_in_one_answer(login, traject):
    response = login("ib@demo.nl").post(
        reverse("arrangeren:mdo_plannen", args=[traject.uuid]),
        {"doel": "", "planning": "vast", "tolk_nodig": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    for melding in (
        "Vul de datum in.",
        "Vul de begintijd in.",
        "Vul de eindtijd in.",
        "Vul een plaats of een videolink in.",
        "Vul in voor welke taal een tolk nodig is.",
    ):
        assert melding in html
    assert 'id="id_doel_error"' in html
    assert not traject.mdos.exists()


def test_registering_jeugdhulp_names_every_problem_at_its_field_at_once(sam):
    from datetime import date

    from django.core.exceptions import ValidationError

    from accounts.models import Organisatie
    from arrangeren.jeugdhulp.services import registreer_inzet
    from opp.models import Opp
    from tests.arrangeren.jeugdhulp_helpers import traject_met_jeugdteam
    from tests.conftest import user_by_email

    traject = traject_met_jeugdteam()
    onderwijs = [d for d in Opp.objects.get(leerling=sam).doelen.all() if d.soort == "onderwijs"]
    data = {
        "aanbieder": Organisatie.objects.get(naam="Zorgaanbieder De Horizon (demo)"),
        "soort": "multidisciplinaire_begeleider",
        "start": date(2026, 6, 1),
        "geplande_einde": date(2026, 1, 1),
        "scenario": "b",
    }
    with pytest.raises(ValidationError) as fout:
        registreer_inzet(traject, data, onderwijs, door=user_by_email("jeugdteam@demo.nl"))
    assert set(fout.value.message_dict) == {
        "geplande_einde",
        "vaste_contactpersoon",
        "doelen",
        "opdrachtgever",
    }
    assert not traject.jeugdhulp.exists()


def test_a_half_filled_expert_advice_names_each_missing_field():
    from arrangeren.tlv.forms import ADVIESVELDEN, AdviesForm

    form = AdviesForm({"advies1-naam": "Dr. A. Jansen"}, rang=1, prefix="advies1")
    assert not form.is_valid()
    assert set(form.errors) == set(ADVIESVELDEN) - {"naam"}


@pytest.mark.django_db
def test_fields_needed_in_some_cases_say_when_on_the_tlv_and_jeugdhulp_forms():
    from arrangeren.jeugdhulp.forms import InzetForm
    from arrangeren.tlv.forms import AanvraagForm

    assert "(verplicht bij SO en VSO)" in str(AanvraagForm()["categorie"].as_field_group())
    inzet = InzetForm(doelen=[])
    for veld, hint in (
        ("scenario", "(verplicht bij een multidisciplinaire begeleider)"),
        ("opdrachtgever", "(verplicht bij scenario a en b)"),
        ("aandeel_onderwijs", "(verplicht bij scenario c)"),
    ):
        html = str(inzet[veld].as_field_group())
        assert hint in html and "niet verplicht" not in html
