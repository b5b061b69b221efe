"""Jeugdhulp inzet: the 52-hour kader, the 6-week notice, the multidisciplinaire begeleider."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Lidmaatschap, Organisatie
from arrangeren.jeugdhulp import kaders, services
from arrangeren.jeugdhulp.models import Kaderuitzondering, Urenregistratie
from opp.models import Opp
from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam
from tests.conftest import user_by_email


@pytest.fixture
def traject(db):
    return traject_met_jeugdteam()


@pytest.fixture
def jeugdteam(db):
    return user_by_email("jeugdteam@demo.nl")


def test_half_years_run_from_january_and_july():
    assert kaders.halfjaar_van(date(2026, 6, 30)) == date(2026, 1, 1)
    assert kaders.halfjaar_van(date(2026, 7, 1)) == date(2026, 7, 1)
    assert kaders.einde_halfjaar(date(2026, 7, 1)) == date(2026, 12, 31)


def test_52_hours_are_allowed_the_next_hour_is_refused(traject, jeugdteam):
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    weken = [date(2026, 1, 5) + timedelta(weeks=i) for i in range(6)]
    for week in weken[:5]:
        services.log_uren(inzet, week, Decimal("10"), door=jeugdteam)
    regel, status = services.log_uren(inzet, weken[5], Decimal("2"), door=jeugdteam)
    assert status.uren == Decimal("52") and status.waarschuwing and not status.overschreden
    with pytest.raises(ValidationError, match="kader is 52"):
        services.log_uren(inzet, weken[5], Decimal("2.5"), door=jeugdteam)  # correcting up
    regel.refresh_from_db()
    assert regel.uren == Decimal("2")  # nothing half-written


def test_the_warning_starts_at_80_percent(traject, jeugdteam):
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    _, status = services.log_uren(inzet, date(2026, 2, 2), Decimal("41.5"), door=jeugdteam)
    assert not status.waarschuwing
    _, status = services.log_uren(inzet, date(2026, 2, 9), Decimal("0.5"), door=jeugdteam)
    assert status.waarschuwing  # 42 >= 41.6


def test_a_new_half_year_starts_at_zero(traject, jeugdteam):
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    services.log_uren(inzet, date(2026, 6, 22), Decimal("52"), door=jeugdteam)
    _, status = services.log_uren(inzet, date(2026, 7, 6), Decimal("10"), door=jeugdteam)
    assert status.halfjaar == date(2026, 7, 1) and status.uren == Decimal("10")


def test_beyond_52_hours_only_with_an_exception_from_school_or_swv(traject, jeugdteam):
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    services.log_uren(inzet, date(2026, 3, 2), Decimal("52"), door=jeugdteam)
    with pytest.raises(PermissionDenied):
        services.leg_uitzondering_vast(
            traject.leerling, date(2026, 3, 9), door=jeugdteam, onderwijsarrangement="x", reden="y"
        )
    ib = user_by_email("ib@demo.nl")
    with pytest.raises(ValidationError):
        services.leg_uitzondering_vast(
            traject.leerling, date(2026, 3, 9), door=ib, onderwijsarrangement=" ", reden="y"
        )
    services.leg_uitzondering_vast(
        traject.leerling,
        date(2026, 3, 9),
        door=ib,
        onderwijsarrangement="Arrangement rustige werkplek, SWV PO-28-01",
        reden="Structurele ondersteuning nodig naast het onderwijsarrangement",
    )
    # Only once the SWV agrees (tests/arrangeren/test_jeugdhulp_regio.py).
    services.geef_akkoord_op_uitzondering(
        Kaderuitzondering.objects.get(leerling=traject.leerling), door=user_by_email("swv@demo.nl")
    )
    _, status = services.log_uren(inzet, date(2026, 3, 9), Decimal("6"), door=jeugdteam)
    assert status.uren == Decimal("58") and status.uitzondering
    # The exception holds for that half year only.
    with pytest.raises(ValidationError):
        services.log_uren(inzet, date(2026, 7, 6), Decimal("53"), door=jeugdteam)


def test_behandeling_does_not_count_for_the_begeleiding_kader(traject, jeugdteam):
    inzet = begeleiding(traject, start=date(2026, 1, 1), soort="behandeling")
    services.log_uren(inzet, date(2026, 3, 2), Decimal("60"), door=jeugdteam)
    assert kaders.kaderstatus(traject.leerling, date(2026, 3, 2)).uren == 0


@pytest.mark.parametrize(
    ("week", "uren", "melding"),
    [
        (date(2026, 3, 2), Decimal("-2"), "positief"),
        (date(2026, 3, 2), Decimal("200"), "24 uur per dag"),
        (date.today() + timedelta(days=30), Decimal("2"), "eerdere weken"),
        (date(2020, 1, 6), Decimal("2"), "liep deze inzet niet"),
    ],
)
def test_bad_hours_get_a_dutch_message_and_nothing_is_saved(
    traject, jeugdteam, week, uren, melding
):
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    with pytest.raises(ValidationError, match=melding):
        services.log_uren(inzet, week, uren, door=jeugdteam)
    assert not Urenregistratie.objects.exists()


def test_registering_refuses_bad_dates_and_goals_of_another_pupil(traject, jeugdteam, noor):
    with pytest.raises(ValidationError, match="vóór de startdatum"):
        begeleiding(traject, start=date(2026, 5, 1), geplande_einde=date(2026, 4, 1))
    with pytest.raises(ValidationError, match="te ver in de toekomst"):
        begeleiding(traject, start=date.today() + timedelta(days=3000))
    from opp.services import maak_opp

    ander_opp = maak_opp(
        noor,
        door=user_by_email("ib@demo.nl"),
        doelen=[{"domein": "emotieregulatie", "soort": "jeugdhulp", "omschrijving": "x"}],
    )
    with pytest.raises(ValidationError, match="niet bij het OPP van deze leerling"):
        services.registreer_inzet(
            traject,
            {
                "aanbieder": Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"),
                "soort": "begeleiding",
                "start": date(2026, 1, 1),
                "geplande_einde": date(2026, 6, 1),
                "uren_per_week": 2,
            },
            list(ander_opp.doelen.all()),
            door=jeugdteam,
        )


def test_an_end_announced_less_than_6_weeks_ahead_is_flagged(traject, jeugdteam):
    inzet = begeleiding(traject)
    assert (
        services.kondig_einde_aan(inzet, date.today() + timedelta(weeks=6), door=jeugdteam) is False
    )
    assert (
        services.kondig_einde_aan(inzet, date.today() + timedelta(days=41), door=jeugdteam) is True
    )
    inzet.refresh_from_db()
    assert inzet.einde_aangekondigd_op == date.today()
    with pytest.raises(ValidationError, match="verleden"):
        services.kondig_einde_aan(inzet, date.today() - timedelta(days=1), door=jeugdteam)


def test_the_multidisciplinaire_begeleider_needs_an_opp_and_both_goals(traject, jeugdteam):
    """The other conditions (the school's vaste contactpersoon, consent, a signed OPP, the
    financing): tests/arrangeren/test_jeugdhulp_regio.py."""
    from tests.arrangeren.test_jeugdhulp_regio import mdb_data

    opp = Opp.objects.get(leerling=traject.leerling)
    onderwijs = [d for d in opp.doelen.all() if d.soort == "onderwijs"]
    with pytest.raises(ValidationError) as fout:
        services.registreer_inzet(traject, mdb_data(), onderwijs, door=jeugdteam)
    assert "onderwijsdoel als een jeugdhulpdoel" in str(fout.value.message_dict["doelen"])
    assert "vaste contactpersoon" in str(fout.value.message_dict["vaste_contactpersoon"])
    Opp.objects.filter(leerling=traject.leerling).delete()
    with pytest.raises(ValidationError, match="vanuit een OPP"):
        services.registreer_inzet(traject, mdb_data(), [], door=jeugdteam)


@pytest.mark.parametrize(
    ("scenario", "extra", "onderwijs", "gemeente"),
    [
        ("a", {"opdrachtgever": "onderwijs"}, "900.00", "0"),
        ("a", {"opdrachtgever": "gemeente"}, "0", "900.00"),
        ("b", {"opdrachtgever": "gemeente"}, "900.00", "0"),
        ("b", {"opdrachtgever": "onderwijs"}, "0", "900.00"),
        ("c", {"aandeel_onderwijs": 40, "aandeel_gemeente": 60}, "360.00", "540.00"),
    ],
)
def test_mdb_cost_per_party_for_each_scenario(scenario, extra, onderwijs, gemeente):
    kosten = kaders.mdb_kosten(Decimal("10"), scenario=scenario, **extra)
    assert kosten.totaal == Decimal("900.00")
    assert (kosten.onderwijs, kosten.gemeente) == (Decimal(onderwijs), Decimal(gemeente))


def test_the_jeugdteam_without_consent_cannot_register(client, login, sam):
    from tests.arrangeren.jeugdhulp_helpers import traject_met_jeugdteam as _  # noqa: F401

    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    from arrangeren.route.services import open_traject
    from arrangeren.route.stappen import Voorwaarde

    traject = open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    login("jeugdteam@demo.nl")
    url = reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid])
    assert client.get(url).status_code == 404


def test_hours_logged_in_the_browser_show_the_kader(client, login, traject):
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    login("jeugdteam@demo.nl")
    response = client.post(
        reverse("arrangeren:jeugdhulp_actie", args=[inzet.uuid, "uren"]),
        {"week": "2026-03-04", "uren": "45"},
        follow=True,
    )
    inhoud = response.content.decode()
    assert "De uren zijn opgeslagen" in inhoud
    assert re.search(r"Let op: 45(\.0)? van de 52 uur", inhoud)
    assert inzet.uren.get().week == date(2026, 3, 2)


def test_an_end_before_the_start_in_the_form_gets_a_dutch_message(client, login, traject):
    login("jeugdteam@demo.nl")
    opp = Opp.objects.get(leerling=traject.leerling)
    response = client.post(
        reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid]),
        {
            "soort": "begeleiding",
            "aanbieder": Organisatie.objects.get(naam="Jeugdteam Leiden (demo)").pk,
            "start": "2026-05-01",
            "geplande_einde": "2026-04-01",
            "uren_per_week": "2",
            "financiering": "gemeente",
            "doelen": [opp.doelen.first().pk],
        },
    )
    assert "De geplande einddatum ligt vóór de startdatum." in response.content.decode()
    assert not traject.jeugdhulp.exists()


def test_the_exception_applies_to_the_half_year_of_the_chosen_week(client, login, traject):
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    services.log_uren(inzet, date(2026, 6, 1), Decimal("52"), door=jeugdteam)
    login("ib@demo.nl")
    client.post(
        reverse("arrangeren:jeugdhulp_actie", args=[inzet.uuid, "uitzondering"]),
        {"week": "2026-06-08", "onderwijsarrangement": "Arrangement SWV", "reden": "Nodig"},
    )
    uitzondering = Kaderuitzondering.objects.get(leerling=traject.leerling)
    assert uitzondering.halfjaar == date(2026, 1, 1)
    services.geef_akkoord_op_uitzondering(uitzondering, door=user_by_email("swv@demo.nl"))
    _, status = services.log_uren(inzet, date(2026, 6, 8), Decimal("3"), door=jeugdteam)
    assert status.halfjaar == date(2026, 1, 1) and status.uitzondering


def test_a_teacher_does_not_see_jeugdhulp(client, login, traject):
    inzet = begeleiding(traject)
    login("mentor@demo.nl")
    assert client.get(reverse("arrangeren:jeugdhulp_detail", args=[inzet.uuid])).status_code == 404
