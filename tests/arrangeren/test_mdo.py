"""Planning an MDO and writing its report, through the services (steps 2-6)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Informatiesoort, Lidmaatschap, Organisatie, Toestemming
from accounts.services import beantwoord_toestemming
from arrangeren.route.models import Beschikbaarheid, Genodigde, Mdo, Mdoverslag, Traject
from arrangeren.route.services import (
    beantwoord_uitnodiging,
    bewaar_verslag,
    geef_beschikbaarheid,
    kies_tijdslot,
    leg_leerlinggesprek_vast,
    nieuwe_versie,
    open_traject,
    plan_mdo,
    stel_tijdsloten_voor,
    stel_verslag_vast,
    stuur_herinneringen,
    upload_stuk,
    verstuur_uitnodigingen,
    voeg_afspraak_toe,
    voeg_doel_toe,
    voeg_genodigde_toe,
    vraag_toestemming_voor_genodigden,
)
from arrangeren.route.services.common import CONFLICT
from arrangeren.route.services.verslag import VERSLAGVELDEN
from tests.arrangeren.route_helpers import naar_stap_2, overleg_gehouden
from tests.arrangeren.test_route import ALLE_VOORWAARDEN
from tests.bestanden import pdf_bytes
from tests.conftest import user_by_email

PDF = pdf_bytes()


@pytest.fixture
def ib(db):
    return user_by_email("ib@demo.nl")


@pytest.fixture
def traject(sam, ib):
    namens = Lidmaatschap.objects.get(user=ib, organisatie__naam="Basisschool De Regenboog")
    traject = open_traject(leerling=sam, door=ib, namens=namens, voorwaarden=ALLE_VOORWAARDEN)
    return naar_stap_2(traject, ib)


@pytest.fixture
def jeugdteam(db):
    return user_by_email("jeugdteam@demo.nl")


@pytest.fixture
def jeugdteam_org(db):
    return Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")


def mdo_data(**extra) -> dict:
    start = (timezone.now() + timedelta(days=14)).replace(microsecond=0)
    return {
        "doel": "Samen een plan maken voor Sam",
        "start": start,
        "eind": start + timedelta(hours=1),
        "locatie": "Kamer van de IB'er",
        "agenda": "1. Opening",
        **extra,
    }


@pytest.fixture
def mdo(traject, ib) -> Mdo:
    return plan_mdo(traject, mdo_data(), door=ib)


def ouders_geven_toestemming(mdo, ib):
    vraag_toestemming_voor_genodigden(mdo, [Informatiesoort.MDO_DEELNAME], door=ib)
    for rij in Toestemming.objects.filter(leerling=mdo.traject.leerling):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)


# Planning --------------------------------------------------------------------------------


def test_planning_invites_chair_mentor_and_both_parents(mdo, ib):
    assert mdo.voorzitter == ib and mdo.status == Mdo.Status.IN_VOORBEREIDING
    rollen = {g.user.email: g.rol for g in mdo.genodigden.select_related("user")}
    assert rollen == {
        "ib@demo.nl": "school",
        "mentor@demo.nl": "school",
        "ouder@demo.nl": "ouder",
        "ouder2@demo.nl": "ouder",
    }


def test_planning_with_the_pupil_present_invites_the_pupil(traject, ib):
    mdo = plan_mdo(traject, mdo_data(leerling_aanwezig=True), door=ib)
    assert mdo.genodigden.filter(rol=Genodigde.Rol.LEERLING, user=None).count() == 1


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"start": timezone.now() - timedelta(days=1)}, "in het verleden"),
        ({"eind": timezone.now() + timedelta(days=13)}, "eindtijd ligt vóór"),
        ({"tolk_nodig": True, "tolk_taal": " "}, "welke taal een tolk"),
        ({"locatie": "", "videolink": ""}, "plaats of een videolink"),
        ({"doel": "  "}, "doel van het overleg"),
        ({"start": None}, "datum, de begintijd"),
    ],
)
def test_an_impossible_plan_is_refused_in_dutch(traject, ib, wijziging, melding):
    data = mdo_data()
    if "start" in wijziging and wijziging["start"] is not None:
        data["eind"] = wijziging["start"] + timedelta(hours=1)
    data.update(wijziging)
    with pytest.raises(ValidationError) as exc:
        plan_mdo(traject, data, door=ib)
    assert melding in exc.value.messages[0]
    assert not traject.mdos.exists()


def test_a_video_meeting_without_a_room_is_fine_and_only_one_runs_at_a_time(traject, ib):
    plan_mdo(traject, mdo_data(locatie="", videolink="https://video.example/mdo"), door=ib)
    with pytest.raises(ValidationError):
        plan_mdo(traject, mdo_data(), door=ib)


def test_the_jeugdteam_is_invited_as_an_outside_party(mdo, ib, jeugdteam, jeugdteam_org):
    genodigde = voeg_genodigde_toe(mdo, jeugdteam, jeugdteam_org, door=ib)
    assert genodigde.rol == Genodigde.Rol.EXTERN and genodigde.is_extern
    assert genodigde.organisatie == jeugdteam_org
    with pytest.raises(ValidationError):
        voeg_genodigde_toe(mdo, jeugdteam, jeugdteam_org, door=ib)  # already on the list
    with pytest.raises(ValidationError):  # does not work at the chosen organisation
        voeg_genodigde_toe(mdo, user_by_email("swv@demo.nl"), jeugdteam_org, door=ib)


# Invitations -----------------------------------------------------------------------------


def test_no_invitations_while_an_outsider_lacks_the_parents_consent(
    mdo, ib, jeugdteam, jeugdteam_org, django_capture_on_commit_callbacks
):
    voeg_genodigde_toe(mdo, jeugdteam, jeugdteam_org, door=ib)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
        verstuur_uitnodigingen(mdo, door=ib)
    assert jeugdteam.naam in exc.value.messages[0]
    assert not mdo.genodigden.filter(uitgenodigd_op__isnull=False).exists()
    assert mail.outbox == []
    mdo.refresh_from_db()
    assert mdo.status == Mdo.Status.IN_VOORBEREIDING and not mdo.verslagen.exists()


def test_one_parent_consenting_is_not_enough_to_invite(mdo, ib, jeugdteam, jeugdteam_org):
    voeg_genodigde_toe(mdo, jeugdteam, jeugdteam_org, door=ib)
    vraag_toestemming_voor_genodigden(mdo, [Informatiesoort.MDO_DEELNAME], door=ib)
    ouder = user_by_email("ouder@demo.nl")
    beantwoord_toestemming(Toestemming.objects.get(gever=ouder), door=ouder, geven=True)
    with pytest.raises(ValidationError):
        verstuur_uitnodigingen(mdo, door=ib)


def test_after_consent_each_invitee_gets_one_mail_with_the_appointment(
    mdo, ib, jeugdteam, jeugdteam_org, django_capture_on_commit_callbacks
):
    voeg_genodigde_toe(mdo, jeugdteam, jeugdteam_org, door=ib)
    ouders_geven_toestemming(mdo, ib)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert verstuur_uitnodigingen(mdo, door=ib) == 5
    ontvangers = sorted(m.to[0] for m in mail.outbox)
    assert ontvangers == sorted(
        ["mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl", "jeugdteam@demo.nl"]
    )
    for bericht in mail.outbox:
        [(naam, inhoud, mimetype)] = bericht.attachments
        inhoud = inhoud.decode() if isinstance(inhoud, bytes) else inhoud
        assert naam.endswith(".ics") and mimetype == "text/calendar"
        assert "DTSTART" in inhoud and mdo.ical_uid in inhoud
        assert "Vries" not in inhoud and "Vries" not in bericht.body
    mdo.refresh_from_db()
    assert mdo.status == Mdo.Status.UITGENODIGD
    assert not mdo.genodigden.filter(uitgenodigd_op__isnull=True).exists()

    # A double click: nobody is left to invite, no second set of mails.
    with django_capture_on_commit_callbacks(execute=True):
        assert verstuur_uitnodigingen(mdo, door=ib) == 0
    assert len(mail.outbox) == 4


def test_sending_invitations_starts_the_concept_report(mdo, ib):
    verstuur_uitnodigingen(mdo, door=ib)
    verslag = mdo.verslagen.get()
    assert verslag.versie == 1 and verslag.is_concept


def test_an_invitee_answers_only_their_own_invitation(mdo, ib):
    verstuur_uitnodigingen(mdo, door=ib)
    ouder = user_by_email("ouder@demo.nl")
    genodigde = mdo.genodigden.get(user=ouder)
    with pytest.raises(ValidationError):
        beantwoord_uitnodiging(genodigde, True, door=user_by_email("ouder2@demo.nl"))
    beantwoord_uitnodiging(genodigde, True, door=ouder)
    genodigde.refresh_from_db()
    assert genodigde.antwoord == Genodigde.Antwoord.KOMT and genodigde.beantwoord_op


def test_reminders_go_out_once_and_not_to_who_declined(mdo, ib, django_capture_on_commit_callbacks):
    verstuur_uitnodigingen(mdo, door=ib)
    ouder2 = user_by_email("ouder2@demo.nl")
    beantwoord_uitnodiging(mdo.genodigden.get(user=ouder2), False, door=ouder2)
    mdo.refresh_from_db()
    vroeg = mdo.start - timedelta(days=5)
    assert stuur_herinneringen(vroeg) == 0  # too early

    nu = mdo.start - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert stuur_herinneringen(nu) == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["ib@demo.nl", "mentor@demo.nl", "ouder@demo.nl"]
    with django_capture_on_commit_callbacks(execute=True):
        assert stuur_herinneringen(nu + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 3


# Choosing a time -------------------------------------------------------------------------


def test_invitees_mark_proposed_times_and_the_chair_picks_one(
    traject, ib, django_capture_on_commit_callbacks
):
    mdo = plan_mdo(traject, {"doel": "Overleg", "planning": "kiezen", "locatie": "Aula"}, door=ib)
    assert mdo.start is None
    eerste = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    tweede = eerste + timedelta(days=1)
    tijden = [(eerste, eerste + timedelta(hours=1)), (tweede, tweede + timedelta(hours=1))]
    with pytest.raises(ValidationError):
        stel_tijdsloten_voor(mdo, [(eerste - timedelta(days=20), eerste)], door=ib)
    with django_capture_on_commit_callbacks(execute=True):
        assert stel_tijdsloten_voor(mdo, tijden, door=ib) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"]
    )

    ouder = user_by_email("ouder@demo.nl")
    genodigde = mdo.genodigden.get(user=ouder)
    vroeg, laat = mdo.tijdsloten.all()
    with pytest.raises(ValidationError):
        geef_beschikbaarheid(genodigde, {vroeg.pk: True}, door=user_by_email("ouder2@demo.nl"))
    geef_beschikbaarheid(genodigde, {vroeg.pk: False, laat.pk: True}, door=ouder)
    geef_beschikbaarheid(genodigde, {vroeg.pk: True}, door=ouder)  # changes her mind
    assert dict(
        Beschikbaarheid.objects.filter(genodigde=genodigde).values_list("tijdslot", "kan")
    ) == {vroeg.pk: True, laat.pk: True}

    mdo.refresh_from_db()
    gekozen = kies_tijdslot(mdo, laat, door=ib, versie=mdo.versie)
    assert (gekozen.start, gekozen.planning) == (laat.start, Mdo.Planning.VAST)
    with pytest.raises(ValidationError) as exc:
        kies_tijdslot(mdo, vroeg, door=ib, versie=mdo.versie)  # a stale form
    assert exc.value.code == CONFLICT


# Preparation documents -------------------------------------------------------------------


def test_a_real_pdf_is_stored(mdo, ib):
    stuk = upload_stuk(mdo, "Groeidocument", SimpleUploadedFile("groei.pdf", PDF), door=ib)
    assert (stuk.titel, stuk.mimetype) == ("Groeidocument", "application/pdf")
    assert stuk.grootte == len(PDF) and "groei" not in stuk.bestand.name
    assert stuk.bestand.read() == PDF


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, "niet aangenomen"),
        ("verslag.pdf", b"MZ\x90\x00 dit is geen pdf", "past niet bij de extensie"),
        ("notities.docx", PDF, "past niet bij de extensie"),
        ("leeg.pdf", b"", "leeg"),
    ],
)
def test_wrong_files_are_refused(mdo, ib, naam, inhoud, melding):
    with pytest.raises(ValidationError) as exc:
        upload_stuk(mdo, "", SimpleUploadedFile(naam, inhoud), door=ib)
    assert melding in exc.value.messages[0]
    assert not mdo.stukken.exists()


def test_a_file_over_the_limit_is_refused(mdo, ib, settings):
    settings.SAMENPLAN_UPLOAD_MAX_BYTES = len(PDF) - 1
    with pytest.raises(ValidationError) as exc:
        upload_stuk(mdo, "Groot", SimpleUploadedFile("groot.pdf", PDF), door=ib)
    assert "te groot" in exc.value.messages[0]
    assert not mdo.stukken.exists()


# The report ------------------------------------------------------------------------------


@pytest.fixture
def verslag(mdo, ib) -> Mdoverslag:
    verstuur_uitnodigingen(mdo, door=ib)
    return mdo.verslagen.get()


def bewaar(verslag, ib, *, bewerkingen=None, evaluatiedatum=None, **velden):
    return bewaar_verslag(
        verslag,
        door=ib,
        bewerkingen=verslag.bewerkingen if bewerkingen is None else bewerkingen,
        velden=velden or {naam: f"Tekst voor {naam}" for naam in VERSLAGVELDEN},
        besluiten="Samen verder",
        evaluatiedatum=evaluatiedatum,
        aanwezigen=list(verslag.mdo.genodigden.values_list("pk", flat=True)),
    )


def maak_compleet(verslag, ib) -> Mdoverslag:
    verslag = bewaar(verslag, ib, evaluatiedatum=date.today() + timedelta(days=90))
    doel = voeg_doel_toe(
        verslag, door=ib, domein="emotieregulatie", soort="beide", omschrijving="Rust in de klas"
    )
    voeg_afspraak_toe(doel, door=ib, inzet="Time-out plek", uitvoerder="Mentor", vanaf=date.today())
    gesprek = {"wat_goed_gaat": "Gym", "wat_moeilijk_is": "Druk", "wensen": "Rust"}
    leg_leerlinggesprek_vast(verslag.mdo, {"gevoerd_op": date.today(), **gesprek}, door=ib)
    overleg_gehouden(verslag.mdo)
    return verslag


def test_a_stale_save_is_a_conflict_and_keeps_the_saved_text(verslag, ib):
    oud = verslag.bewerkingen
    bewaar(verslag, ib, ondersteuningsbehoeften="Eerste versie")
    with pytest.raises(ValidationError) as exc:
        bewaar(verslag, ib, bewerkingen=oud, ondersteuningsbehoeften="Overschreven")
    assert exc.value.code == CONFLICT
    verslag.refresh_from_db()
    assert verslag.velden["ondersteuningsbehoeften"] == "Eerste versie"
    assert verslag.bewerkingen == oud + 1


def test_an_incomplete_report_cannot_be_finalised(verslag, ib):
    verslag = bewaar(verslag, ib)
    with pytest.raises(ValidationError) as exc:
        stel_verslag_vast(verslag, door=ib, bewerkingen=verslag.bewerkingen)
    tekst = " ".join(exc.value.messages)
    assert "minstens één doel" in tekst
    assert "evaluatiedatum" in tekst
    assert "leerlinggesprek" in tekst
    verslag.refresh_from_db()
    assert verslag.is_concept


def test_a_goal_without_inzet_blocks_finalising(verslag, ib):
    verslag = maak_compleet(verslag, ib)
    voeg_doel_toe(verslag, door=ib, domein="emotieregulatie", soort="beide", omschrijving="Lezen")
    with pytest.raises(ValidationError) as exc:
        stel_verslag_vast(verslag, door=ib, bewerkingen=verslag.bewerkingen)
    assert "Lezen" in " ".join(exc.value.messages)


def test_only_the_chair_finalises(verslag, ib):
    verslag = maak_compleet(verslag, ib)
    with pytest.raises(ValidationError) as exc:
        stel_verslag_vast(verslag, door=user_by_email("mentor@demo.nl"), bewerkingen=1)
    assert "voorzitter" in exc.value.messages[0]


def test_finalising_closes_the_mdo_and_mails_the_attendees(
    verslag, ib, traject, django_capture_on_commit_callbacks
):
    verslag = maak_compleet(verslag, ib)
    with django_capture_on_commit_callbacks(execute=True):
        verslag = stel_verslag_vast(verslag, door=ib, bewerkingen=verslag.bewerkingen)
    assert verslag.status == Mdoverslag.Status.DEFINITIEF and verslag.vastgesteld_door == ib
    assert Mdo.objects.get(pk=verslag.mdo_id).status == Mdo.Status.GEHOUDEN
    assert Traject.objects.get(pk=traject.pk).evaluatiedatum == verslag.evaluatiedatum
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"]
    )
    with pytest.raises(ValidationError):
        bewaar(verslag, ib, evaluatiedatum=date.today() + timedelta(days=30))


def test_the_report_is_not_final_before_the_meeting_started(verslag, ib):
    """Issue 15: a report made final on 2 Dec for a meeting on 15 Dec marked it held."""
    verslag = maak_compleet(verslag, ib)
    start = timezone.now() + timedelta(days=13)
    Mdo.objects.filter(pk=verslag.mdo_id).update(start=start, eind=start + timedelta(hours=1))
    with pytest.raises(ValidationError) as exc:
        stel_verslag_vast(verslag, door=ib, bewerkingen=verslag.bewerkingen)
    melding = exc.value.messages[0]
    assert "na het overleg" in melding
    assert f"om {timezone.localtime(start):%H:%M}" in melding
    verslag.refresh_from_db()
    assert verslag.is_concept
    assert Mdo.objects.get(pk=verslag.mdo_id).status == Mdo.Status.UITGENODIGD


def test_a_meeting_without_a_time_has_no_final_report(verslag, ib):
    verslag = maak_compleet(verslag, ib)
    Mdo.objects.filter(pk=verslag.mdo_id).update(start=None, eind=None)
    with pytest.raises(ValidationError, match="nog geen datum en tijd"):
        stel_verslag_vast(verslag, door=ib, bewerkingen=verslag.bewerkingen)


def test_a_new_version_copies_goals_and_keeps_the_final_one(verslag, ib):
    verslag = maak_compleet(verslag, ib)
    verslag = stel_verslag_vast(verslag, door=ib, bewerkingen=verslag.bewerkingen)
    with pytest.raises(ValidationError):
        nieuwe_versie(verslag, door=ib, reden=" ")

    tweede = nieuwe_versie(verslag, door=ib, reden="Afspraak met jeugdteam toegevoegd")
    assert (tweede.versie, tweede.status) == (2, Mdoverslag.Status.CONCEPT)
    assert tweede.velden == verslag.velden and tweede.evaluatiedatum == verslag.evaluatiedatum
    [doel] = tweede.doelen.all()
    assert doel.omschrijving == "Rust in de klas"
    assert [a.inzet for a in doel.afspraken.all()] == ["Time-out plek"]

    bewaar(tweede, ib, ondersteuningsbehoeften="Aangepast", evaluatiedatum=date.today())
    doel.afspraken.all().delete()
    verslag.refresh_from_db()
    assert verslag.status == Mdoverslag.Status.DEFINITIEF
    assert verslag.velden["ondersteuningsbehoeften"] == "Tekst voor ondersteuningsbehoeften"
    assert [a.inzet for d in verslag.doelen.all() for a in d.afspraken.all()] == ["Time-out plek"]
    with pytest.raises(ValidationError):
        nieuwe_versie(verslag, door=ib, reden="Nog een keer")
