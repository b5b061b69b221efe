"""An organisation's first beheerder: the region proposes, the named contact confirms by
a single-use link; the region's beheerder herself reaches no pupil."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.eerste_beheerder import bevestig_door_contact, stel_eerste_beheerder_voor
from accounts.models import Beheergebeurtenis, Emaillink, Lidmaatschap, Roltoekenning, User
from accounts.models.beheer import token_hash
from accounts.rolbeheer import bevestig, nodig_medewerker_uit, stel_rol_voor
from accounts.rollen import Rol
from tests.accounts.beheer_helpers import REGENBOOG, VLIEGER, organisatie
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

Soortgebeurtenis = Beheergebeurtenis.Soort
Status = Roltoekenning.Status
CONTACT = "directeur@vlieger.nl"


@pytest.fixture(autouse=True)
def mail_direct(monkeypatch):
    """Mails go out on commit; the test's transaction never commits, so send at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, robust=False: func())


@pytest.fixture
def regio(db):
    return user_by_email("beheer@demo.nl")


@pytest.fixture
def vlieger(db):
    vlieger = organisatie(VLIEGER)
    vlieger.contactpersoon_naam = "Daan Directeur"
    vlieger.contactpersoon_email = CONTACT
    vlieger.save()
    return vlieger


def stel_voor(regio, vlieger, email="vera@vlieger.nl"):
    mail.outbox.clear()
    return stel_eerste_beheerder_voor(vlieger, email=email, naam="Vera Vlieger", door=regio)


def contactlink() -> str:
    (bericht,) = [m for m in mail.outbox if m.to == [CONTACT]]
    return re.search(r"https?://\S+(/beheer/bevestigen/\S+/)", bericht.body)[1]


def test_the_named_contact_confirms_the_first_beheerder_from_her_link(client, regio, vlieger):
    toekenning = stel_voor(regio, vlieger)
    vera = toekenning.user
    assert sorted(m.to[0] for m in mail.outbox) == [CONTACT, "vera@vlieger.nl"]
    assert "Vera" not in next(m for m in mail.outbox if m.to == [CONTACT]).body
    assert not Lidmaatschap.objects.filter(user=vera).exists()

    response = client.get(contactlink())
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:contact_bevestigen")  # token gone
    page = client.get(response["Location"]).content.decode()
    assert "Vera Vlieger" in page and "vera@vlieger.nl" in page and VLIEGER in page
    assert "Bram Heemskerk" in page  # who proposed it

    klaar = client.post(reverse("accounts:contact_bevestigen"))
    assert (
        klaar.status_code == 200 and "is nu beheerder van de organisatie" in klaar.content.decode()
    )
    toekenning.refresh_from_db()
    assert toekenning.status == Status.BEVESTIGD
    assert toekenning.afgehandeld_door_contact == CONTACT and toekenning.afgehandeld_door is None
    assert Lidmaatschap.objects.filter(
        user=vera, organisatie=vlieger, rol=Rol.ORGANISATIEBEHEERDER
    ).exists()
    bevestigd = Beheergebeurtenis.objects.get(organisatie=vlieger, soort=Soortgebeurtenis.BEVESTIGD)
    assert bevestigd.door_contact == CONTACT


def test_the_contacts_link_works_once(client, regio, vlieger):
    stel_voor(regio, vlieger)
    url = contactlink()
    client.get(url)
    client.post(reverse("accounts:contact_bevestigen"))
    client.get(url)
    again = client.get(reverse("accounts:contact_bevestigen"))
    assert again.status_code == 400 and "al gebruikt" in again.content.decode()
    assert again_post_changes_nothing(client)


def again_post_changes_nothing(client) -> bool:
    aantal = Lidmaatschap.objects.count()
    response = client.post(reverse("accounts:contact_bevestigen"))
    return response.status_code == 400 and Lidmaatschap.objects.count() == aantal


