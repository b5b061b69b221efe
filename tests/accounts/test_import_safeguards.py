"""What an import may not do: link a staff account as a parent, move another school's pupil
on a name and a birth date, backdate a move, fall over on a broken workbook, or keep
the rows of a preview nobody confirmed."""

import io
import zipfile
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.importeren import bevestig, lees_en_plan, ruim_voorbeelden_op
from accounts.models import (
    Gezag,
    Leerling,
    Leerlingimport,
    Lidmaatschap,
    Overstap,
    Roltoekenning,
    Toegangslog,
)
from accounts.permissions import school_leest
from accounts.rollen import Rol
from tests.accounts.import_helpers import (
    KOP,
    SAM,
    csv_bestand,
    da_vinci,
    regenboog,
    rij,
    schoolbeheerder,
    xlsx_bestand,
)
from tests.conftest import user_by_email
from tests.factories import GezagFactory, LeerlingFactory, UserFactory

pytestmark = pytest.mark.django_db

MEDEWERKER = (
    "dit e-mailadres hoort bij een medewerkeraccount in Samenplan en wordt niet als ouder "
    "gekoppeld. Een ouder gebruikt een eigen adres; neem contact op met de beheerder van de "
    "regio als dit toch klopt."
)
GEEN_OUDER = (
    "er staat een leerling met dezelfde naam en geboortedatum op een andere school, maar geen "
    "ouder komt overeen: niet als overstap verwerkt. Klopt het toch, neem dan contact op met "
    "de school van herkomst."
)


def importeer(bestand, *, door=None):
    door = door or schoolbeheerder()
    leerlingimport = lees_en_plan(regenboog(), bestand, door, volledig=False)
    return bevestig(leerlingimport, door)


def waarschuwingen(leerlingimport):
    return [
        f"{m['rij']}|{m['kolom']}|{m['tekst']}"
        for m in leerlingimport.meldingen
        if m["soort"] == "waarschuwing"
    ]


def sam_met_ouder2(email):
    regel = list(SAM)
    regel[KOP.index("Ouder2 e-mail")] = email
    return regel


# Staff accounts are never linked as parents -----------------------------------------------


def test_the_regions_beheerder_named_as_parent_gets_no_custody_and_no_access(login, sam):
    leerlingimport = importeer(csv_bestand([sam_met_ouder2("Beheer@demo.nl")]))
    assert not sam.gezagen.filter(ouder__email="beheer@demo.nl").exists()
    assert waarschuwingen(leerlingimport) == [
        f"2|Ouder 2 e-mail|ouder 2: {MEDEWERKER}",
        "2||1 gekoppelde ouder staat niet in het bestand en blijft gekoppeld; controleer "
        "het gezag.",
    ]
    pagina = reverse("accounts:leerling_detail", kwargs={"uuid": sam.uuid})
    assert login("beheer@demo.nl").get(pagina).status_code == 404


