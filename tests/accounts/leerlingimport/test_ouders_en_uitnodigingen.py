"""The pupil import links parents and mentors and invites parents once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.importeren import lees_en_plan
from accounts.models import (
    Emaillink,
    Leerling,
    User,
)
from accounts.uitnodigingen import stuur_activatie
from tests.accounts.import_helpers import (
    KOP,
    NOOR,
    SAM,
    csv_bestand,
    regenboog,
    rij,
    schoolbeheerder,
)
from tests.accounts.leerlingimport.helpers import importeer, teksten

pytestmark = pytest.mark.django_db


# Parents and mentors ----------------------------------------------------------------------


def test_parents_with_custody_get_exactly_one_activation_mail(django_capture_on_commit_callbacks):
    from django.core import mail

    broer = rij(
        "31",
        "Tim",
        ouder1=("Anja Jansen", "anja.jansen@voorbeeld.nl", "", "ja"),
        ouder2=("Kees Jansen", "kees.jansen@voorbeeld.nl", "", "nee"),
    )
    zus = rij("32", "Eva", ouder1=("Anja Jansen", "anja.jansen@voorbeeld.nl", "", "ja"))
    with django_capture_on_commit_callbacks(execute=True):
        leerlingimport = importeer(csv_bestand([broer, zus]))
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 1
    assert [m.to for m in mail.outbox] == [["anja.jansen@voorbeeld.nl"]]
    kees = User.objects.get(email="kees.jansen@voorbeeld.nl")
    assert not kees.has_usable_password() and kees.geactiveerd_op is None
    assert kees.uitgenodigd_door == schoolbeheerder()

    # Again: the link sent is still good, so no second mail.
    with django_capture_on_commit_callbacks(execute=True):
        importeer(csv_bestand([broer, zus]))
    assert len(mail.outbox) == 1


def test_a_parent_whose_link_expired_is_invited_again(django_capture_on_commit_callbacks):
    from django.core import mail

    importeer(csv_bestand([rij("33")]))
    Emaillink.objects.filter(user__email="anja.jansen@voorbeeld.nl").update(
        verloopt_op=timezone.now() - timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        leerlingimport = importeer(csv_bestand([rij("33")]))
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 1
    assert len(mail.outbox) == 1


def test_an_active_parent_is_not_invited(sam, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        leerlingimport = importeer(csv_bestand([SAM, NOOR]))
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 0
    assert mail.outbox == []


def test_an_invited_parent_with_a_good_link_is_not_invited_again():
    ouder = User.objects.create_user("wacht@voorbeeld.nl", None, naam="Wacht")
    stuur_activatie(ouder, door=schoolbeheerder())
    leerlingimport = lees_en_plan(
        regenboog(),
        csv_bestand([rij("34", ouder1=("Wacht", "wacht@voorbeeld.nl", "", "ja"))]),
        schoolbeheerder(),
    )
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 0


def test_a_parent_without_email_is_listed_and_gets_no_account():
    bestand = csv_bestand([rij("35", ouder1=("Zonder Mail", "", "0611111111", "ja"))])
    leerlingimport = importeer(bestand)
    assert teksten(leerlingimport, "waarschuwing") == [
        "2|Ouder1 e-mail|ouder 1 heeft geen e-mailadres: deze ouder krijgt geen account en geen "
        "uitnodiging."
    ]
    assert leerlingimport.resultaat["nieuw"] == 1
    assert not Leerling.objects.get(leerlingnummer="35").gezagen.exists()


def test_a_linked_parent_missing_from_the_file_stays_and_is_listed(sam):
    alleen_moeder = list(SAM)
    alleen_moeder[KOP.index("Ouder2 naam") :] = ["", "", "", ""]
    leerlingimport = importeer(csv_bestand([alleen_moeder]))
    assert sam.gezagen.filter(ouder__email="ouder2@demo.nl").exists()
    assert any("controleer het gezag" in t for t in teksten(leerlingimport, "waarschuwing"))


def test_a_known_mentor_is_linked_and_an_unknown_one_is_listed():
    bestand = csv_bestand(
        [rij("36", mentor="Mentor@demo.nl"), rij("37", "Piet", mentor="ib@demo.nl")]
    )
    leerlingimport = importeer(bestand)
    mentor = User.objects.get(email="mentor@demo.nl")
    assert list(Leerling.objects.get(leerlingnummer="36").mentoren.all()) == [mentor]
    assert not Leerling.objects.get(leerlingnummer="37").mentoren.exists()
    assert teksten(leerlingimport, "waarschuwing") == [
        "3|Mentor e-mail|geen leerkracht van deze school met dit e-mailadres; er is geen "
        "mentor gekoppeld."
    ]
