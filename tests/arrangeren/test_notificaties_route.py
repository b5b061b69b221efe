"""Every MDO hand-over notifies the next person (docs/meldingen.md): the invitation, a
change, a cancellation, the report; and consent answers reach the coördinator."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Informatiesoort, Lidmaatschap, Notificatie, Organisatie, Toestemming
from accounts.models.users import Mailvoorkeur
from accounts.services import beantwoord_toestemming, trek_toestemming_in
from arrangeren.route.models import Mdo
from arrangeren.route.services import (
    annuleer_mdo,
    open_traject,
    plan_mdo,
    verstuur_uitnodigingen,
    voeg_genodigde_toe,
    vraag_toestemming_voor_genodigden,
    wijzig_mdo,
)
from tests.arrangeren.route_helpers import naar_stap_2, schrijf_verslag
from tests.arrangeren.test_mdo import mdo_data
from tests.arrangeren.test_route import ALLE_VOORWAARDEN
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


def _meldingen(soort: str, onderwerp) -> set[str]:
    """Who got a notification of this kind about this item (the MDO, or the pupil)."""
    rijen = Notificatie.objects.filter(soort=soort, onderwerp=onderwerp)
    return set(rijen.values_list("ontvanger__email", flat=True))


@pytest.fixture
def ib(db):
    return user_by_email("ib@demo.nl")


@pytest.fixture
def jeugdteam(db):
    return user_by_email("jeugdteam@demo.nl")


@pytest.fixture
def mdo(noor, ib, jeugdteam):
    """An MDO for Noor (not the seeded Sam) with the jeugdteam invited, consent given."""
    namens = Lidmaatschap.objects.get(user=ib, organisatie=noor.school)
    traject = open_traject(leerling=noor, door=ib, namens=namens, voorwaarden=ALLE_VOORWAARDEN)
    naar_stap_2(traject, ib)
    mdo = plan_mdo(traject, mdo_data(), door=ib)
    organisatie = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    voeg_genodigde_toe(mdo, jeugdteam, organisatie, door=ib)
    vraag_toestemming_voor_genodigden(mdo, [Informatiesoort.MDO_DEELNAME], door=ib)
    for rij in Toestemming.objects.filter(leerling=noor, status=Toestemming.Status.GEVRAAGD):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    return mdo


def _genodigden(mdo) -> set[str]:
    return set(mdo.genodigden.exclude(user=None).values_list("user__email", flat=True))


def test_consent_given_notifies_the_coordinator_once_not_the_parent(mdo, ib):
    ouders = {g.ouder.email for g in mdo.traject.leerling.gezagen.select_related("ouder")}
    assert _meldingen("toestemming_gegeven", mdo.traject.leerling.uuid) == {"ib@demo.nl"}
    # Each parent's answer is a row; unread, the coördinator has one notification.
    assert Notificatie.objects.filter(ontvanger=ib, soort="toestemming_gegeven").count() == 1
    melding = Notificatie.objects.get(ontvanger=ib, soort="toestemming_gegeven")
    assert melding.link == reverse(
        "accounts:leerling_toestemming", args=[mdo.traject.leerling.uuid]
    )
    assert not _meldingen("toestemming_gegeven", mdo.traject.leerling.uuid) & ouders
    assert ouders <= _meldingen("toestemming_gevraagd", mdo.traject.leerling.uuid)


def test_consent_withdrawn_notifies_the_coordinator(mdo, ib):
    rij = Toestemming.objects.filter(
        leerling=mdo.traject.leerling, status=Toestemming.Status.GEGEVEN
    ).first()
    trek_toestemming_in(rij, door=rij.gever)
    assert _meldingen("toestemming_ingetrokken", mdo.traject.leerling.uuid) == {"ib@demo.nl"}


def test_consent_refused_notifies_the_coordinator(mdo, ib, jeugdteam):
    """A refusal is a hand-over too: the coördinator learns the MDO goes on without it."""
    leerling = mdo.traject.leerling
    Notificatie.objects.all().delete()
    vraag_toestemming_voor_genodigden(mdo, [Informatiesoort.OPP_INZAGE], door=ib)
    rij = Toestemming.objects.filter(leerling=leerling, status=Toestemming.Status.GEVRAAGD).first()
    beantwoord_toestemming(rij, door=rij.gever, geven=False)
    assert _meldingen("toestemming_geweigerd", leerling.uuid) == {"ib@demo.nl"}
    assert not _meldingen("toestemming_gegeven", leerling.uuid)


def test_the_invitation_notifies_every_invitee_but_the_sender(
    mdo, ib, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verstuur_uitnodigingen(mdo, door=ib)
    verwacht = _genodigden(mdo) - {"ib@demo.nl"}
    assert "jeugdteam@demo.nl" in verwacht
    assert _meldingen("mdo_uitnodiging", mdo.uuid) == verwacht
    # Nobody gets two mails: the invitation with its .ics is the notification's mail.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(verwacht)
    link = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    assert set(
        Notificatie.objects.filter(soort="mdo_uitnodiging").values_list("link", flat=True)
    ) == {link}


def test_a_parent_who_chose_no_mail_gets_the_notification_only(
    mdo, ib, django_capture_on_commit_callbacks
):
    ouder = mdo.genodigden.filter(rol="ouder").first().user
    ouder.mailvoorkeur = Mailvoorkeur.UIT
    ouder.save(update_fields=["mailvoorkeur"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verstuur_uitnodigingen(mdo, door=ib)
    assert ouder.email in _meldingen("mdo_uitnodiging", mdo.uuid)
    assert ouder.email not in {m.to[0] for m in mail.outbox}


def test_the_jeugdteam_sees_its_invitation_in_mijn_werk_and_the_bell(mdo, ib, jeugdteam, login):
    verstuur_uitnodigingen(mdo, door=ib)
    client = login("jeugdteam@demo.nl")
    html = client.get(reverse("home")).content.decode()
    assert (
        "MDO&#x27;s waarvoor u bent uitgenodigd" in html
        or "MDO's waarvoor u bent uitgenodigd" in html
    )
    assert reverse("arrangeren:mdo_detail", args=[mdo.uuid]) in html
    assert "Meldingen, 1 ongelezen" in html
    pagina = client.get(reverse("accounts:meldingen")).content.decode()
    assert "Er is een MDO-uitnodiging voor u" in pagina
    assert "Noor" not in pagina and "Visser" not in pagina
    melding = Notificatie.objects.get(ontvanger=jeugdteam)
    volgen = client.get(reverse("accounts:melding", args=[melding.uuid]))
    assert client.get(volgen["Location"]).status_code == 200


def test_a_change_and_a_cancellation_notify_the_invitees_not_the_changer(mdo, ib):
    verstuur_uitnodigingen(mdo, door=ib)
    mdo.refresh_from_db()
    later = mdo.start + timedelta(days=1)
    data = {**mdo_data(), "start": later, "eind": later + timedelta(hours=1)}
    wijzig_mdo(mdo, data, door=ib, versie=mdo.versie)
    verwacht = _genodigden(mdo) - {"ib@demo.nl"}
    assert _meldingen("mdo_gewijzigd", mdo.uuid) == verwacht
    annuleer_mdo(mdo, door=ib, reden="Ziek")
    assert _meldingen("mdo_geannuleerd", mdo.uuid) == verwacht


def test_a_change_and_a_cancellation_reach_the_calendar_of_a_parent_without_mail(
    mdo, ib, django_capture_on_commit_callbacks
):
    """ "Uit" mutes notifications, not corrections of a meeting she may have in her
    calendar: the change and the cancellation still bring their .ics."""
    verstuur_uitnodigingen(mdo, door=ib)
    ouder = mdo.genodigden.filter(rol="ouder").first().user
    ouder.mailvoorkeur = Mailvoorkeur.UIT
    ouder.save(update_fields=["mailvoorkeur"])
    mdo.refresh_from_db()
    later = mdo.start + timedelta(days=1)
    for actie in (
        lambda: wijzig_mdo(
            mdo,
            {**mdo_data(), "start": later, "eind": later + timedelta(hours=1)},
            door=ib,
            versie=mdo.versie,
        ),
        lambda: annuleer_mdo(mdo, door=ib, reden="Ziek"),
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            actie()
        mdo.refresh_from_db()
        aan_ouder = [m for m in mail.outbox if m.to == [ouder.email]]
        assert len(aan_ouder) == 1
        assert [a[0] for a in aan_ouder[0].attachments] == ["mdo.ics"]
    assert b"METHOD:CANCEL" in aan_ouder[0].attachments[0][1].encode()


def test_the_final_report_notifies_the_attendees(mdo, ib):
    verstuur_uitnodigingen(mdo, door=ib)
    schrijf_verslag(mdo.traject, ib, vaststellen=True)
    assert _meldingen("mdo_verslag", mdo.uuid) == _genodigden(mdo) - {"ib@demo.nl"}


def test_the_jeugdteam_asked_for_times_sees_the_mdo_in_mijn_werk(mdo, ib, login):
    from arrangeren.route.services import stel_tijdsloten_voor

    begin = mdo.start + timedelta(days=1)
    # Planned without a time: the invitees choose from proposed times (the slot poll).
    Mdo.objects.filter(pk=mdo.pk).update(start=None, eind=None, planning=Mdo.Planning.KIEZEN)
    tijden = [(begin + timedelta(days=d), begin + timedelta(days=d, hours=1)) for d in range(2)]
    stel_tijdsloten_voor(mdo, tijden, door=ib)
    assert "jeugdteam@demo.nl" in _meldingen("mdo_tijden", mdo.uuid)
    html = login("jeugdteam@demo.nl").get(reverse("home")).content.decode()
    assert reverse("arrangeren:mdo_detail", args=[mdo.uuid]) in html
    assert "de tijd wordt nog gekozen: geef door wanneer u kunt" in html