def test_the_contacts_link_expires_after_seven_days(client, regio, vlieger):
    toekenning = stel_voor(regio, vlieger)
    link = Emaillink.objects.get(roltoekenning=toekenning)
    assert link.verloopt_op - link.aangemaakt_op == timedelta(days=7)
    link.verloopt_op = timezone.now() - timedelta(minutes=1)
    link.save()
    client.get(contactlink())
    response = client.get(reverse("accounts:contact_bevestigen"))
    assert response.status_code == 400 and "verlopen" in response.content.decode()
    assert again_post_changes_nothing(client)
    toekenning.refresh_from_db()
    assert toekenning.status == Status.VOORGESTELD


def test_the_region_sends_a_new_link_and_the_old_one_stops(client, login, regio, vlieger):
    toekenning = stel_voor(regio, vlieger)
    oude = contactlink()
    mail.outbox.clear()
    response = login("beheer@demo.nl").post(
        reverse("accounts:regio_contactlink_opnieuw", args=[toekenning.uuid]), follow=True
    )
    assert "nieuwe link" in response.content.decode()
    nieuwe = contactlink()
    client.logout()
    client.get(oude)
    assert client.get(reverse("accounts:contact_bevestigen")).status_code == 400
    client.get(nieuwe)
    assert client.get(reverse("accounts:contact_bevestigen")).status_code == 200


def test_the_contact_refuses(client, regio, vlieger):
    toekenning = stel_voor(regio, vlieger)
    client.get(contactlink())
    response = client.post(reverse("accounts:contact_afwijzen"), {"reden": "Ken ik niet"})
    assert response.status_code == 200 and "afgewezen" in response.content.decode()
    toekenning.refresh_from_db()
    assert toekenning.status == Status.AFGEWEZEN
    assert not Lidmaatschap.objects.filter(user=toekenning.user).exists()
    afgewezen = Beheergebeurtenis.objects.get(soort=Soortgebeurtenis.AFGEWEZEN)
    assert (afgewezen.door_contact, afgewezen.toelichting) == (CONTACT, "Ken ik niet")


def test_the_contact_cannot_be_the_proposed_beheerder_or_missing(regio, vlieger):
    with pytest.raises(ValidationError, match="zelf bij dit voorstel betrokken"):
        stel_voor(regio, vlieger, email="Directeur@Vlieger.nl")
    vlieger.contactpersoon_email = ""
    vlieger.save()
    with pytest.raises(ValidationError, match="nog geen vaste contactpersoon"):
        stel_voor(regio, vlieger)
    vlieger.contactpersoon_email = "beheer@demo.nl"
    vlieger.save()
    with pytest.raises(ValidationError, match="U staat zelf als vaste contactpersoon"):
        stel_voor(regio, vlieger)
    assert not Roltoekenning.objects.exists()
    assert not User.objects.filter(email="vera@vlieger.nl").exists()  # nothing half-written
    assert not mail.outbox


def test_a_contact_changed_after_the_proposal_makes_the_link_useless(client, regio, vlieger):
    stel_voor(regio, vlieger)
    vlieger.contactpersoon_email = "ander@vlieger.nl"
    vlieger.save()
    client.get(contactlink())
    response = client.get(reverse("accounts:contact_bevestigen"))
    assert response.status_code == 400 and "intussen gewijzigd" in response.content.decode()


def test_the_person_proposed_cannot_confirm_with_the_contacts_link(client, login, regio, vlieger):
    toekenning = stel_voor(regio, vlieger)
    url = contactlink()
    client = login("beheer@demo.nl")  # the proposer, logged in, opens the contact's link
    client.get(url)
    response = client.post(reverse("accounts:contact_bevestigen"))
    assert response.status_code == 400 and "betrokken" in response.content.decode()
    token = url.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(ValidationError, match="betrokken"):
        bevestig_door_contact(token_hash(token), bezoeker=toekenning.user)
    toekenning.refresh_from_db()
    assert toekenning.status == Status.VOORGESTELD


def test_only_the_region_proposes_and_only_while_there_is_no_beheerder(regio, vlieger):
    with pytest.raises(PermissionDenied):
        stel_eerste_beheerder_voor(
            vlieger, email="x@vlieger.nl", naam="X", door=user_by_email("schoolbeheer@demo.nl")
        )
    regenboog = organisatie(REGENBOOG)
    with pytest.raises(ValidationError, match="heeft al een beheerder"):
        stel_eerste_beheerder_voor(regenboog, email="x@regenboog.nl", naam="X", door=regio)


