"""Every .ics the app produces, parsed strictly and checked against RFC 5545 (issue 15,
part 4; docs/route.md, "Agenda")."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Toegangslog
from arrangeren.route.services import (
    annuleer_mdo,
    beantwoord_uitnodiging,
    plan_mdo,
    verstuur_uitnodigingen,
    wijzig_mdo,
)
from arrangeren.route.services.uitnodigingen import ics
from tests.arrangeren.test_mdo import ib, mdo_data, traject  # noqa: F401 (fixtures)
from tests.conftest import login_verified, user_by_email

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def streng(data: bytes | str) -> Calendar:
    """icalendar's parser plus the properties RFC 5545 requires (sections 3.6, 3.7, 3.8)."""
    data = data.encode() if isinstance(data, str) else data
    assert b"\r\n" in data and all(len(regel) <= 75 for regel in data.split(b"\r\n"))
    cal = Calendar.from_ical(data)
    assert not cal.errors
    for eigenschap in ("PRODID", "VERSION"):
        assert eigenschap in cal, eigenschap
    assert cal["VERSION"] == "2.0"
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert not event.errors
    for eigenschap in ("UID", "DTSTAMP", "DTSTART"):
        assert eigenschap in event, eigenschap
    assert event.decoded("DTSTART").tzinfo is not None  # never floating time
    # Every TZID used has its VTIMEZONE.
    gedefinieerd = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert cal.get_used_tzids() <= gedefinieerd
    methode = str(cal.get("METHOD", ""))
    assert methode in {"REQUEST", "CANCEL", "PUBLISH"}
    if methode in {"REQUEST", "CANCEL"}:
        assert "ORGANIZER" in event and "SEQUENCE" in event
        assert attendees(event)
    if methode == "CANCEL":
        assert str(event["STATUS"]) == "CANCELLED"
    return cal


def event_van(cal: Calendar):
    return next(iter(cal.walk("VEVENT")))


def attendees(event) -> list:
    waarde = event.get("ATTENDEE", [])
    return waarde if isinstance(waarde, list) else [waarde]


def ics_in(bericht) -> Calendar:
    [(naam, inhoud, mimetype)] = bericht.attachments
    assert naam.endswith(".ics") and mimetype == "text/calendar"
    return streng(inhoud)


def per_ontvanger() -> dict[str, Calendar]:
    return {b.to[0]: ics_in(b) for b in mail.outbox}


@pytest.fixture
def uitgenodigd(traject, ib, django_capture_on_commit_callbacks):  # noqa: F811
    mdo = plan_mdo(traject, mdo_data(), door=ib)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verstuur_uitnodigingen(mdo, door=ib)
    mdo.refresh_from_db()
    return mdo


def test_the_invitation_names_the_coordinator_and_every_invitee(uitgenodigd, ib):  # noqa: F811
    kalenders = per_ontvanger()
    assert set(kalenders) == {"mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"}
    for adres, cal in kalenders.items():
        assert str(cal["METHOD"]) == "REQUEST"
        event = event_van(cal)
        assert str(event["UID"]) == uitgenodigd.ical_uid
        assert str(event["ORGANIZER"]).lower() == "mailto:ib@demo.nl"
        assert "noreply" not in cal.to_ical().decode().lower().replace("-", "")
        lijst = attendees(event)
        # Coördinator, mentor and both parents: each with a name and an RSVP state.
        assert len(lijst) == 4
        assert {a.params["PARTSTAT"] for a in lijst} == {"NEEDS-ACTION"}
        assert all(a.params["RSVP"] == "TRUE" and a.params.get("ROLE") for a in lijst)
        assert all(a.params.get("CN") for a in lijst)
        # The recipient finds herself by address; the others' addresses stay private.
        eigen = [a for a in lijst if str(a).lower() == f"mailto:{adres}"]
        assert len(eigen) == 1
        tekst = cal.to_ical().decode()
        assert all(ander not in tekst for ander in kalenders if ander != adres)
        assert "Vries" not in tekst and "Kamer van" not in tekst


def test_a_change_is_utc_or_has_its_timezone_raises_sequence_and_skips_the_changer(
    uitgenodigd,
    ib,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    ouder = user_by_email("ouder@demo.nl")
    mentor = user_by_email("mentor@demo.nl")
    beantwoord_uitnodiging(uitgenodigd.genodigden.get(user=ouder), True, door=ouder)
    beantwoord_uitnodiging(uitgenodigd.genodigden.get(user=mentor), False, door=mentor)
    eerste = int(event_van(per_ontvanger()["ouder@demo.nl"])["SEQUENCE"])
    mail.outbox.clear()
    # As the form gives it: a time in the Netherlands, not UTC.
    dag = (timezone.now() + timedelta(days=20)).date()
    start = datetime(dag.year, dag.month, dag.day, 14, 30, tzinfo=AMSTERDAM)
    with django_capture_on_commit_callbacks(execute=True):
        wijzig_mdo(
            uitgenodigd,
            {"start": start, "eind": start + timedelta(hours=1)},
            door=ib,
            versie=uitgenodigd.versie,
        )
    kalenders = per_ontvanger()
    assert "ib@demo.nl" not in kalenders
    assert set(kalenders) == {"mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"}
    cal = kalenders["ouder@demo.nl"]
    event = event_van(cal)
    assert event.decoded("DTSTART") == start
    assert int(event["SEQUENCE"]) > eerste
    staat = {str(a).lower(): a.params["PARTSTAT"] for a in attendees(event)}
    assert staat["mailto:ouder@demo.nl"] == "ACCEPTED"
    assert event_van(kalenders["mentor@demo.nl"])  # parsed above
    mentor_staat = {
        str(a).lower(): a.params["PARTSTAT"]
        for a in attendees(event_van(kalenders["mentor@demo.nl"]))
    }
    assert mentor_staat["mailto:mentor@demo.nl"] == "DECLINED"


def test_cancelling_sends_method_cancel_with_the_same_uid_and_a_higher_sequence(
    uitgenodigd,
    ib,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    eerste = int(event_van(per_ontvanger()["ouder@demo.nl"])["SEQUENCE"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        annuleer_mdo(uitgenodigd, door=ib, reden="Ziek")
    kalenders = per_ontvanger()
    assert set(kalenders) == {"mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"}
    for cal in kalenders.values():
        assert str(cal["METHOD"]) == "CANCEL"
        event = event_van(cal)
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == uitgenodigd.ical_uid
        assert int(event["SEQUENCE"]) > eerste
        assert "Ziek" not in cal.to_ical().decode()


def test_the_mdo_page_offers_the_appointment_as_a_download(client, uitgenodigd):
    ouder = user_by_email("ouder@demo.nl")
    login_verified(client, ouder)
    pagina = client.get(reverse("arrangeren:mdo_detail", args=[uitgenodigd.uuid]))
    url = reverse("arrangeren:mdo_ics", args=[uitgenodigd.uuid])
    assert url in pagina.content.decode() and "Zet in agenda" in pagina.content.decode()
    voor = Toegangslog.objects.count()
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/calendar")
    assert antwoord["Content-Disposition"].startswith("attachment")
    cal = streng(antwoord.content)
    event = event_van(cal)
    assert str(event["UID"]) == uitgenodigd.ical_uid
    assert "mailto:ouder@demo.nl" in [str(a).lower() for a in attendees(event)]
    assert Toegangslog.objects.count() == voor + 1
    assert client.post(url).status_code == 405


def test_the_service_ics_is_valid_before_invitations_too(traject, ib):  # noqa: F811
    mdo = plan_mdo(traject, mdo_data(), door=ib)
    streng(ics(mdo))
