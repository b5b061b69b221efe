"""States that match reality (issue 15, part 2): the report is final only after the
meeting started, so the MDO is not "Gehouden" and the TLV checklist does not tick "MDO
gehouden met ouders" before anyone met."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from arrangeren.route import services
from arrangeren.route.models import Leerlinggesprek, Mdo
from arrangeren.route.stappen import Voorwaarde
from arrangeren.route.uitkomsten import huidig_mdo, laatste_verslag
from arrangeren.tlv import queries as tlv_queries
from arrangeren.tlv.demo import _dossier
from opp.services import MAX_TEKST
from tests.arrangeren.route_helpers import overleg_gehouden, plan_en_nodig_uit, schrijf_verslag
from tests.arrangeren.tlv_helpers import aanvraag_met_dossier, regenboog_leerling
from tests.conftest import user_by_email

ALLE_VOORWAARDEN = {v.value: "ja" for v in Voorwaarde}


@pytest.fixture
def ib_lid(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def mdo(noor, ib_lid):
    """Noor's MDO in two weeks, its report complete but still a concept."""
    traject = services.open_traject(
        leerling=noor, door=ib_lid.user, namens=ib_lid, voorwaarden=ALLE_VOORWAARDEN
    )
    services.bewaar_stapuitkomst(
        traject,
        1,
        {"observaties": "In de klas", "hypothesen": "Twee"},
        door=ib_lid.user,
        versie=None,
    )
    services.move_to_step(traject, 2, door=ib_lid.user)
    plan_en_nodig_uit(traject, ib_lid.user)
    schrijf_verslag(traject, ib_lid.user, vaststellen=False)
    return huidig_mdo(traject)


def test_before_the_meeting_the_page_says_from_when_the_report_can_be_final(client, login, mdo):
    login("ib@demo.nl")
    url = reverse("arrangeren:verslag", args=[mdo.uuid])
    html = client.get(url).content.decode()
    start = timezone.localtime(mdo.start)
    assert "Verslag vaststellen</button>" not in html
    assert f"om {start:%H:%M}; vanaf dan kunt u het verslag vaststellen" in html

    verslag = laatste_verslag(mdo)
    response = client.post(
        url, {"actie": "vaststellen", "bewerkingen": verslag.bewerkingen}, follow=True
    )
    assert "Het verslag stelt u vast na het overleg." in response.content.decode()
    assert laatste_verslag(mdo).is_concept
    mdo.refresh_from_db()
    assert mdo.status == Mdo.Status.UITGENODIGD

    overleg_gehouden(mdo)
    html = client.get(url).content.decode()
    assert "Verslag vaststellen</button>" in html
    assert "vanaf dan kunt u" not in html
    response = client.post(
        url, {"actie": "vaststellen", "bewerkingen": verslag.bewerkingen}, follow=True
    )
    assert "Het verslag is vastgesteld" in response.content.decode()
    mdo.refresh_from_db()
    assert mdo.status == Mdo.Status.GEHOUDEN


def test_the_tlv_checklist_counts_a_final_report_only_of_a_meeting_that_started(db):
    """Even a report made final before this rule (old data) does not tick the TLV's
    "MDO gehouden met ouders" while the meeting lies ahead."""
    aanvraag = aanvraag_met_dossier()
    assert tlv_queries.feiten(aanvraag).mdo_met_ouders
    later = timezone.now() + timedelta(days=3)
    Mdo.objects.filter(traject=aanvraag.traject).update(
        start=later, eind=later + timedelta(hours=1)
    )
    feiten = tlv_queries.feiten(aanvraag)
    assert not feiten.mdo_met_ouders and not feiten.definitief_verslag
    punten = {p.regel.code: p.ok for p in tlv_queries.checklist(aanvraag)}
    assert not punten["mdo_ouders"] and not punten["route"]


# The text limits of the report and the OPP are one (opp.services.MAX_TEKST) --------------


def _gesprek(**velden) -> dict:
    return {
        "gevoerd_op": date.today(),
        "wat_goed_gaat": "Gym",
        "wat_moeilijk_is": "Drukte",
        "wensen": "Rust",
        **velden,
    }


