"""The same file twice changes nothing; changes keep history; leavers only on
confirmation; a confirmed import is done."""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.importeren import bevestig, lees_en_plan
from accounts.models import (
    Gezag,
    Leerling,
    Leerlingimport,
    User,
)
from tests.accounts.import_helpers import (
    KOP,
    NOOR,
    SAM,
    csv_bestand,
    regenboog,
    rij,
    schoolbeheerder,
    voorbeeld,
)
from tests.accounts.leerlingimport.helpers import importeer, teksten
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db


# Idempotence, changes and history ---------------------------------------------------------


def test_the_same_file_twice_changes_nothing_the_second_time(django_capture_on_commit_callbacks):
    from django.core import mail

    bestand = lambda: voorbeeld("parnassys_de_regenboog.csv")  # noqa: E731
    with django_capture_on_commit_callbacks(execute=True):
        importeer(bestand(), volledig=True)
    tellingen = {model: model.objects.count() for model in apps.get_models()}
    mails = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        tweede = importeer(bestand(), volledig=True)
    resultaat = tweede.resultaat
    assert (resultaat["nieuw"], resultaat["gewijzigd"], resultaat["uitgeschreven"]) == (0, 0, 0)
    assert resultaat["ongewijzigd"] == 12
    assert resultaat["ouders_uit_te_nodigen"] == 0
    assert len(mail.outbox) == mails
    veranderd = {
        model._meta.label
        for model in apps.get_models()
        if model.objects.count() != tellingen[model]
    }
    # Only the record of the import itself and its management event are new.
    assert veranderd == {"accounts.Leerlingimport", "accounts.Beheergebeurtenis"}


def test_a_changed_row_updates_the_pupil_and_keeps_the_earlier_values(sam):
    sam_ouder = list(SAM)
    sam_ouder[KOP.index("Groep")] = "groep 7"
    leerlingimport = importeer(csv_bestand([sam_ouder, NOOR]))
    assert leerlingimport.resultaat["gewijzigd"] == 1
    sam.refresh_from_db()
    assert sam.groep == "groep 7"
    vorige, laatste = sam.history.order_by("-history_date", "-history_id")[1], sam.history.first()
    assert (vorige.groep, laatste.groep) == ("groep 6", "groep 7")
    assert laatste.history_user == schoolbeheerder()
    assert laatste.history_change_reason == "Import uit de leerlingadministratie"


def test_custody_change_is_recorded_with_history(sam):
    zonder_gezag = list(SAM)
    zonder_gezag[KOP.index("Ouder2 gezag")] = "nee"
    importeer(csv_bestand([zonder_gezag]))
    gezag = Gezag.objects.get(leerling=sam, ouder__email="ouder2@demo.nl")
    assert not gezag.heeft_gezag
    assert [h.heeft_gezag for h in gezag.history.order_by("history_date")][-2:] == [True, False]


def test_full_export_unenrolls_missing_pupils_only_on_confirmation(sam, noor):
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([SAM, rij("21"), rij("22", "Piet")]), schoolbeheerder()
    )
    assert leerlingimport.resultaat["uitgeschreven"] == 1
    noor.refresh_from_db()
    assert noor.uitgeschreven_op is None
    bevestig(leerlingimport, schoolbeheerder())
    noor.refresh_from_db()
    assert noor.uitgeschreven_op == timezone.localdate()
    assert Leerling.objects.filter(pk=noor.pk).exists()  # never deleted


def test_a_partial_export_unenrolls_nobody(noor):
    leerlingimport = importeer(csv_bestand([SAM]), volledig=False)
    assert leerlingimport.resultaat["uitgeschreven"] == 0
    noor.refresh_from_db()
    assert noor.uitgeschreven_op is None


def test_a_pupil_whose_row_has_an_error_is_not_unenrolled(noor):
    noor_fout = list(NOOR)
    noor_fout[KOP.index("Geboortedatum")] = "31-02-2017"
    importeer(csv_bestand([SAM, noor_fout]), volledig=True)
    noor.refresh_from_db()
    assert noor.uitgeschreven_op is None