def wijzig_contact_in_admin(client, org, email):
    return client.post(
        reverse("admin:accounts_organisatie_change", args=[org.pk]),
        {
            "naam": org.naam,
            "sector": org.sector,
            "code": org.code,
            "plaats": org.plaats,
            "swv": org.swv_id or "",
            "contactpersoon_naam": "Alias",
            "contactpersoon_email": email,
            "_save": "Opslaan",
        },
    )


def test_switching_off_the_beheerders_does_not_let_the_region_install_her_own(login, regio):
    """The reported attack: beheerders switched off, the contact set to an alias."""
    regenboog = organisatie(REGENBOOG)
    client = login("beheer@demo.nl")
    for email in ["schoolbeheer@demo.nl", "directie@demo.nl"]:
        User.objects.filter(email=email).update(is_active=False)
    mail.outbox.clear()
    response = wijzig_contact_in_admin(client, regenboog, "alias@prive.nl")
    assert response.status_code == 302
    regenboog.refresh_from_db()
    assert regenboog.contactpersoon_email == "directie@demo.nl"  # read-only: unchanged
    with pytest.raises(ValidationError, match="uitgeschakeld account telt mee"):
        stel_eerste_beheerder_voor(regenboog, email="alias2@prive.nl", naam="X", door=regio)
    page = client.get(reverse("accounts:regio_organisatie", args=[regenboog.pk])).content.decode()
    assert "Eerste beheerder voorstellen" not in page and "uitgeschakeld account" in page
    refused = client.post(
        reverse("accounts:regio_eerste_beheerder", args=[regenboog.pk]),
        {"naam": "X", "email": "alias2@prive.nl"},
    )
    assert "heeft al een beheerder" in refused.content.decode()
    assert not Roltoekenning.objects.filter(organisatie=regenboog).exists()
    assert not mail.outbox


def test_the_region_ends_a_departed_beheerders_role_only_when_none_is_active(login, regio):
    regenboog = organisatie(REGENBOOG)
    client = login("beheer@demo.nl")
    rollen = {
        lid.user.email: lid
        for lid in Lidmaatschap.objects.filter(
            organisatie=regenboog, rol=Rol.ORGANISATIEBEHEERDER
        ).select_related("user")
    }

    def beeindig(email):
        url = reverse(
            "accounts:regio_beheerdersrol_beeindigen", args=[regenboog.pk, rollen[email].pk]
        )
        return client.post(url, follow=True).content.decode()

    assert "is niet uitgeschakeld" in beeindig("directie@demo.nl")
    User.objects.filter(email="directie@demo.nl").update(is_active=False)
    assert "nog een actieve beheerder" in beeindig("directie@demo.nl")
    User.objects.filter(email="schoolbeheer@demo.nl").update(is_active=False)
    mail.outbox.clear()
    assert "is beëindigd" in beeindig("directie@demo.nl")
    assert "is beëindigd" in beeindig("schoolbeheer@demo.nl")
    assert not Lidmaatschap.objects.filter(organisatie=regenboog, rol=Rol.ORGANISATIEBEHEERDER)
    # The named contact hears of each; the events say who did it.
    assert [m.to for m in mail.outbox] == [["directie@demo.nl"], ["directie@demo.nl"]]
    assert "Dirk de Ruiter" in mail.outbox[0].body
    verwijderd = Beheergebeurtenis.objects.filter(
        organisatie=regenboog, soort=Soortgebeurtenis.VERWIJDERD
    )
    assert {g.door for g in verwijderd} == {regio}
    # Now the region proposes, but the contact is no longer hers to change: the link
    # goes to the organisation's own contact.
    wijzig_contact_in_admin(client, regenboog, "alias@prive.nl")
    regenboog.refresh_from_db()
    assert regenboog.contactpersoon_email == "directie@demo.nl"
    mail.outbox.clear()
    stel_eerste_beheerder_voor(regenboog, email="alias2@prive.nl", naam="X", door=regio)
    assert sorted(m.to[0] for m in mail.outbox) == ["alias2@prive.nl", "directie@demo.nl"]


