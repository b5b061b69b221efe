"""The e-mail outbox: a mail server that is down or refuses, retries, the list of mail that
did not arrive, sending again, and the login code that cannot wait (docs/productie.md)."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import berichten
from accounts.berichten import verstuur, verwerk_wachtrij
from accounts.mail import stuur_mail
from accounts.models import Bericht, Lidmaatschap
from arrangeren.route.services import open_traject, plan_mdo, verstuur_uitnodigingen
from arrangeren.route.services.uitnodigingen import UITNODIGING_SJABLOON
from arrangeren.route.stappen import Voorwaarde
from tests.accounts.login_steps import (
    RESEND_URL,
    VERIFY_URL,
    code_from,
    is_verified,
    otp_mails,
    password_login,
)
from tests.arrangeren.route_helpers import naar_stap_2
from tests.conftest import user_by_email
from tests.mailbackends import Mailserver

pytestmark = pytest.mark.django_db

UITGENODIGD = ["mentor@demo.nl", "ouder2@demo.nl", "ouder@demo.nl"]
LIJST_URL = reverse("accounts:berichten_niet_afgeleverd")
NIET_VERSTUURD = "We konden de code niet versturen. Probeer het over een paar minuten opnieuw."


@pytest.fixture
def mailserver(settings):
    settings.EMAIL_BACKEND = "tests.mailbackends.Mailserver"
    Mailserver.herstel()
    yield Mailserver
    Mailserver.herstel()


@pytest.fixture
def ib(db):
    return user_by_email("ib@demo.nl")


@pytest.fixture
def mdo(sam, ib):
    lid = Lidmaatschap.objects.get(user=ib)
    traject = open_traject(
        leerling=sam, door=ib, namens=lid, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    naar_stap_2(traject, ib)
    start = timezone.now() + timedelta(days=10)
    return plan_mdo(
        traject,
        {"doel": "Plan maken", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
        door=ib,
    )


def maak_bericht(**velden) -> Bericht:
    return Bericht.objects.create(
        **{
            "aan": "jan@voorbeeld.nl",
            "onderwerp": "Er wacht iets op u",
            "tekst": "Kijk in Samenplan.",
            "sjabloon": "test.txt",
            **velden,
        }
    )


def tijd_verstrijkt():
    """The wait before the next try is over (and the job that was to send it is gone)."""
    Bericht.objects.filter(status=Bericht.Status.WACHTRIJ).update(
        volgende_poging=timezone.now() - timedelta(minutes=10)
    )


def uitnodigingen():
    return Bericht.objects.filter(sjabloon=UITNODIGING_SJABLOON).order_by("aan")


def mislukte_uitnodigingen(mdo, ib, mailserver, django_capture_on_commit_callbacks):
    mailserver.storing = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with django_capture_on_commit_callbacks(execute=True):
        verstuur_uitnodigingen(mdo, door=ib)
    for _ in range(5):
        tijd_verstrijkt()
        verwerk_wachtrij()
    mailserver.storing = None
    return list(uitnodigingen())


# --- A mail server that is down ---------------------------------------------------------


def test_a_mail_server_that_is_down_leaves_the_invitations_waiting_and_the_invitation_done(
    client, login, mdo, mailserver, django_capture_on_commit_callbacks
):
    login("ib@demo.nl")
    url = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    mailserver.storing = ConnectionRefusedError(111, "Connection refused")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"actie": "uitnodigen"}, follow=True)

    assert "De uitnodigingen zijn verstuurd" in response.content.decode()
    assert mdo.genodigden.filter(uitgenodigd_op__isnull=False).count() == 4
    assert mail.outbox == []
    berichten = list(uitnodigingen())
    assert [b.aan for b in berichten] == UITGENODIGD
    for bericht in berichten:
        assert bericht.status == Bericht.Status.WACHTRIJ
        assert bericht.pogingen == 1
        assert bericht.volgende_poging > timezone.now() + timedelta(seconds=50)
        assert bericht.laatste_fout.startswith("ConnectionRefusedError")
        assert bericht.veroorzaakt_door == user_by_email("ib@demo.nl")
    assert "E-mail in de wachtrij" in client.get(url).content.decode()


def test_the_waiting_mail_leaves_once_the_server_is_back(
    mdo, ib, mailserver, django_capture_on_commit_callbacks
):
    mailserver.storing = ConnectionRefusedError(111, "Connection refused")
    with django_capture_on_commit_callbacks(execute=True):
        verstuur_uitnodigingen(mdo, door=ib)
    mailserver.storing = None

    verwerk_wachtrij()  # not due yet: the wait is not over
    assert mail.outbox == []
    tijd_verstrijkt()
    verwerk_wachtrij()

    assert sorted(m.to[0] for m in mail.outbox) == UITGENODIGD
    assert all(m.attachments[0][2] == "text/calendar" for m in mail.outbox)
    assert {b.status for b in uitnodigingen()} == {Bericht.Status.VERSTUURD}


def test_after_the_last_try_the_message_is_niet_afgeleverd(
    mdo, ib, mailserver, django_capture_on_commit_callbacks
):
    berichten = mislukte_uitnodigingen(mdo, ib, mailserver, django_capture_on_commit_callbacks)

    assert {b.status for b in berichten} == {Bericht.Status.MISLUKT}
    assert {b.pogingen for b in berichten} == {6}
    tijd_verstrijkt()
    verwerk_wachtrij()
    assert mail.outbox == []  # given up: not tried again by itself


def test_an_address_refused_for_good_is_niet_afgeleverd_at_once_without_the_address_in_the_error(
    mailserver,
):
    bericht = maak_bericht(aan="onbekend@voorbeeld.nl")
    mailserver.storing = smtplib.SMTPRecipientsRefused(
        {"onbekend@voorbeeld.nl": (550, b"5.1.1 <onbekend@voorbeeld.nl>: Recipient unknown")}
    )

    assert verstuur(bericht.pk) is False

    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT
    assert bericht.pogingen == 1
    assert "550 5.1.1 <[adres]>: Recipient unknown" in bericht.laatste_fout
    assert "@" not in bericht.laatste_fout


# --- Sent means accepted, and sent once -------------------------------------------------


def test_a_message_is_verstuurd_only_after_the_mail_server_accepted_it(mailserver):
    bericht = maak_bericht()
    tijdens = []
    mailserver.bij_verzenden = lambda _: tijdens.append(Bericht.objects.get(pk=bericht.pk).status)

    assert verstuur(bericht.pk) is True

    assert tijdens == [Bericht.Status.BEZIG]
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERSTUURD
    assert bericht.verstuurd_op is not None
    assert [m.subject for m in mail.outbox] == ["[Samenplan] Er wacht iets op u"]
    assert bericht.tekst == ""  # once sent, the text (and any link in it) is gone


def test_a_server_that_takes_nothing_does_not_make_the_message_verstuurd(mailserver):
    bericht = maak_bericht()
    mailserver.neemt_niet_aan = True

    assert verstuur(bericht.pk) is False

    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.WACHTRIJ
    assert bericht.laatste_fout.startswith("NietGeaccepteerd")
    assert bericht.tekst == "Kijk in Samenplan."


def test_two_calls_for_the_same_message_send_it_once(mailserver):
    bericht = maak_bericht()

    assert verstuur(bericht.pk) is True
    assert verstuur(bericht.pk) is False

    assert len(mail.outbox) == 1


def test_a_second_worker_during_the_send_leaves_the_message_alone(mailserver):
    bericht = maak_bericht()
    tweede = []
    mailserver.bij_verzenden = lambda _: tweede.append(verstuur(bericht.pk))

    verstuur(bericht.pk)

    assert tweede == [False]
    assert len(mail.outbox) == 1


# --- Workers that die, jobs that got lost -----------------------------------------------


def test_a_message_left_bezig_by_a_dead_worker_is_sent_by_the_sweep(settings, mailserver):
    lang = timezone.now() - timedelta(seconds=settings.SAMENPLAN_BERICHT_BEZIG_TIMEOUT + 1)
    verlaten = maak_bericht(aan="verlaten@voorbeeld.nl", status="bezig", bezig_sinds=lang)
    bezig = maak_bericht(aan="bezig@voorbeeld.nl", status="bezig", bezig_sinds=timezone.now())

    uitkomst = verwerk_wachtrij()

    assert uitkomst["hersteld"] == 1
    assert [m.to for m in mail.outbox] == [["verlaten@voorbeeld.nl"]]
    verlaten.refresh_from_db()
    bezig.refresh_from_db()
    assert (verlaten.status, verlaten.pogingen) == (Bericht.Status.VERSTUURD, 1)
    assert bezig.status == Bericht.Status.BEZIG  # its worker may still be sending


def test_a_message_that_kills_its_worker_every_time_ends_niet_afgeleverd(settings, mailserver):
    lang = timezone.now() - timedelta(seconds=settings.SAMENPLAN_BERICHT_BEZIG_TIMEOUT + 1)
    bericht = maak_bericht(status="bezig", bezig_sinds=lang, pogingen=5)

    verwerk_wachtrij()

    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.MISLUKT, 6)
    assert bericht.laatste_fout.startswith("Onderbroken")
    assert mail.outbox == []


def test_the_sweep_sends_a_due_message_whose_job_got_lost_and_leaves_fresh_ones_to_their_job(
    mailserver,
):
    verloren = maak_bericht(aan="verloren@voorbeeld.nl")
    Bericht.objects.filter(pk=verloren.pk).update(
        volgende_poging=timezone.now() - timedelta(minutes=10)
    )
    vers = maak_bericht(aan="vers@voorbeeld.nl")

    uitkomst = verwerk_wachtrij()

    assert uitkomst["ingepland"] == 1
    assert [m.to for m in mail.outbox] == [["verloren@voorbeeld.nl"]]
    vers.refresh_from_db()
    assert vers.status == Bericht.Status.WACHTRIJ


def test_with_the_database_queue_a_failed_send_is_queued_again_for_after_the_wait(
    settings, mailserver
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    bericht = maak_bericht()
    mailserver.storing = ConnectionRefusedError(111, "Connection refused")

    verstuur(bericht.pk)

    bericht.refresh_from_db()
    taak = DBTaskResult.objects.get()
    assert taak.task_path == "accounts.taken.verstuur_bericht"
    assert taak.args_kwargs["args"] == [bericht.pk]
    assert taak.run_after == bericht.volgende_poging


def test_with_the_database_queue_the_worker_sends_what_a_change_wrote(
    settings, mailserver, django_capture_on_commit_callbacks, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker drops connections outside autocommit; the test's transaction is one.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    with django_capture_on_commit_callbacks(execute=True):
        stuur_mail(
            ["a@voorbeeld.nl", "b@voorbeeld.nl"],
            "Onderwerp",
            "arrangeren/email/tlv.txt",
            {"soort": "besluit", "pad": "/"},
        )
    assert mail.outbox == []  # queued, not sent by the request

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert sorted(m.to[0] for m in mail.outbox) == ["a@voorbeeld.nl", "b@voorbeeld.nl"]


# --- "E-mail niet afgeleverd": who sees it, sending again ------------------------------


def test_the_causer_and_the_regions_beheerder_see_the_failed_mail_without_its_text(
    client, login, mdo, ib, mailserver, django_capture_on_commit_callbacks
):
    mislukte_uitnodigingen(mdo, ib, mailserver, django_capture_on_commit_callbacks)

    for persona in ("ib@demo.nl", "beheer@demo.nl"):
        inhoud = login(persona).get(LIJST_URL).content.decode()
        for adres in UITGENODIGD:
            assert adres in inhoud
        assert "SMTPServerDisconnected" in inhoud
        assert "Uitnodiging voor een MDO" in inhoud
        assert "multidisciplinair overleg" not in inhoud  # the text stays out

    inhoud = login("mentor@demo.nl").get(LIJST_URL).content.decode()
    assert "Er zijn geen berichten die niet zijn afgeleverd." in inhoud
    assert "ouder@demo.nl" not in inhoud


def test_the_start_page_says_how_many_mails_did_not_arrive(client, login, ib):
    maak_bericht(status="mislukt", pogingen=6, veroorzaakt_door=ib)

    assert "1 e-mail niet afgeleverd" in login("ib@demo.nl").get("/").content.decode()
    assert "niet afgeleverd" not in login("mentor@demo.nl").get("/").content.decode()


def test_sending_again_delivers_the_message(
    client, login, mdo, ib, mailserver, django_capture_on_commit_callbacks
):
    bericht = mislukte_uitnodigingen(mdo, ib, mailserver, django_capture_on_commit_callbacks)[0]
    login("ib@demo.nl")
    url = reverse("accounts:bericht_opnieuw_versturen", args=[bericht.uuid])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    assert "staat weer klaar en wordt nu verstuurd" in response.content.decode()
    assert [m.to for m in mail.outbox] == [[bericht.aan]]
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.VERSTUURD, 0)
    response = client.post(url, follow=True)  # a second click
    assert "al opnieuw in de wachtrij gezet of afgeleverd" in response.content.decode()
    assert len(mail.outbox) == 1


def test_someone_elses_failed_message_is_not_found(client, login, ib):
    bericht = maak_bericht(status="mislukt", pogingen=6, veroorzaakt_door=ib)
    url = reverse("accounts:bericht_opnieuw_versturen", args=[bericht.uuid])

    assert login("mentor@demo.nl").post(url).status_code == 404
    assert login("ib.andere@demo.nl").post(url).status_code == 404
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT
    assert login("beheer@demo.nl").post(url).status_code == 302


def test_the_mdo_page_shows_which_invitation_did_not_arrive_and_sends_it_again(
    client, login, mdo, ib, mailserver, django_capture_on_commit_callbacks
):
    berichten = mislukte_uitnodigingen(mdo, ib, mailserver, django_capture_on_commit_callbacks)
    url = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    login("ib@demo.nl")

    inhoud = client.get(url).content.decode()
    assert inhoud.count("E-mail niet afgeleverd") == 3
    assert "Opnieuw versturen" in inhoud

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:bericht_opnieuw_versturen", args=[berichten[0].uuid]),
            {"volgende": url},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == url
    inhoud = response.content.decode()
    assert inhoud.count("E-mail niet afgeleverd") == 2
    assert "E-mail in de wachtrij" in inhoud  # the page came before the worker sent it
    assert "E-mail verstuurd" in client.get(url).content.decode()


def test_the_mdo_page_shows_invitations_that_arrived(
    client, login, mdo, ib, mailserver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verstuur_uitnodigingen(mdo, door=ib)

    inhoud = login("ib@demo.nl").get(reverse("arrangeren:mdo_detail", args=[mdo.uuid]))
    assert inhoud.content.decode().count("E-mail verstuurd") == 3


# --- Login code and password reset -------------------------------------------------------


def test_a_login_code_that_cannot_be_sent_is_said_plainly_and_can_be_asked_again(
    client, mailserver
):
    mailserver.storing = ConnectionRefusedError(111, "Connection refused")
    password_login(client, "ouder@demo.nl")

    response = client.get(VERIFY_URL)

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert NIET_VERSTUURD in inhoud
    assert "Stuur een nieuwe code" in inhoud
    assert "We hebben een code van 6 cijfers gestuurd" not in inhoud

    response = client.post(RESEND_URL, follow=True)  # still down: the same plain message
    assert response.status_code == 200
    assert NIET_VERSTUURD in response.content.decode()

    mailserver.storing = None
    response = client.post(RESEND_URL, follow=True)
    inhoud = response.content.decode()
    assert "We hebben een nieuwe code naar uw e-mailadres gestuurd." in inhoud
    assert NIET_VERSTUURD not in inhoud
    client.post(VERIFY_URL, {"token": code_from(otp_mails()[-1])})
    assert is_verified(client)


def test_a_password_reset_link_waits_in_the_outbox_while_the_server_is_down(
    client, mailserver, django_capture_on_commit_callbacks
):
    mailserver.storing = ConnectionRefusedError(111, "Connection refused")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password_reset"), {"email": "ouder@demo.nl"}, follow=True
        )
    assert "Als het e-mailadres bij ons bekend is" in response.content.decode()
    assert Bericht.objects.get(aan="ouder@demo.nl").status == Bericht.Status.WACHTRIJ

    mailserver.storing = None
    tijd_verstrijkt()
    verwerk_wachtrij()

    assert [m.to for m in mail.outbox] == [["ouder@demo.nl"]]
    assert "wachtwoord-herstellen" in mail.outbox[0].body


def test_a_worker_whose_claim_was_taken_over_does_not_send_the_message_as_well(
    mailserver, monkeypatch
):
    """A slow mail server: the sweep found this worker's claim stale and another worker
    took the message over (a newer bezig_sinds). The first worker must not send it too."""
    bericht = maak_bericht()
    echte_claim = berichten._claim

    def claim_dan_overgenomen(ids):
        geclaimd = echte_claim(ids)
        Bericht.objects.filter(pk__in=ids).update(bezig_sinds=timezone.now() + timedelta(seconds=1))
        return geclaimd

    monkeypatch.setattr(berichten, "_claim", claim_dan_overgenomen)
    assert verstuur(bericht.pk) is False
    assert not mail.outbox
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.BEZIG and bericht.pogingen == 0
