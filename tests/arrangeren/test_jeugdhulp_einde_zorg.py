"""The end of care: the agreements on the return to education and the nazorg at school,
recorded on the inzet and asked for in "Mijn werk" (docs/jeugdhulp.md, "Einde van de
zorg"); and the region's table of who pays beside a jeugdhulp inzet's financing."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.models import Toegangslog
from arrangeren.jeugdhulp import afsluiting
from arrangeren.jeugdhulp.models import Eindafspraak
from arrangeren.route.models import Traject
from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam
from tests.conftest import user_by_email

VANDAAG = timezone.localdate()


@pytest.fixture
def traject(db):
    return traject_met_jeugdteam()


@pytest.fixture
def aflopend(traject):
    """A begeleiding (a dagbesteding, say) that ends in three weeks."""
    return begeleiding(
        traject,
        start=VANDAAG - timedelta(days=100),
        geplande_einde=VANDAAG + timedelta(weeks=3),
    )


def _post(client, inzet, **velden):
    data = {
        "eindafspraak-zorg_stopt_op": (VANDAAG + timedelta(weeks=3)).isoformat(),
        "eindafspraak-terugkeer": "school",
        "eindafspraak-onderwijs_start_op": (VANDAAG + timedelta(weeks=3, days=3)).isoformat(),
        "eindafspraak-nazorg": "",
        "eindafspraak-nazorg_door": "",
        "eindafspraak-toegangsmedewerker": "",
        "eindafspraak-bewerkingen": "0",
    }
    data.update({f"eindafspraak-{k}": v for k, v in velden.items()})
    return client.post(
        reverse("arrangeren:jeugdhulp_eindafspraken", args=[aflopend_uuid(inzet)]), data
    )


def aflopend_uuid(inzet):
    return inzet.uuid


def _meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _detail(client, inzet) -> str:
    response = client.get(reverse("arrangeren:jeugdhulp_detail", args=[inzet.uuid]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_school_records_the_agreements_and_the_parents_read_them(client, login, aflopend):
    """Rol jeugdhulpaanbieders: "Partijen zorgen samen voor een vloeiende overgang en maken
    afspraken over het moment waarop de jeugdige weer start met onderwijs volgen in een OZA
    of op school en het moment waarop de dagbesteding/dagbehandeling wordt gestopt." """
    login("ib@demo.nl")
    assert "Afspraken vastleggen" in _detail(client, aflopend)
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    response = _post(
        client,
        aflopend,
        terugkeer="oza",
        nazorg="Twee weken een vast aanspreekpunt in de klas",
        nazorg_door="Jeugdteam Leiden",
        toegangsmedewerker=str(jeugdteam.pk),
    )
    assert response.status_code == 302
    assert "De afspraken over het einde van de zorg zijn vastgelegd." in _meldingen(response)
    afspraak = Eindafspraak.objects.get(inzet=aflopend)
    assert afspraak.terugkeer == "oza"
    assert afspraak.toegangsmedewerker == jeugdteam
    assert afspraak.vastgelegd_door == user_by_email("ib@demo.nl")

    client.logout()
    login("ouder@demo.nl")
    html = _detail(client, aflopend)
    assert "In een onderwijs-zorgarrangement (OZA)" in html
    assert "Twee weken een vast aanspreekpunt in de klas" in html
    assert jeugdteam.naam in html
    assert "Afspraken wijzigen" not in html  # parents read, they do not record


def test_the_jeugdteam_records_them_too_and_is_logged(client, login, aflopend):
    login("jeugdteam@demo.nl")
    voor = Toegangslog.objects.count()
    assert _post(client, aflopend).status_code == 302
    assert Eindafspraak.objects.filter(inzet=aflopend).exists()
    assert Toegangslog.objects.count() > voor


def test_the_parent_cannot_post_them(client, login, aflopend):
    login("ouder@demo.nl")
    assert _post(client, aflopend).status_code == 404
    assert not Eindafspraak.objects.exists()