def test_the_contact_is_read_only_in_the_beheeromgeving_once_there_was_a_proposal(
    login, regio, vlieger
):
    client = login("beheer@demo.nl")
    url = reverse("admin:accounts_organisatie_change", args=[vlieger.pk])
    assert 'name="contactpersoon_email"' in client.get(url).content.decode()
    toekenning = stel_voor(regio, vlieger)
    # Withdrawn or not: once proposed, the contact is the organisation's.
    toekenning.status = Status.INGETROKKEN
    toekenning.save()
    page = client.get(url).content.decode()
    assert 'name="contactpersoon_email"' not in page and CONTACT in page
    assert "alleen haar eigen beheerders" in page
    wijzig_contact_in_admin(client, vlieger, "alias@prive.nl")
    vlieger.refresh_from_db()
    assert vlieger.contactpersoon_email == CONTACT
    regio_pagina = client.get(reverse("accounts:regio_organisatie", args=[vlieger.pk]))
    assert "houden de beheerders van de organisatie zelf bij" in regio_pagina.content.decode()


def test_a_second_region_proposal_is_not_confirmed_once_there_is_a_beheerder(
    client, regio, vlieger
):
    stel_voor(regio, vlieger)
    eerste = contactlink()
    tweede = stel_voor(regio, vlieger, email="wendy@vlieger.nl")
    tweede_link = contactlink()
    client.get(eerste)
    client.post(reverse("accounts:contact_bevestigen"))
    client.get(tweede_link)
    response = client.get(reverse("accounts:contact_bevestigen"))
    assert response.status_code == 400 and "heeft al een beheerder" in response.content.decode()
    assert again_post_changes_nothing(client)
    tweede.refresh_from_db()
    assert tweede.status == Status.VOORGESTELD  # the new beheerder (not the region) decides


def test_the_region_reaches_no_pupil_even_after_trying_to_give_herself_a_role(
    client, regio, vlieger
):
    from tests.accounts.permissiematrix.matrix import MATRIX, request_as

    with pytest.raises(ValidationError, match="U kunt uzelf geen rol geven"):
        stel_voor(regio, vlieger, email="beheer@demo.nl")
    with pytest.raises(PermissionDenied):
        stel_rol_voor(organisatie(REGENBOOG), regio, Rol.DIRECTEUR, door=regio)
    # Nor can anyone else give her a role.
    with pytest.raises(ValidationError, match="beheerder van de regio"):
        stel_rol_voor(
            organisatie(REGENBOOG), regio, Rol.DIRECTEUR, door=user_by_email("schoolbeheer@demo.nl")
        )
    assert list(Lidmaatschap.objects.filter(user=regio).values_list("rol", flat=True)) == [
        Rol.BEHEERDER
    ]
    for naam, entry in MATRIX.items():
        if entry.logs_leerling:
            client.logout()
            assert request_as(client, "beheer@demo.nl", naam, entry).status_code == 404, naam


def test_a_sole_beheerder_gets_a_second_one_through_the_named_contact(client, regio, vlieger):
    stel_voor(regio, vlieger)
    client.get(contactlink())
    client.post(reverse("accounts:contact_bevestigen"))
    vera = user_by_email("vera@vlieger.nl")
    # A teacher proposed by the only beheerder waits: nobody inside can confirm yet.
    leraar = nodig_medewerker_uit(
        vlieger, email="tom@vlieger.nl", naam="Tom", rol=Rol.LEERKRACHT, door=vera
    )
    assert (
        "nog geen andere beheerder"
        in Beheergebeurtenis.objects.filter(soort=Soortgebeurtenis.VOORGESTELD).first().toelichting
    )
    mail.outbox.clear()
    tweede = nodig_medewerker_uit(
        vlieger, email="wim@vlieger.nl", naam="Wim", rol=Rol.ORGANISATIEBEHEERDER, door=vera
    )
    client.get(contactlink())
    client.post(reverse("accounts:contact_bevestigen"))
    tweede.refresh_from_db()
    assert tweede.status == Status.BEVESTIGD
    # From now on four eyes inside the organisation: Wim confirms Vera's teacher.
    bevestig(leraar, door=tweede.user)
    assert Lidmaatschap.objects.filter(user__email="tom@vlieger.nl", rol=Rol.LEERKRACHT).exists()