def test_a_colleagues_staff_account_is_not_linked_but_the_new_pupil_is_imported(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    regel = rij("51", ouder1=("Mentor", "mentor@demo.nl", "", "ja"), ouder2=("P", "p@x.nl", "", ""))
    bestand = csv_bestand([regel])
    with django_capture_on_commit_callbacks(execute=True):
        leerlingimport = importeer(bestand)
    leerling = Leerling.objects.get(school=regenboog(), leerlingnummer="51")
    assert list(leerling.gezagen.values_list("ouder__email", flat=True)) == ["p@x.nl"]
    assert waarschuwingen(leerlingimport) == [f"2|Ouder 1 e-mail|ouder 1: {MEDEWERKER}"]
    assert [bericht.to for bericht in mail.outbox] == [["p@x.nl"]]


@pytest.mark.parametrize(
    ("status", "gekoppeld"),
    [
        (Roltoekenning.Status.VOORGESTELD, False),
        (Roltoekenning.Status.BEVESTIGD, False),
        (Roltoekenning.Status.AFGEWEZEN, True),
        (Roltoekenning.Status.INGETROKKEN, True),
    ],
)
def test_an_account_with_an_open_or_confirmed_role_is_staff(status, gekoppeld):
    user = UserFactory(email="voorgesteld@voorbeeld.nl")
    Roltoekenning.objects.create(
        user=user,
        organisatie=da_vinci(),
        rol=Rol.LEERKRACHT,
        status=status,
        voorgesteld_door=user_by_email("beheer@demo.nl"),
    )
    importeer(csv_bestand([rij("52", ouder1=("V", "voorgesteld@voorbeeld.nl", "", "ja"))]))
    leerling = Leerling.objects.get(school=regenboog(), leerlingnummer="52")
    assert leerling.gezagen.filter(ouder=user).exists() is gekoppeld


def test_an_account_that_became_staff_after_the_preview_is_not_linked_on_confirm():
    user = UserFactory(email="straks.collega@voorbeeld.nl")
    bestand = csv_bestand([rij("53", ouder1=("S", "straks.collega@voorbeeld.nl", "", "ja"))])
    leerlingimport = lees_en_plan(regenboog(), bestand, schoolbeheerder(), volledig=False)
    assert leerlingimport.resultaat["waarschuwingen"] == 0
    Lidmaatschap.objects.create(user=user, organisatie=da_vinci(), rol=Rol.LEERKRACHT)
    leerlingimport = bevestig(leerlingimport, schoolbeheerder())
    assert not Gezag.objects.filter(ouder=user).exists()
    assert waarschuwingen(leerlingimport) == [f"2|Ouder 1 e-mail|ouder 1: {MEDEWERKER}"]


def test_the_confirming_beheerder_is_not_linked_either():
    directie = user_by_email("directie@demo.nl")
    bestand = csv_bestand([rij("54", ouder1=("D", "directie@demo.nl", "", "ja"))])
    leerlingimport = lees_en_plan(regenboog(), bestand, schoolbeheerder(), volledig=False)
    bevestig(leerlingimport, directie)
    assert Leerling.objects.filter(school=regenboog(), leerlingnummer="54").exists()
    assert not Gezag.objects.filter(ouder=directie).exists()


def test_the_preview_does_not_list_a_staff_account_for_an_invitation(login):
    client = login("schoolbeheer@demo.nl")
    bestand = csv_bestand([rij("55", ouder1=("Bram", "beheer@demo.nl", "", "ja"))])
    client.post(reverse("accounts:import_upload"), {"bestand": bestand})
    leerlingimport = Leerlingimport.objects.get()
    inhoud = client.get(
        reverse("accounts:import_detail", kwargs={"uuid": leerlingimport.uuid})
    ).content.decode()
    assert "Ouder 1: dit e-mailadres hoort bij een medewerkeraccount" in inhoud
    assert "Ouders die een uitnodiging krijgen (" not in inhoud


# A move needs a parent of the old dossier -------------------------------------------------


def leerling_elders(ouder_email="anja.jansen@voorbeeld.nl", *, heeft_gezag=True):
    elders = LeerlingFactory(
        school=da_vinci(), voornaam="Lieke", achternaam="Jansen", geboortedatum=date(2016, 6, 5)
    )
    ouder = UserFactory(email=ouder_email)
    GezagFactory(ouder=ouder, leerling=elders, heeft_gezag=heeft_gezag)
    return elders


def test_a_move_is_registered_when_a_parent_with_custody_of_the_old_dossier_is_in_the_row():
    elders = leerling_elders("Anja.Jansen@voorbeeld.nl")
    leerlingimport = importeer(csv_bestand([rij("60")]))
    assert leerlingimport.resultaat["overstap"] == 1
    nieuw = Leerling.objects.get(school=regenboog(), leerlingnummer="60")
    assert Overstap.objects.get(nieuw=nieuw).oud == elders


@pytest.mark.parametrize(
    ("ouder_email", "heeft_gezag"),
    [("vreemde@voorbeeld.nl", True), ("anja.jansen@voorbeeld.nl", False)],
    ids=["andere-ouder", "ouder-zonder-gezag"],
)
def test_same_name_and_birth_date_without_a_matching_parent_is_a_new_pupil(
    ouder_email, heeft_gezag
):
    elders = leerling_elders(ouder_email, heeft_gezag=heeft_gezag)
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([rij("61")]), schoolbeheerder(), volledig=False
    )
    assert (leerlingimport.resultaat["nieuw"], leerlingimport.resultaat["overstap"]) == (1, 0)
    leerlingimport = bevestig(leerlingimport, schoolbeheerder())
    assert waarschuwingen(leerlingimport) == [f"2||{GEEN_OUDER}"]
    nieuw = Leerling.objects.get(school=regenboog(), leerlingnummer="61")
    assert nieuw.vorige is None
    assert not Overstap.objects.filter(oud=elders).exists()
    elders.refresh_from_db()
    assert elders.uitgeschreven_op is None
    # The stranger's custody is not copied to the new dossier.
    assert list(nieuw.gezagen.values_list("ouder__email", flat=True)) == [
        "anja.jansen@voorbeeld.nl"
    ]
    assert not nieuw.gezagen.filter(ouder__email="vreemde@voorbeeld.nl").exists()


