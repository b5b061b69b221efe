"""The daily commands a server runs: reminders before an MDO, and expired consent."""

import io
import zipfile
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Informatiesoort, Leerling, Lidmaatschap, Organisatie, Toestemming
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.route.services import open_traject, plan_mdo, upload_stuk, verstuur_uitnodigingen
from arrangeren.route.stappen import Voorwaarde
from tests.arrangeren.route_helpers import naar_stap_2
from tests.conftest import user_by_email


@pytest.fixture
def mdo(sam):
    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    traject = open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    naar_stap_2(traject, ib.user)
    start = timezone.now() + timedelta(days=1, hours=2)
    return plan_mdo(
        traject,
        {"doel": "Plan", "start": start, "eind": start + timedelta(hours=1), "locatie": "School"},
        door=ib.user,
    )


def test_reminders_go_out_once_before_the_meeting(mdo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        verstuur_uitnodigingen(mdo, door=mdo.voorzitter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("stuur_herinneringen", stdout=StringIO())
    eerste = sorted(adres for bericht in mail.outbox for adres in bericht.to)
    assert "ouder@demo.nl" in eerste and all("Herinnering" in b.subject for b in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("stuur_herinneringen", stdout=StringIO())
    assert sorted(adres for bericht in mail.outbox for adres in bericht.to) == eerste


def test_expired_consent_loses_access_when_the_daily_command_runs(sam):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    organisatie = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    ib = user_by_email("ib@demo.nl")
    for rij in vraag_toestemming(
        sam,
        door=ib,
        ontvanger_organisatie=organisatie,
        ontvanger=jeugdteam,
        soorten=[Informatiesoort.MDO_DEELNAME],
    ):
        beantwoord_toestemming(
            rij, door=rij.gever, geven=True, geldig_tot=timezone.localdate() + timedelta(days=1)
        )
    assert Leerling.objects.for_user(jeugdteam).filter(pk=sam.pk).exists()
    Toestemming.objects.filter(leerling=sam).update(
        geldig_tot=timezone.localdate() - timedelta(days=1)
    )
    call_command("verwerk_toestemmingen", stdout=StringIO())
    assert not Leerling.objects.for_user(jeugdteam).filter(pk=sam.pk).exists()


def office_bestand(naam, *, macro=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        archief.writestr("word/document.xml", "<w:document/>")
        if macro:
            archief.writestr("word/vbaProject.bin", b"\x00macro")
    return SimpleUploadedFile(naam, buffer.getvalue())


def test_a_word_file_is_accepted_but_one_with_macros_is_not(mdo):
    stuk = upload_stuk(mdo, "Groeidocument", office_bestand("groei.docx"), door=mdo.voorzitter)
    assert stuk.mimetype.endswith("wordprocessingml.document")
    assert stuk.bestand.name.startswith("voorbereiding/") and "groei" not in stuk.bestand.name
    with pytest.raises(ValidationError, match="macro"):
        upload_stuk(mdo, "Met macro", office_bestand("macro.docx", macro=True), door=mdo.voorzitter)
    assert mdo.stukken.count() == 1