def test_a_full_export_without_one_good_row_unenrolls_nobody(sam, noor):
    leerlingimport = importeer(csv_bestand([rij("", voornaam="")]), volledig=True)
    assert leerlingimport.resultaat["uitgeschreven"] == 0
    assert "daarom wordt er ook niemand uitgeschreven" in str(leerlingimport.meldingen)
    sam.refresh_from_db()
    assert sam.uitgeschreven_op is None


def test_a_leaver_who_reappears_is_enrolled_again(noor):
    noor.uitgeschreven_op = date(2025, 1, 1)
    noor.save()
    leerlingimport = importeer(csv_bestand([NOOR]))
    assert leerlingimport.resultaat["gewijzigd"] == 1
    noor.refresh_from_db()
    assert noor.uitgeschreven_op is None


def test_unenrolling_more_than_half_needs_an_extra_confirmation(sam, noor):
    leerlingimport = lees_en_plan(regenboog(), csv_bestand([rij("23")]), schoolbeheerder())
    assert leerlingimport.resultaat["extra_bevestiging"]
    with pytest.raises(ValidationError, match="schrijft 2 van de 2 leerlingen uit"):
        bevestig(leerlingimport, schoolbeheerder())
    sam.refresh_from_db()
    assert sam.uitgeschreven_op is None
    bevestig(leerlingimport, schoolbeheerder(), uitschrijven_bevestigd=True)
    sam.refresh_from_db()
    assert sam.uitgeschreven_op == timezone.localdate()


def test_a_pupil_entered_by_hand_is_given_its_number_not_a_second_dossier():
    hand = LeerlingFactory(
        school=regenboog(), voornaam="Lieke", achternaam="Jansen", geboortedatum=date(2016, 6, 5)
    )
    leerlingimport = importeer(csv_bestand([rij("24")]))
    assert leerlingimport.resultaat["gewijzigd"] == 1
    hand.refresh_from_db()
    assert hand.leerlingnummer == "24"
    assert Leerling.objects.filter(voornaam="Lieke", achternaam="Jansen").count() == 1


# Confirming -------------------------------------------------------------------------------


def test_confirming_the_same_import_twice_says_it_is_done():
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([rij("25")]), schoolbeheerder(), volledig=False
    )
    bevestig(leerlingimport, schoolbeheerder())
    with pytest.raises(ValidationError) as fout:
        bevestig(leerlingimport, schoolbeheerder())
    assert fout.value.messages == ["Deze import is al verwerkt."]
    assert Leerling.objects.filter(leerlingnummer="25").count() == 1


def test_two_previews_confirmed_one_after_the_other_create_nothing_twice():
    eerste = lees_en_plan(regenboog(), csv_bestand([rij("26")]), schoolbeheerder(), False)
    tweede = lees_en_plan(regenboog(), csv_bestand([rij("26")]), schoolbeheerder(), False)
    bevestig(eerste, schoolbeheerder())
    tweede = bevestig(tweede, schoolbeheerder())
    assert tweede.resultaat["nieuw"] == 0
    assert tweede.resultaat["ongewijzigd"] == 1
    assert Leerling.objects.filter(leerlingnummer="26").count() == 1
    assert User.objects.filter(email="anja.jansen@voorbeeld.nl").count() == 1


def test_confirmation_keeps_counts_and_messages_but_not_the_rows():
    leerlingimport = importeer(csv_bestand([rij("27"), rij("28", voornaam="")]))
    assert leerlingimport.status == Leerlingimport.Status.VERWERKT
    assert leerlingimport.rijen == []
    assert leerlingimport.resultaat["nieuw"] == 1
    assert teksten(leerlingimport, "fout") == ["3|Roepnaam|ontbreekt."]


def test_stored_messages_hold_no_names_or_addresses():
    bestand = csv_bestand(
        [rij("29", voornaam="Geheimnaam", ouder1=("Naamouder", "", "0612345678", "ja"))]
    )
    leerlingimport = lees_en_plan(regenboog(), bestand, schoolbeheerder())
    opgeslagen = str(leerlingimport.meldingen)
    assert "Geheimnaam" not in opgeslagen and "Naamouder" not in opgeslagen
    assert "0612345678" not in opgeslagen