def test_a_row_without_parents_is_never_a_move():
    leerling_elders()
    leerlingimport = importeer(csv_bestand([rij("62", ouder1=("", "", "", ""))]))
    assert (leerlingimport.resultaat["nieuw"], leerlingimport.resultaat["overstap"]) == (1, 0)


def test_a_staff_address_in_the_row_does_not_make_a_move():
    elders = leerling_elders()
    mentor = user_by_email("mentor@demo.nl")
    GezagFactory(ouder=mentor, leerling=elders)
    bestand = csv_bestand([rij("63", ouder1=("M", "mentor@demo.nl", "", "ja"))])
    leerlingimport = importeer(bestand)
    assert leerlingimport.resultaat["overstap"] == 0
    assert not Overstap.objects.filter(oud=elders).exists()


def test_the_preview_of_a_failed_match_names_neither_the_move_nor_the_other_school(login):
    leerling_elders("vreemde@voorbeeld.nl")
    client = login("schoolbeheer@demo.nl")
    client.post(reverse("accounts:import_upload"), {"bestand": csv_bestand([rij("64")])})
    leerlingimport = Leerlingimport.objects.get()
    inhoud = client.get(
        reverse("accounts:import_detail", kwargs={"uuid": leerlingimport.uuid})
    ).content.decode()
    assert "Nieuwe leerlingen (1)" in inhoud
    assert "Overstap van een andere school in de regio (" not in inhoud
    assert "Er staat een leerling met dezelfde naam en geboortedatum" in inhoud
    assert "Da Vinci" not in inhoud


def test_the_preview_of_a_matching_parent_shows_the_move(login):
    leerling_elders()
    client = login("schoolbeheer@demo.nl")
    client.post(reverse("accounts:import_upload"), {"bestand": csv_bestand([rij("65")])})
    leerlingimport = Leerlingimport.objects.get()
    inhoud = client.get(
        reverse("accounts:import_detail", kwargs={"uuid": leerlingimport.uuid})
    ).content.decode()
    assert "Overstap van een andere school in de regio (1)" in inhoud
    assert "Da Vinci" not in inhoud


def test_a_move_is_never_dated_before_today_so_the_old_school_keeps_reading():
    elders = leerling_elders()
    importeer(csv_bestand([rij("66", ingeschreven="01-09-2020")]))
    vandaag = timezone.localdate()
    nieuw = Leerling.objects.get(school=regenboog(), leerlingnummer="66")
    assert Overstap.objects.get(nieuw=nieuw).datum == vandaag
    assert nieuw.ingeschreven_op == date(2020, 9, 1)  # the new school's own record
    elders.refresh_from_db()
    assert elders.uitgeschreven_op == vandaag
    assert school_leest(elders)


def test_a_move_dated_in_the_future_keeps_that_date():
    elders = leerling_elders()
    later = timezone.localdate() + timedelta(days=30)
    importeer(csv_bestand([rij("67", ingeschreven=later.strftime("%d-%m-%Y"))]))
    elders.refresh_from_db()
    assert elders.uitgeschreven_op == later


def test_confirming_a_move_logs_the_old_dossier_as_changed_by_the_importing_school():
    elders = leerling_elders()
    importeer(csv_bestand([rij("68")]))
    regel = Toegangslog.objects.get(leerling=elders)
    assert regel.actie == Toegangslog.Actie.IMPORTEREN
    assert regel.gebruiker == schoolbeheerder()
    assert (regel.organisatie, regel.rol) == (
        regenboog(),
        "Beheerder van de organisatie (overstap)",
    )


