"""OPP hand-overs notify those involved (docs/meldingen.md): asked to sign, vastgesteld,
niet akkoord; never the person who caused it, and one mail per event."""

from datetime import date, timedelta

import pytest
from django.core import mail

from accounts.models import Informatiesoort, Lidmaatschap, Notificatie, Organisatie
from accounts.services import beantwoord_toestemming, vraag_toestemming
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


def test_sending_for_signature_notifies_each_signer_but_the_sender_with_one_mail(
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
    org = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        sam, door=ib, ontvanger_organisatie=org, soorten=[Informatiesoort.OPP_INZAGE]
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    toegang = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.verstuur_ter_ondertekening(opp, door=ib, toegang=toegang)
    verwacht = {"ouder@demo.nl", "ouder2@demo.nl", "jeugdteam@demo.nl"}
    assert _meldingen("opp_ondertekenen", opp) == verwacht
    # The request to sign is the notification's mail: one each, none for the sender.
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(verwacht)


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
    ronde = opp.ondertekeningen.exclude(status=Ondertekening.Status.VERVALLEN)
    verwacht = {opp.verstuurd_door.email} | {
        o.ondertekenaar.email for o in ronde.select_related("ondertekenaar")
    }
    verwacht.discard("ouder2@demo.nl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.niet_akkoord(
            opp.ondertekeningen.get(ondertekenaar=ouder2, status=Ondertekening.Status.GEVRAAGD),
            door=ouder2,
            getoonde_hash=sha256(canoniek(opp)),
            reden="Eerst praten",
            apparaat=services.Apparaat(None, ""),
        )
    assert "ib@demo.nl" in verwacht and "ouder@demo.nl" in verwacht
    assert _meldingen("opp_niet_akkoord", opp) == verwacht
    # The sender's own mail (with what to do), once; the reason stays in Samenplan.
    naar_ib = [m for m in mail.outbox if m.to == ["ib@demo.nl"]]
    assert len(naar_ib) == 1 and naar_ib[0].subject.endswith("Niet akkoord met het handelingsdeel")
    assert all("Eerst praten" not in m.body for m in mail.outbox)
