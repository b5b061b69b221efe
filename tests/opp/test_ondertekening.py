"""Signing the handelingsdeel: who signs, the exact version, invalidation, niet akkoord, hashes."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Gezag, Informatiesoort, Lidmaatschap, Organisatie
from accounts.services import beantwoord_toestemming, vraag_toestemming
from opp import services
from opp.inhoud import canoniek, sha256
from opp.models import Ondertekening, Opp
from tests.conftest import user_by_email
from tests.opp.helpers import met_toegang

APPARAAT = services.Apparaat("192.0.2.10", "Mozilla/5.0 (test)")


@pytest.fixture
def opp(sam):
    """Sam's demo OPP, waiting for the signatures of both parents and the school."""
    return Opp.objects.get(leerling=sam, versie=1)


def verzoek(opp, email) -> Ondertekening:
    return opp.ondertekeningen.get(ondertekenaar__email=email, status=Ondertekening.Status.GEVRAAGD)


def teken(opp, email, wachtwoord="demo"):
    return services.onderteken(
        verzoek(opp, email),
        door=user_by_email(email),
        getoonde_hash=sha256(canoniek(opp)),
        methode=Ondertekening.Methode.WACHTWOORD,
        bewijs=wachtwoord,
        apparaat=APPARAAT,
    )


def test_a_signature_stores_who_how_where_and_the_hash_of_the_exact_content(opp):
    rij = teken(opp, "ouder@demo.nl")
    assert rij.status == Ondertekening.Status.GETEKEND
    assert rij.methode == Ondertekening.Methode.WACHTWOORD
    assert (rij.ip_adres, rij.user_agent) == ("192.0.2.10", "Mozilla/5.0 (test)")
    assert rij.inhoud == canoniek(opp) and rij.inhoud_hash == sha256(rij.inhoud)
    assert len(rij.inhoud_hash) == 64
    assert services.verifieer(rij).geldig
    assert rij.history.count() >= 2  # requested, then signed: history-tracked


def test_the_opp_is_vastgesteld_when_everyone_signed_and_everyone_involved_hears(
    opp, django_capture_on_commit_callbacks
):
    teken(opp, "ouder@demo.nl")
    teken(opp, "ouder2@demo.nl")
    teken(opp, "ib@demo.nl")
    opp.refresh_from_db()
    # The plan holds youth care: not agreed without the medewerker toegang.
    assert opp.status == Opp.Status.TER_ONDERTEKENING
    assert services.ontbrekende_ondertekenaars(opp) == [
        "de medewerker toegang (jeugdteam): dit plan bevat jeugdhulp"
    ]
    met_toegang(opp)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        teken(opp, "jeugdteam@demo.nl")
    opp.refresh_from_db()
    assert opp.status == Opp.Status.VASTGESTELD and opp.vastgesteld_op
    # The coördinator who sent it and the other signers; not the last signer herself
    # (docs/meldingen.md).
    assert sorted(a for b in mail.outbox for a in b.to) == [
        "ib@demo.nl",
        "ouder2@demo.nl",
        "ouder@demo.nl",
    ]
    assert all("vastgesteld" in b.subject for b in mail.outbox)


def test_a_wrong_password_signs_nothing(opp):
    with pytest.raises(ValidationError, match="wachtwoord klopt niet"):
        teken(opp, "ouder@demo.nl", wachtwoord="fout")
    assert verzoek(opp, "ouder@demo.nl").inhoud_hash == ""


def test_nobody_signs_for_someone_else(opp):
    with pytest.raises(PermissionDenied):
        services.onderteken(
            verzoek(opp, "ouder@demo.nl"),
            door=user_by_email("ouder2@demo.nl"),
            getoonde_hash=sha256(canoniek(opp)),
            methode=Ondertekening.Methode.WACHTWOORD,
            bewijs="demo",
            apparaat=APPARAAT,
        )
    assert verzoek(opp, "ouder@demo.nl").status == Ondertekening.Status.GEVRAAGD


def test_signing_twice_is_refused(opp):
    rij = teken(opp, "ouder@demo.nl")
    with pytest.raises(ValidationError, match="al beantwoord"):
        services.onderteken(
            rij,
            door=user_by_email("ouder@demo.nl"),
            getoonde_hash=rij.inhoud_hash,
            methode=Ondertekening.Methode.WACHTWOORD,
            bewijs="demo",
            apparaat=APPARAAT,
        )


def test_signing_an_outdated_version_is_refused(opp):
    getoond = sha256(canoniek(opp))
    services.bewaar_opp(
        opp,
        {"overbrugging": "Nieuwe afspraak"},
        door=user_by_email("ib@demo.nl"),
        bewerkingen=opp.bewerkingen,
    )
    with pytest.raises(ValidationError, match="gewijzigd nadat u het opende"):
        services.onderteken(
            verzoek(opp, "ouder@demo.nl"),
            door=user_by_email("ouder@demo.nl"),
            getoonde_hash=getoond,
            methode=Ondertekening.Methode.WACHTWOORD,
            bewijs="demo",
            apparaat=APPARAAT,
        )
    assert not opp.ondertekeningen.filter(status=Ondertekening.Status.GETEKEND).exists()


def test_a_change_to_the_handelingsdeel_voids_signatures_visibly_and_asks_again(
    opp, django_capture_on_commit_callbacks
):
    oud = teken(opp, "ouder@demo.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.voeg_doel_toe(
            opp,
            door=user_by_email("ib@demo.nl"),
            domein="zelfredzaamheid",
            soort="jeugdhulp",
            omschrijving="Sam kleedt zich zelf aan.",
        )
    oud.refresh_from_db()
    assert oud.status == Ondertekening.Status.VERVALLEN
    nieuw = verzoek(opp, "ouder@demo.nl")
    assert nieuw.pk != oud.pk
    assert [b.to for b in mail.outbox] == [["ouder@demo.nl"]]
    assert "Opnieuw" in mail.outbox[0].subject
    # The others had not answered yet: their open requests stay as they were.
    assert opp.ondertekeningen.filter(status=Ondertekening.Status.GEVRAAGD).count() == 3