def test_a_return_to_school_needs_the_date_education_starts(client, login, aflopend):
    """ "... afspraken over het moment waarop de jeugdige weer start met onderwijs volgen
    in een OZA of op school": a return without that moment is no agreement."""
    login("ib@demo.nl")
    response = _post(client, aflopend, onderwijs_start_op="")
    assert response.status_code == 302
    assert not Eindafspraak.objects.exists()
    assert "Vul in wanneer de leerling weer start met onderwijs." in _detail(client, aflopend)


def test_nazorg_at_school_names_the_toegangsmedewerker_who_organises_it(client, login, aflopend):
    """Rol gemeente, Toegang: "De lokale toegangsmedewerker is verantwoordelijk voor het
    organiseren van de nazorg die eventueel op de school geleverd moet worden als jeugdigen
    terugkeren vanuit dagbehandeling of dagbesteding." """
    login("ib@demo.nl")
    _post(client, aflopend, nazorg="Begeleiding bij de eerste schoolweken")
    assert not Eindafspraak.objects.exists()
    assert "Kies de toegangsmedewerker die de nazorg op school organiseert." in _detail(
        client, aflopend
    )


def test_no_nazorg_needs_no_toegangsmedewerker_and_says_so(client, login, aflopend):
    login("ib@demo.nl")
    _post(client, aflopend, terugkeer="doorlopend", onderwijs_start_op="")
    afspraak = Eindafspraak.objects.get(inzet=aflopend)
    assert afspraak.onderwijs_start_op is None
    assert "Geen nazorg nodig" in _detail(client, aflopend)


def test_a_save_on_an_old_form_changes_nothing(client, login, aflopend):
    login("ib@demo.nl")
    _post(client, aflopend, terugkeer="school")
    response = _post(client, aflopend, terugkeer="oza", bewerkingen="0")  # seen before
    assert any("iemand anders" in m for m in _meldingen(response))
    assert Eindafspraak.objects.get(inzet=aflopend).terugkeer == "school"
    _post(client, aflopend, terugkeer="oza", bewerkingen="1")
    assert Eindafspraak.objects.get(inzet=aflopend).terugkeer == "oza"


def test_weeks_between_care_and_school_are_warned_about(client, login, aflopend):
    """ "Partijen zorgen samen voor een vloeiende overgang": weeks without care or school
    are saved, with a warning."""
    login("ib@demo.nl")
    response = _post(
        client, aflopend, onderwijs_start_op=(VANDAAG + timedelta(weeks=6)).isoformat()
    )
    assert Eindafspraak.objects.filter(inzet=aflopend).exists()
    assert any("dagen zonder aanbod" in m for m in _meldingen(response))
    _detail(client, aflopend)  # the messages are read
    response = _post(client, aflopend, bewerkingen="1")  # three days: a weekend
    assert not any("zonder aanbod" in m for m in _meldingen(response))


def test_jeugdhulp_op_school_has_no_return_to_agree(client, login, traject):
    jos = begeleiding(traject, soort="jeugdhulp_op_school")
    login("ib@demo.nl")
    assert "Afspraken over het einde van de zorg" not in _detail(client, jos)
    assert _post(client, jos).status_code == 404