# A broken workbook is refused, not a 500 --------------------------------------------------


def kapotte_werkmap(onderdeel: str, inhoud: bytes = b"<kapot") -> SimpleUploadedFile:
    goed = xlsx_bestand([rij("70")]).read()
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(goed)) as bron, zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            doel.writestr(info, inhoud if info.filename == onderdeel else bron.read(info))
    return SimpleUploadedFile("export.xlsx", uit.getvalue())


BOM = b"""<?xml version="1.0"?>
<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData>
</worksheet>"""


@pytest.mark.parametrize(
    ("onderdeel", "inhoud"),
    [
        ("xl/workbook.xml", b"<kapot"),
        ("xl/worksheets/sheet1.xml", b"<kapot"),
        ("xl/styles.xml", b"<kapot"),
        ("xl/worksheets/sheet1.xml", BOM),
    ],
    ids=["werkmap", "blad", "opmaak", "xml-entiteiten"],
)
def test_a_broken_workbook_is_refused_with_a_clear_message(login, onderdeel, inhoud):
    bestand = kapotte_werkmap(onderdeel, inhoud)
    with pytest.raises(ValidationError) as fout:
        lees_en_plan(regenboog(), bestand, schoolbeheerder())
    assert "Dit Excelbestand kan niet worden gelezen" in fout.value.messages[0]
    response = login("schoolbeheer@demo.nl").post(
        reverse("accounts:import_upload"), {"bestand": kapotte_werkmap(onderdeel, inhoud)}
    )
    assert response.status_code == 200
    assert "Dit Excelbestand kan niet worden gelezen" in response.content.decode()
    assert not Leerlingimport.objects.exists()


# Previews nobody confirmed lose their rows after a day ------------------------------------


def voorbeeld_van(nummer: str) -> Leerlingimport:
    return lees_en_plan(regenboog(), csv_bestand([rij(nummer)]), schoolbeheerder(), volledig=False)


def maak_ouder(leerlingimport: Leerlingimport, uren: float, **velden) -> None:
    Leerlingimport.objects.filter(pk=leerlingimport.pk).update(
        aangemaakt_op=timezone.now() - timedelta(hours=uren), **velden
    )


def test_a_preview_older_than_a_day_is_cancelled_and_loses_its_rows():
    oud, vers, verwerkt = voorbeeld_van("80"), voorbeeld_van("81"), voorbeeld_van("82")
    maak_ouder(oud, 25)
    maak_ouder(vers, 23)
    maak_ouder(verwerkt, 30, status=Leerlingimport.Status.VERWERKT)
    assert ruim_voorbeelden_op() == 1
    oud.refresh_from_db()
    vers.refresh_from_db()
    verwerkt.refresh_from_db()
    assert (oud.status, oud.rijen) == (Leerlingimport.Status.GEANNULEERD, [])
    assert oud.resultaat["nieuw"] == 1  # the counts stay
    assert vers.status == Leerlingimport.Status.VOORBEELD and vers.rijen
    assert verwerkt.status == Leerlingimport.Status.VERWERKT and verwerkt.rijen
    with pytest.raises(ValidationError, match="geannuleerd"):
        bevestig(oud, schoolbeheerder())


def test_each_new_preview_clears_stale_ones_first():
    oud = voorbeeld_van("83")
    maak_ouder(oud, 48)
    lees_en_plan(regenboog(), csv_bestand([rij("84")]), schoolbeheerder(), volledig=False)
    oud.refresh_from_db()
    assert (oud.status, oud.rijen) == (Leerlingimport.Status.GEANNULEERD, [])


def test_the_daily_command_clears_stale_previews():
    oud = voorbeeld_van("85")
    maak_ouder(oud, 25)
    uit = StringIO()
    call_command("ruim_importvoorbeelden_op", stdout=uit)
    assert "1 importvoorbeeld opgeruimd" in uit.getvalue()
    oud.refresh_from_db()
    assert oud.rijen == []