# The region's pages -----------------------------------------------------------------------


def test_the_region_sees_organisations_their_beheerders_and_no_pupil(login, regio, vlieger):
    client = login("beheer@demo.nl")
    lijst = client.get(reverse("accounts:regio_organisaties")).content.decode()
    assert REGENBOOG in lijst and VLIEGER in lijst and "Nog niet ingevuld" in lijst
    page = client.get(reverse("accounts:regio_organisatie", args=[organisatie(REGENBOOG).pk]))
    html = page.content.decode()
    assert "Sophie Baas" in html and "Dirk de Ruiter" in html
    assert "Eerste beheerder voorstellen" not in html
    assert "Martijn Kok" not in html and "Sam de Vries" not in html  # no staff list, no pupils


def test_the_region_proposes_on_the_page_and_sees_the_event(login, regio, vlieger):
    client = login("beheer@demo.nl")
    url = reverse("accounts:regio_eerste_beheerder", args=[vlieger.pk])
    fout = client.post(url, {"naam": "Daan", "email": CONTACT})
    assert fout.status_code == 200 and "zelf bij dit voorstel betrokken" in fout.content.decode()
    response = client.post(url, {"naam": "Vera Vlieger", "email": "vera@vlieger.nl"}, follow=True)
    html = response.content.decode()
    assert "De vaste contactpersoon heeft een e-mail gekregen" in html
    assert "Vera Vlieger" in html and "Rol voorgesteld" in html and "Eerste beheerder" in html


def test_the_beheeromgeving_records_a_changed_contact_and_tells_the_old_one(login, vlieger):
    client = login("beheer@demo.nl")
    mail.outbox.clear()
    response = client.post(
        reverse("admin:accounts_organisatie_change", args=[vlieger.pk]),
        {
            "naam": vlieger.naam,
            "sector": vlieger.sector,
            "code": vlieger.code,
            "plaats": vlieger.plaats,
            "swv": vlieger.swv_id,
            "contactpersoon_naam": "Nieuwe Directeur",
            "contactpersoon_email": "nieuw@vlieger.nl",
            "_save": "Opslaan",
        },
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[CONTACT]]
    gebeurtenis = Beheergebeurtenis.objects.get(
        organisatie=vlieger, soort=Soortgebeurtenis.ORGANISATIE
    )
    assert "contactpersoon" in gebeurtenis.toelichting


def test_the_region_sees_only_staff_events_and_no_import_file_name(client, login):
    regenboog = organisatie(REGENBOOG)
    sophie = user_by_email("schoolbeheer@demo.nl")
    ouder = user_by_email("ouder@demo.nl")  # Ellen de Vries, Sam's mother
    for soort in (Soortgebeurtenis.UITGENODIGD, Soortgebeurtenis.EMAIL_GEWIJZIGD):
        Beheergebeurtenis.objects.create(
            organisatie=regenboog, soort=soort, door=sophie, betreft=ouder
        )
    Beheergebeurtenis.objects.create(
        organisatie=regenboog,
        soort=Soortgebeurtenis.GEIMPORTEERD,
        door=sophie,
        toelichting="groep7-familie-jansen.csv: 3 nieuw, 0 overstap",
    )
    nodig_medewerker_uit(
        regenboog, email="lea@demo.nl", naam="Lea Leraar", rol=Rol.LEERKRACHT, door=sophie
    )
    url = reverse("accounts:regio_organisatie", args=[regenboog.pk])
    html = login("beheer@demo.nl").get(url).content.decode()
    assert "Lea Leraar" in html and "Rol voorgesteld" in html  # staff events
    assert "Leerlingen geïmporteerd" in html  # that an import happened, by whom
    assert "Ellen de Vries" not in html and "E-mailadres gewijzigd" not in html
    assert "familie-jansen" not in html
    # The school's own beheerder still sees everything of her school.
    client.logout()
    eigen = login("schoolbeheer@demo.nl").get(reverse("accounts:beheer_organisatie"))
    page = eigen.content.decode()
    assert "Ellen de Vries" in page and "groep7-familie-jansen.csv" in page
