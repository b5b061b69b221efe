"""OPP hand-overs notify those involved (docs/meldingen.md): asked to sign, vastgesteld,
niet akkoord; never the person who caused it, and one mail per event."""

import pytest
from django.core import mail

from accounts.models import Notificatie
from opp import services
from opp.inhoud import canoniek, sha256
from opp.models import Ondertekening, Opp
from tests.conftest import user_by_email
from tests.opp.helpers import alle_tekenen, met_toegang

pytestmark = pytest.mark.django_db


@pytest.fixture
def opp(sam):
    """Sam's demo OPP, out for signature with both parents and the school."""
    return Opp.objects.get(leerling=sam, versie=1)


def _meldingen(soort: str, opp: Opp) -> set[str]:
    return set(
        Notificatie.objects.filter(soort=soort, link__contains=str(opp.uuid)).values_list(
            "ontvanger__email", flat=True
        )
    )


def test_asking_the_jeugdteam_to_sign_notifies_it_with_one_mail(
    opp, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        met_toegang(opp)
    assert "jeugdteam@demo.nl" in _meldingen("opp_ondertekenen", opp)
    teken_mails = [m for m in mail.outbox if m.to == ["jeugdteam@demo.nl"]]
    assert len(teken_mails) == 1 and "onderteken" in teken_mails[0].subject.lower()


def test_vastgesteld_notifies_parents_school_and_jeugdteam_but_not_the_last_signer(
    opp, django_capture_on_commit_callbacks
):
    met_toegang(opp)
    laatste = opp.ondertekeningen.get(partij=Ondertekening.Partij.TOEGANG)
    andere = opp.ondertekeningen.exclude(pk=laatste.pk).filter(status=Ondertekening.Status.GEVRAAGD)
    for o in andere:
        services.onderteken(
            o,
            door=o.ondertekenaar,
            getoonde_hash=sha256(canoniek(opp)),
            methode="wachtwoord",
            bewijs="demo",
            apparaat=services.Apparaat(None, ""),
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alle_tekenen(opp)
    assert opp.status == Opp.Status.VASTGESTELD
    assert _meldingen("opp_vastgesteld", opp) == {
        "ouder@demo.nl",
        "ouder2@demo.nl",
        "ib@demo.nl",
    }
    assert sorted(a for m in mail.outbox for a in m.to) == [
        "ib@demo.nl",
        "ouder2@demo.nl",
        "ouder@demo.nl",
    ]
    for bericht in mail.outbox:
        assert "Sam" not in bericht.body.replace("Samenplan", "") and "Vries" not in bericht.body


def test_niet_akkoord_notifies_the_sender_and_the_other_signers(
    opp, django_capture_on_commit_callbacks
):
    ouder2 = user_by_email("ouder2@demo.nl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.niet_akkoord(
            opp.ondertekeningen.get(ondertekenaar=ouder2, status=Ondertekening.Status.GEVRAAGD),
            door=ouder2,
            getoonde_hash=sha256(canoniek(opp)),
            reden="Eerst praten",
            apparaat=services.Apparaat(None, ""),
        )
    assert _meldingen("opp_niet_akkoord", opp) == {"ib@demo.nl", "ouder@demo.nl"}
    # The sender's own mail (with what to do), once; the reason stays in Samenplan.
    naar_ib = [m for m in mail.outbox if m.to == ["ib@demo.nl"]]
    assert len(naar_ib) == 1 and naar_ib[0].subject.endswith("Niet akkoord met het handelingsdeel")
    assert all("Eerst praten" not in m.body for m in mail.outbox)
