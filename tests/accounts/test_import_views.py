"""The schoolbeheerder's import pages: upload, preview, confirm once, cancel; 404 for the rest."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.importeren import lees_en_plan
from accounts.models import Leerling, Leerlingimport, Toegangslog
from tests.accounts.import_helpers import (
    KOP,
    NOOR,
    SAM,
    beheerder_van,
    csv_bestand,
    da_vinci,
    regenboog,
    rij,
    schoolbeheerder,
    voorbeeld,
)

pytestmark = pytest.mark.django_db

UPLOAD = reverse("accounts:import_upload")


def detail(leerlingimport):
    return reverse("accounts:import_detail", kwargs={"uuid": leerlingimport.uuid})


def bevestigen(leerlingimport):
    return reverse("accounts:import_bevestigen", kwargs={"uuid": leerlingimport.uuid})


def upload(client, bestand, volledig=True):
    data = {"bestand": bestand}
    if volledig:
        data["volledig"] = "on"
    return client.post(UPLOAD, data)


def test_schoolbeheerder_sees_the_upload_form_and_the_menu_link(login):
    response = login("schoolbeheer@demo.nl").get(UPLOAD)
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in inhoud
    assert "Leerlingen importeren</a>" in inhoud
    assert "Er zijn nog geen leerlingen geïmporteerd." in inhoud


@pytest.mark.parametrize("persona", ["ib@demo.nl", "beheer@demo.nl", "ouder@demo.nl"])
def test_personas_without_the_role_get_404(login, persona):
    assert login(persona).get(UPLOAD).status_code == 404


def test_upload_shows_a_preview_and_writes_no_pupil(login, sam):
    client = login("schoolbeheer@demo.nl")
    voor = Leerling.objects.count()
    response = upload(client, voorbeeld("parnassys_de_regenboog.csv"))
    leerlingimport = Leerlingimport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(leerlingimport)
    assert Leerling.objects.count() == voor

    inhoud = client.get(detail(leerlingimport)).content.decode()
    assert "Voorbeeld: import parnassys_de_regenboog.csv" in inhoud
    assert "Nieuwe leerlingen (10)" in inhoud
    assert "Zoë Bakker" in inhoud
    assert "Ouders die een uitnodiging krijgen (13)" in inhoud
    assert "anouk.bakker@demo.nl" in inhoud
    assert "Ouder 2 heeft geen e-mailadres" in inhoud
    assert 'class="card prevent-double"' in inhoud
    assert ">Bevestigen</button>" in inhoud


def test_preview_lists_changes_and_leavers_and_logs_seeing_them(login, sam, noor):
    client = login("schoolbeheer@demo.nl")
    sam_ouder = list(SAM)
    sam_ouder[KOP.index("Groep")] = "groep 7"
    upload(client, csv_bestand([sam_ouder, rij("41"), rij("42", "Piet"), rij("43", "Kees")]))
    response = client.get(detail(Leerlingimport.objects.get()))
    inhoud = response.content.decode()
    assert "Gewijzigd (1)" in inhoud and "groep" in inhoud
    assert "Uit te schrijven (1)" in inhoud and "Noor Visser" in inhoud
    gezien = Toegangslog.objects.filter(actie=Toegangslog.Actie.BEKIJKEN)
    assert {regel.leerling for regel in gezien} == {sam, noor}


def test_confirm_applies_and_the_same_page_shows_the_result(
    login, django_capture_on_commit_callbacks
):
    from django.core import mail

    client = login("schoolbeheer@demo.nl")
    upload(client, voorbeeld("parnassys_de_regenboog.csv"))
    leerlingimport = Leerlingimport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(bevestigen(leerlingimport), follow=True)
    inhoud = response.content.decode()
    assert "De import is verwerkt." in inhoud
    assert "Resultaat" in inhoud and ">Bevestigen</button>" not in inhoud
    assert 'Ouders uitgenodigd</th><td class="utrecht-table__cell">13<' in inhoud
    assert Leerling.objects.filter(school=regenboog(), leerlingnummer="10012").exists()
    assert len(mail.outbox) == 13
    assert "Eerdere imports" in client.get(UPLOAD).content.decode()


def test_a_second_confirm_says_it_was_already_done(login):
    client = login("schoolbeheer@demo.nl")
    upload(client, csv_bestand([SAM, NOOR, rij("44")]))
    leerlingimport = Leerlingimport.objects.get()
    client.post(bevestigen(leerlingimport))
    response = client.post(bevestigen(leerlingimport), follow=True)
    assert "Deze import is al verwerkt." in response.content.decode()
    assert Leerling.objects.filter(leerlingnummer="44").count() == 1


def test_many_leavers_need_the_extra_checkbox(login, sam):
    client = login("schoolbeheer@demo.nl")
    upload(client, csv_bestand([rij("45")]))
    leerlingimport = Leerlingimport.objects.get()
    assert 'name="uitschrijven_bevestigd"' in client.get(detail(leerlingimport)).content.decode()
    response = client.post(bevestigen(leerlingimport), follow=True)
    assert "schrijft 2 van de 2 leerlingen uit" in response.content.decode()
    sam.refresh_from_db()
    assert sam.uitgeschreven_op is None
    client.post(bevestigen(leerlingimport), {"uitschrijven_bevestigd": "ja"})
    sam.refresh_from_db()
    assert sam.uitgeschreven_op is not None


def test_cancel_drops_the_rows_and_writes_nothing(login):
    client = login("schoolbeheer@demo.nl")
    upload(client, csv_bestand([rij("46")]), volledig=False)
    leerlingimport = Leerlingimport.objects.get()
    response = client.post(
        reverse("accounts:import_annuleren", kwargs={"uuid": leerlingimport.uuid})
    )
    assert response["Location"] == UPLOAD
    leerlingimport.refresh_from_db()
    assert leerlingimport.status == Leerlingimport.Status.GEANNULEERD
    assert leerlingimport.rijen == []
    assert client.post(bevestigen(leerlingimport)).status_code == 302
    assert not Leerling.objects.filter(leerlingnummer="46").exists()


@pytest.mark.parametrize(
    ("bestand", "tekst"),
    [
        (
            SimpleUploadedFile("x.csv", bytes(range(256)) * 4),
            "Dit bestand is geen CSV- of Excelbestand",
        ),
        (
            SimpleUploadedFile("x.csv", b"Leerlingnummer;Roepnaam;Achternaam;Geboortedatum\r\n"),
            "Het bestand bevat geen leerlingen.",
        ),
        (SimpleUploadedFile("x.xlsx", b"geen zip"), "Dit Excelbestand kan niet worden gelezen"),
    ],
    ids=["binair", "alleen-koppen", "xlsx-geen-zip"],
)
def test_a_bad_file_is_refused_on_the_form(login, bestand, tekst):
    response = upload(login("schoolbeheer@demo.nl"), bestand)
    assert response.status_code == 200
    assert tekst in response.content.decode()
    assert not Leerlingimport.objects.exists()


def test_an_import_of_another_school_is_404(login):
    school = da_vinci()
    andere = lees_en_plan(school, csv_bestand([rij("47")]), beheerder_van(school), volledig=False)
    client = login("schoolbeheer@demo.nl")
    assert client.get(detail(andere)).status_code == 404
    assert client.post(bevestigen(andere)).status_code == 404
    assert not Leerling.objects.filter(leerlingnummer="47").exists()


def test_a_beheerder_of_a_non_school_gets_404(client):
    from accounts.models import Lidmaatschap, Organisatie
    from accounts.rollen import Rol, Soort
    from tests.conftest import login_verified
    from tests.factories import UserFactory

    jeugdteam = Organisatie.objects.filter(soort=Soort.JEUGDTEAM).first()
    user = UserFactory()
    Lidmaatschap.objects.create(user=user, organisatie=jeugdteam, rol=Rol.ORGANISATIEBEHEERDER)
    login_verified(client, user)
    assert client.get(UPLOAD).status_code == 404
    assert upload(client, csv_bestand([rij("48")])).status_code == 404
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([rij("49")]), schoolbeheerder(), volledig=False
    )
    assert client.get(detail(leerlingimport)).status_code == 404
    assert client.post(bevestigen(leerlingimport)).status_code == 404
    assert not Leerlingimport.objects.filter(school=jeugdteam).exists()
    assert not Leerling.objects.filter(leerlingnummer__in=["48", "49"]).exists()