def test_a_change_outside_the_handelingsdeel_keeps_the_signatures(opp):
    rij = teken(opp, "ouder@demo.nl")
    services.bewaar_opp(
        opp,
        {"bevorderende_factoren": "Ook: houdt van tekenen"},
        door=user_by_email("ib@demo.nl"),
        bewerkingen=opp.bewerkingen,
    )
    rij.refresh_from_db()
    assert rij.status == Ondertekening.Status.GETEKEND


def test_niet_akkoord_needs_a_reason_and_reaches_the_coordinator(
    opp, django_capture_on_commit_callbacks
):
    ouder2 = user_by_email("ouder2@demo.nl")
    with pytest.raises(ValidationError, match="waarom"):
        services.niet_akkoord(
            verzoek(opp, "ouder2@demo.nl"),
            door=ouder2,
            getoonde_hash=sha256(canoniek(opp)),
            reden="  ",
            apparaat=APPARAAT,
        )
    with django_capture_on_commit_callbacks(execute=True):
        rij = services.niet_akkoord(
            verzoek(opp, "ouder2@demo.nl"),
            door=ouder2,
            getoonde_hash=sha256(canoniek(opp)),
            reden="Ik wil eerst praten over de uren.",
            apparaat=APPARAAT,
        )
    assert rij.status == Ondertekening.Status.NIET_AKKOORD
    assert mail.outbox[0].to == ["ib@demo.nl"]
    teken(opp, "ouder@demo.nl")
    teken(opp, "ib@demo.nl")
    opp.refresh_from_db()
    assert opp.status == Opp.Status.TER_ONDERTEKENING  # no agreement without both parents


def test_a_parent_without_custody_cannot_sign(opp, sam):
    Gezag.objects.filter(ouder__email="ouder2@demo.nl", leerling=sam).update(heeft_gezag=False)
    with pytest.raises(PermissionDenied, match="gezag"):
        teken(opp, "ouder2@demo.nl")


def test_verification_detects_a_one_byte_change(opp):
    rij = teken(opp, "ouder@demo.nl")
    assert services.verifieer(rij).geldig
    rij.inhoud = rij.inhoud.replace("Sam", "Som", 1)  # one byte
    assert not services.verifieer(rij).intact
    rij.refresh_from_db()
    doel = opp.doelen.first()
    doel.criterium += "."
    doel.save()
    verificatie = services.verifieer(rij)
    assert verificatie.intact and not verificatie.actueel


def test_sending_asks_parents_with_custody_the_school_and_the_jeugdteam_with_consent(
    sam, django_capture_on_commit_callbacks
):
    Opp.objects.filter(leerling=sam).delete()
    ib = user_by_email("ib@demo.nl")
    opp = services.maak_opp(
        sam,
        door=ib,
        velden={"evaluatiedatum": date.today() + timedelta(days=60)},
        doelen=[
            {
                "domein": "emotieregulatie",
                "soort": "beide",
                "omschrijving": "Rust",
                "inzet": [{"wat": "Begeleiding", "wie": "Jeugdteam", "vanaf": date.today()}],
            }
        ],
    )
    toegang = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    with pytest.raises(ValidationError, match="toestemming"):
        services.verstuur_ter_ondertekening(opp, door=ib, toegang=toegang)
    org = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        sam, door=ib, ontvanger_organisatie=org, soorten=[Informatiesoort.OPP_INZAGE]
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verzoeken = services.verstuur_ter_ondertekening(opp, door=ib, toegang=toegang)
    assert {(v.ondertekenaar.email, v.partij) for v in verzoeken} == {
        ("ouder@demo.nl", "ouder"),
        ("ouder2@demo.nl", "ouder"),
        ("ib@demo.nl", "school"),
        ("jeugdteam@demo.nl", "toegang"),
    }
    assert sorted(a for b in mail.outbox for a in b.to) == [
        "jeugdteam@demo.nl",
        "ouder2@demo.nl",
        "ouder@demo.nl",
    ]
    with pytest.raises(ValidationError, match="al ter ondertekening"):
        services.verstuur_ter_ondertekening(opp, door=ib)


def test_reminders_go_out_once_after_a_few_days(opp, django_capture_on_commit_callbacks):
    from django.utils import timezone

    later = timezone.now() + timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.stuur_herinneringen(later) == 3
        assert services.stuur_herinneringen(later) == 0
    assert len(mail.outbox) == 3


def test_the_medewerker_toegang_joins_a_running_round_once_parents_consented(opp, sam):
    ib = user_by_email("ib@demo.nl")
    toegang = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    with pytest.raises(ValidationError, match="toestemming"):
        services.voeg_toegang_toe(opp, toegang, door=ib)
    org = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        sam, door=ib, ontvanger_organisatie=org, soorten=[Informatiesoort.OPP_INZAGE]
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    services.voeg_toegang_toe(opp, toegang, door=ib)
    for email in ("ouder@demo.nl", "ouder2@demo.nl", "ib@demo.nl"):
        teken(opp, email)
    opp.refresh_from_db()
    assert opp.status == Opp.Status.TER_ONDERTEKENING  # the jeugdteam has not signed yet
    teken(opp, "jeugdteam@demo.nl")
    opp.refresh_from_db()
    assert opp.status == Opp.Status.VASTGESTELD