def test_the_work_list_asks_for_agreements_within_6_weeks_of_the_end(
    client, login, traject, aflopend
):
    """ "Aanbieders kondigen minimaal 6 weken van tevoren aan als een behandeling stopt":
    from 6 weeks before the end (or after it) an inzet without agreements is work."""
    later = begeleiding(traject, geplande_einde=VANDAAG + timedelta(weeks=10))
    geeindigd = begeleiding(
        traject,
        start=VANDAAG - timedelta(days=200),
        geplande_einde=VANDAAG - timedelta(days=10),
    )
    lopend = Traject.objects.filter(pk=traject.pk)
    signaal = afsluiting.zonder_eindafspraken(lopend)
    assert [i.pk for i in signaal] == [geeindigd.pk, aflopend.pk]
    assert later.pk not in [i.pk for i in signaal]
    assert signaal[0].geeindigd and not signaal[1].geeindigd

    login("ib@demo.nl")
    html = client.get(reverse("home")).content.decode()
    assert "zonder afspraken over de terugkeer naar onderwijs en de nazorg" in html
    assert reverse("arrangeren:jeugdhulp_detail", args=[aflopend.uuid]) in html
    _post(client, aflopend)
    assert [i.pk for i in afsluiting.zonder_eindafspraken(lopend)] == [geeindigd.pk]


# Who pays (opp/betalers.py) -------------------------------------------------------------


def test_jeugdhulp_paid_by_education_is_registered_with_a_warning(client, login, traject):
    """Rol gemeente: "De gemeente is verantwoordelijk voor de inzet van jeugdhulp als
    bedoeld in het handelingsdeel van het OPP"; jeugdhulp here is always registered for
    goals of the OPP."""
    inzet = begeleiding(traject, financiering="onderwijs")
    login("jeugdteam@demo.nl")
    html = _detail(client, inzet)
    assert "Regionale afspraak bij jeugdhulp uit het handelingsdeel van het OPP" in html
    assert "maar gekozen is het onderwijs (school / SWV)" in html
    gemeente = begeleiding(traject, financiering="gemeente")
    assert "maar gekozen is" not in _detail(client, gemeente)


def test_the_registration_form_shows_the_table_and_warns_after_saving(client, login, traject):
    login("jeugdteam@demo.nl")
    url = reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid])
    html = client.get(url).content.decode()
    assert html.index('name="financiering"') < html.index("Wie betaalt wat? De regionale")


def test_registering_jeugdhulp_paid_by_education_warns_at_once(client, login, db):
    """Rol gemeente: "De gemeente is verantwoordelijk voor de inzet van jeugdhulp als
    bedoeld in het handelingsdeel van het OPP": registered, with a warning."""
    from accounts.models import Informatiesoort, Organisatie
    from opp.models import Opp

    traject = traject_met_jeugdteam(
        soorten=(Informatiesoort.MDO_DEELNAME, Informatiesoort.OPP_INZAGE)
    )
    opp = Opp.objects.get(leerling=traject.leerling, versie=1)
    login("jeugdteam@demo.nl")
    response = client.post(
        reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid]),
        {
            "soort": "behandeling",
            "aanbieder": Organisatie.objects.get(naam="Jeugdteam Leiden (demo)").pk,
            "start": VANDAAG.isoformat(),
            "geplande_einde": (VANDAAG + timedelta(weeks=20)).isoformat(),
            "uren_per_week": "2",
            "financiering": "onderwijs",
            "doelen": [opp.doelen.first().pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    meldingen = _meldingen(response)
    assert "De jeugdhulp is geregistreerd." in meldingen
    assert any("maar gekozen is het onderwijs (school / SWV)" in m for m in meldingen)


def test_the_traject_page_says_which_inzet_lacks_agreements(client, login, traject, aflopend):
    url = reverse("arrangeren:traject_detail", args=[traject.uuid])
    login("ib@demo.nl")
    assert "afspraken over het einde van de zorg ontbreken" in client.get(url).content.decode()
    _post(client, aflopend)
    assert "afspraken over het einde van de zorg ontbreken" not in (
        client.get(url).content.decode()
    )


def test_announcing_the_end_asks_for_the_agreements(client, login, aflopend):
    login("jeugdteam@demo.nl")
    response = client.post(
        reverse("arrangeren:jeugdhulp_einde", args=[aflopend.uuid]),
        {"einde": (VANDAAG + timedelta(weeks=8)).isoformat()},
    )
    assert any("afspraken over het einde van de zorg vast" in m for m in _meldingen(response))