def test_a_leerlinggesprek_longer_than_the_opp_takes_is_refused_when_typed(mdo):
    """Issue 15: 24,000 characters were accepted, then refused at "Overnemen in het OPP"."""
    voor = mdo.leerlinggesprek.wensen
    with pytest.raises(ValidationError) as exc:
        services.leg_leerlinggesprek_vast(mdo, _gesprek(wensen="x" * 24_000), door=mdo.voorzitter)
    assert "in het OPP past 20.000" in exc.value.messages[0]
    # Three answers that fit one by one, but not together as the OPP's one text.
    deel = "y" * (MAX_TEKST // 3)
    drie = _gesprek(wat_goed_gaat=deel, wat_moeilijk_is=deel, wensen=deel)
    with pytest.raises(ValidationError, match="samen"):
        services.leg_leerlinggesprek_vast(mdo, drie, door=mdo.voorzitter)
    mdo.leerlinggesprek.refresh_from_db()
    assert mdo.leerlinggesprek.wensen == voor


def test_a_report_text_longer_than_the_opp_takes_is_refused_when_typed(mdo):
    verslag = laatste_verslag(mdo)
    velden = dict(verslag.velden, integratief_beeld="z" * (MAX_TEKST + 1))
    with pytest.raises(ValidationError) as exc:
        services.bewaar_verslag(
            verslag,
            door=mdo.voorzitter,
            bewerkingen=verslag.bewerkingen,
            velden=velden,
            besluiten="",
            evaluatiedatum=verslag.evaluatiedatum,
            aanwezigen=[],
        )
    assert "Integratief beeld" in exc.value.messages[0]
    doel = verslag.doelen.first()
    with pytest.raises(ValidationError, match="de inzet"):
        services.voeg_afspraak_toe(
            doel,
            door=mdo.voorzitter,
            inzet="i" * (MAX_TEKST + 1),
            uitvoerder="Mentor",
            vanaf=date.today(),
        )
    # Exactly the limit fits the report and the OPP alike.
    velden["integratief_beeld"] = "z" * MAX_TEKST
    services.bewaar_verslag(
        verslag,
        door=mdo.voorzitter,
        bewerkingen=verslag.bewerkingen,
        velden=velden,
        besluiten="",
        evaluatiedatum=verslag.evaluatiedatum,
        aanwezigen=list(mdo.genodigden.values_list("pk", flat=True)),
    )
    overleg_gehouden(mdo)
    verslag = services.stel_verslag_vast(
        laatste_verslag(mdo), door=mdo.voorzitter, bewerkingen=laatste_verslag(mdo).bewerkingen
    )
    opp = services.neem_over_in_opp(verslag, door=mdo.voorzitter)
    assert len(opp.integratief_beeld) == MAX_TEKST


def test_a_too_long_leerlinggesprek_of_old_is_no_dead_end(client, login, mdo):
    """Written before the check: the takeover says the way out, and through a new version
    of the report the leerlinggesprek can be edited again."""
    Leerlinggesprek.objects.filter(mdo=mdo).update(wensen="w" * 24_000)
    overleg_gehouden(mdo)
    ib = mdo.voorzitter
    verslag = services.stel_verslag_vast(
        laatste_verslag(mdo), door=ib, bewerkingen=laatste_verslag(mdo).bewerkingen
    )
    with pytest.raises(ValidationError) as exc:
        services.neem_over_in_opp(verslag, door=ib)
    assert "Maak een nieuwe versie van het verslag" in exc.value.messages[0]
    login("ib@demo.nl")
    gesprek_url = reverse("arrangeren:leerlinggesprek", args=[mdo.uuid])
    nieuw = {**_gesprek(wensen="Een rustige plek"), "gevoerd_op": date.today().isoformat()}
    html = client.post(gesprek_url, nieuw).content.decode()
    assert "Maak een nieuwe versie van het verslag om het leerlinggesprek aan te passen" in html

    services.nieuwe_versie(verslag, door=ib, reden="Leerlinggesprek inkorten")
    verslag_html = client.get(reverse("arrangeren:verslag", args=[mdo.uuid])).content.decode()
    assert f'href="{gesprek_url}">Leerlinggesprek wijzigen</a>' in verslag_html
    assert client.post(gesprek_url, nieuw).status_code == 302
    mdo.leerlinggesprek.refresh_from_db()
    assert mdo.leerlinggesprek.wensen == "Een rustige plek"
    tweede = laatste_verslag(mdo)
    tweede = services.stel_verslag_vast(tweede, door=ib, bewerkingen=tweede.bewerkingen)
    opp = services.neem_over_in_opp(tweede, door=ib)
    assert "Wensen: Een rustige plek" in opp.visie_leerling


# Invitees are people who can open the meeting ---------------------------------------------


def test_an_invited_teacher_who_is_not_the_mentor_opens_the_mdo_and_the_final_report(
    client, login, mdo, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 15: mentor@ got the invitation, the .ics and "verslag staat klaar" for Noor,
    whose mentor he is not, then 404 on the MDO and report pages."""
    ib = mdo.voorzitter
    kok = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    assert not mdo.traject.leerling.mentoren.filter(pk=kok.user_id).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.voeg_genodigde_toe(mdo, kok.user, kok.organisatie, door=ib)
        services.verstuur_uitnodigingen(mdo, door=ib)
    assert any(kok.user.email in m.to for m in mailoutbox)

    login("mentor@demo.nl")
    mdo_url = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    verslag_url = reverse("arrangeren:verslag", args=[mdo.uuid])
    assert client.get(mdo_url).status_code == 200
    assert client.get(reverse("arrangeren:mdo_ics", args=[mdo.uuid])).status_code == 200
    assert client.get(verslag_url).status_code == 404  # the concept: the school's editors
    assert (
        client.get(reverse("arrangeren:traject_detail", args=[mdo.traject.uuid])).status_code == 404
    )

    verslag = laatste_verslag(mdo)
    verslag = services.bewaar_verslag(
        verslag,
        door=ib,
        bewerkingen=verslag.bewerkingen,
        velden=verslag.velden,
        besluiten=verslag.besluiten,
        evaluatiedatum=verslag.evaluatiedatum,
        aanwezigen=list(mdo.genodigden.values_list("pk", flat=True)),
    )
    overleg_gehouden(mdo)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.stel_verslag_vast(verslag, door=ib, bewerkingen=verslag.bewerkingen)
    assert any(kok.user.email in m.to for m in mailoutbox)  # "verslag staat klaar"
    response = client.get(verslag_url)
    assert response.status_code == 200
    assert "Definitief" in response.content.decode()
    assert client.get(mdo_url).status_code == 200

    # Not invited, or no longer at the school: no meeting.
    Lidmaatschap.objects.filter(pk=kok.pk).delete()
    assert client.get(mdo_url).status_code == 404


# No typing twice: the parents' zienswijze on a TLV request ---------------------------------


def test_the_parents_zienswijze_starts_empty_with_their_opp_view_beside_it(client, login):
    ib = user_by_email("ib@demo.nl")
    leerling, ouder = regenboog_leerling()
    traject, opp = _dossier(leerling, ib, ouder, timezone.now())
    login("ib@demo.nl")
    html = client.get(reverse("arrangeren:tlv_nieuw", args=[traject.uuid])).content.decode()
    veld = re.search(r'<textarea name="zienswijze_ouders"[^>]*>(.*?)</textarea>', html, re.S)
    assert veld.group(1).strip() == ""
    assert "Ter vergelijking: de visie van de ouders in het OPP" in html
    assert opp.visie_ouders in html
    assert "structuur" in html  # the motivation is still taken over from the OPP

    aanvraag = aanvraag_met_dossier(compleet=False)
    html = client.get(reverse("arrangeren:tlv_bewerken", args=[aanvraag.uuid])).content.decode()
    veld = re.search(r'<textarea name="zienswijze_ouders"[^>]*>(.*?)</textarea>', html, re.S)
    assert veld.group(1).strip() == ""
    assert aanvraag.opp.visie_ouders in html
