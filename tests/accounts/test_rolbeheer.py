"""Roles per organisation with four eyes: a beheerder proposes, another confirms.

De Regenboog has two beheerders in the demo: Sophie (schoolbeheer@) and Dirk
(directie@, also its director and named contact).
"""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from accounts.models import (
    Beheergebeurtenis,
    Emaillink,
    Lidmaatschap,
    Organisatie,
    Roltoekenning,
    User,
)
from accounts.permissions import leerlingen_for_user
from accounts.rolbeheer import (
    beeindig,
    bevestig,
    nodig_medewerker_uit,
    stel_rol_voor,
    trek_in,
    wijs_af,
)
from accounts.rollen import Rol, Soort
from accounts.uitnodigingen import maak_account
from tests.accounts.beheer_helpers import REGENBOOG, VLIEGER, organisatie
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

Soortgebeurtenis = Beheergebeurtenis.Soort
Status = Roltoekenning.Status


@pytest.fixture(autouse=True)
def mail_direct(monkeypatch):
    """Mails go out on commit; the test's transaction never commits, so send at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, robust=False: func())


@pytest.fixture
def sophie(db):
    return user_by_email("schoolbeheer@demo.nl")


@pytest.fixture
def dirk(db):
    return user_by_email("directie@demo.nl")


@pytest.fixture
def regenboog(db):
    return organisatie(REGENBOOG)


def nodig_uit(door, email="lea@demo.nl", rol=Rol.LEERKRACHT, bij=None):
    return nodig_medewerker_uit(
        bij or organisatie(REGENBOOG), email=email, naam="Lea Leraar", rol=rol, door=door
    )


def soorten(organisatie):
    return list(
        Beheergebeurtenis.objects.filter(organisatie=organisatie)
        .order_by("tijdstip", "pk")
        .values_list("soort", flat=True)
    )


def als_beheerder(client, email):
    """Log in and work as the organisation's beheerder (Dirk is also its director)."""
    from tests.conftest import login_verified

    user = user_by_email(email)
    login_verified(client, user)
    lid = Lidmaatschap.objects.get(user=user, rol=Rol.ORGANISATIEBEHEERDER)
    client.post(reverse("accounts:switch_rol"), {"rol": str(lid.pk)})
    return client


# The service ----------------------------------------------------------------------------


def test_a_proposed_role_waits_for_a_second_beheerder(sophie, regenboog, sam):
    mail.outbox.clear()
    toekenning = nodig_uit(sophie)
    lea = toekenning.user
    assert toekenning.status == Status.VOORGESTELD
    assert not Lidmaatschap.objects.filter(user=lea).exists()
    assert not leerlingen_for_user(lea).exists()
    ontvangers = sorted(adres for bericht in mail.outbox for adres in bericht.to)
    assert ontvangers == ["directie@demo.nl", "lea@demo.nl"]  # not Sophie herself
    (melding,) = [m for m in mail.outbox if m.to == ["directie@demo.nl"]]
    assert "Lea" not in melding.body and reverse("accounts:beheer_organisatie") in melding.body
    assert soorten(regenboog) == [Soortgebeurtenis.VOORGESTELD, Soortgebeurtenis.UITGENODIGD]


def test_a_beheerder_cannot_confirm_her_own_proposal(sophie):
    toekenning = nodig_uit(sophie)
    with pytest.raises(PermissionDenied, match="U stelde dit zelf voor"):
        bevestig(toekenning, door=sophie)
    assert not Lidmaatschap.objects.filter(user=toekenning.user).exists()


def test_the_second_beheerder_confirms_and_the_role_takes_effect(sophie, dirk, regenboog):
    toekenning = nodig_uit(sophie)
    bevestig(toekenning, door=dirk)
    toekenning.refresh_from_db()
    assert toekenning.status == Status.BEVESTIGD
    assert toekenning.afgehandeld_door == dirk and toekenning.afgehandeld_op
    assert toekenning.lidmaatschap == Lidmaatschap.objects.get(
        user=toekenning.user, organisatie=regenboog, rol=Rol.LEERKRACHT
    )
    assert soorten(regenboog)[-1] == Soortgebeurtenis.BEVESTIGD


def test_confirming_twice_does_nothing_twice(sophie, dirk, regenboog):
    toekenning = nodig_uit(sophie)
    bevestig(toekenning, door=dirk)
    with pytest.raises(ValidationError, match="al afgehandeld"):
        bevestig(toekenning, door=dirk)
    assert Lidmaatschap.objects.filter(user=toekenning.user).count() == 1
    assert soorten(regenboog).count(Soortgebeurtenis.BEVESTIGD) == 1


def test_nobody_gives_herself_a_role(sophie, regenboog):
    with pytest.raises(ValidationError, match="U kunt uzelf geen rol geven"):
        stel_rol_voor(regenboog, sophie, Rol.DIRECTEUR, door=sophie)
    with pytest.raises(ValidationError, match="U kunt uzelf geen rol geven"):
        nodig_uit(sophie, email="Schoolbeheer@Demo.nl")
    assert not Roltoekenning.objects.filter(user=sophie).exists()


def test_the_person_proposed_cannot_confirm_her_own_role(sophie, dirk, regenboog):
    toekenning = stel_rol_voor(regenboog, dirk, Rol.LEERKRACHT, door=sophie)
    with pytest.raises(PermissionDenied, match="over uzelf"):
        bevestig(toekenning, door=dirk)


def test_whoever_created_the_account_does_not_confirm_its_role(sophie, dirk, regenboog):
    lea, _ = maak_account("lea@demo.nl", "Lea Leraar", door=sophie)
    toekenning = stel_rol_voor(regenboog, lea, Rol.LEERKRACHT, door=dirk)
    with pytest.raises(PermissionDenied, match="U maakte dit account aan"):
        bevestig(toekenning, door=sophie)
    with pytest.raises(PermissionDenied, match="U stelde dit zelf voor"):
        bevestig(toekenning, door=dirk)
    derde = user_by_email("ib@demo.nl")
    Lidmaatschap.objects.create(user=derde, organisatie=regenboog, rol=Rol.ORGANISATIEBEHEERDER)
    bevestig(toekenning, door=derde)
    assert Lidmaatschap.objects.filter(user=lea, rol=Rol.LEERKRACHT).exists()


def test_a_role_must_fit_the_organisation_and_the_regions_role_is_never_given(sophie, regenboog):
    lea, _ = maak_account("lea@demo.nl", "Lea Leraar", door=sophie)
    with pytest.raises(ValidationError, match="past niet bij een school"):
        stel_rol_voor(regenboog, lea, Rol.CONSULENT_SWV, door=sophie)
    with pytest.raises(ValidationError, match="beheerder van de regio"):
        stel_rol_voor(regenboog, lea, Rol.BEHEERDER, door=sophie)


def test_a_second_proposal_or_an_existing_role_is_refused(sophie, regenboog):
    nodig_uit(sophie)
    with pytest.raises(ValidationError, match="wacht de rol Leerkracht / mentor al"):
        nodig_uit(sophie)
    mentor = user_by_email("mentor@demo.nl")
    with pytest.raises(ValidationError, match="heeft de rol Leerkracht / mentor al"):
        stel_rol_voor(regenboog, mentor, Rol.LEERKRACHT, door=sophie)


def test_only_a_beheerder_of_the_organisation_proposes(regenboog):
    lea, _ = maak_account("lea@demo.nl", "Lea Leraar", door=None)
    for email in ["ib@demo.nl", "beheer@demo.nl"]:
        with pytest.raises(PermissionDenied):
            stel_rol_voor(regenboog, lea, Rol.LEERKRACHT, door=user_by_email(email))
    with pytest.raises(PermissionDenied):
        stel_rol_voor(
            organisatie(VLIEGER), lea, Rol.LEERKRACHT, door=user_by_email("schoolbeheer@demo.nl")
        )


def test_another_beheerder_refuses_and_the_proposer_withdraws(sophie, dirk, regenboog):
    eerste = nodig_uit(sophie)
    with pytest.raises(PermissionDenied, match="trek het voorstel in"):
        wijs_af(eerste, door=sophie)
    wijs_af(eerste, door=dirk, reden="Werkt hier niet")
    tweede = nodig_uit(sophie, email="tim@demo.nl")
    with pytest.raises(PermissionDenied):
        trek_in(tweede, door=dirk)
    trek_in(tweede, door=sophie)
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.status, tweede.status) == (Status.AFGEWEZEN, Status.INGETROKKEN)
    afgewezen = Beheergebeurtenis.objects.get(soort=Soortgebeurtenis.AFGEWEZEN)
    assert afgewezen.toelichting == "Werkt hier niet" and afgewezen.door == dirk
    assert Beheergebeurtenis.objects.filter(soort=Soortgebeurtenis.INGETROKKEN).exists()
    assert not Lidmaatschap.objects.filter(user__email__in=["lea@demo.nl", "tim@demo.nl"])


def test_ending_a_role_takes_access_away_at_once(sophie, sam):
    mentor = user_by_email("mentor@demo.nl")
    assert leerlingen_for_user(mentor).filter(pk=sam.pk).exists()
    lid = Lidmaatschap.objects.get(user=mentor)
    beeindig(lid, door=sophie, reden="Vertrokken")
    assert not leerlingen_for_user(mentor).filter(pk=sam.pk).exists()
    gebeurtenis = Beheergebeurtenis.objects.get(soort=Soortgebeurtenis.VERWIJDERD)
    assert (gebeurtenis.betreft, gebeurtenis.rol, gebeurtenis.door) == (
        mentor,
        "leerkracht",
        sophie,
    )
    assert Lidmaatschap.history.filter(id=lid.pk, history_type="-").exists()
    with pytest.raises(ValidationError, match="al beëindigd"):
        beeindig(lid, door=sophie, reden="")


def test_the_last_beheerder_cannot_step_down_herself(sophie, dirk, regenboog):
    beeindig(
        Lidmaatschap.objects.get(user=dirk, rol=Rol.ORGANISATIEBEHEERDER), door=sophie, reden=""
    )
    eigen = Lidmaatschap.objects.get(user=sophie, rol=Rol.ORGANISATIEBEHEERDER)
    with pytest.raises(ValidationError, match="enige beheerder"):
        beeindig(eigen, door=sophie, reden="")
    assert Lidmaatschap.objects.filter(pk=eigen.pk).exists()


def test_a_switched_off_account_confirms_nothing_and_gets_no_role(sophie, dirk):
    toekenning = nodig_uit(sophie)
    dirk.is_active = False
    dirk.save()
    with pytest.raises(PermissionDenied):
        bevestig(toekenning, door=dirk)


# The organisation's beheer page -----------------------------------------------------------


def test_the_page_shows_members_proposals_and_why_one_cannot_confirm(client, sophie):
    nodig_uit(sophie)
    html = als_beheerder(client, "schoolbeheer@demo.nl").get(reverse("accounts:beheer_organisatie"))
    assert html.status_code == 200
    page = html.content.decode()
    assert "Martijn Kok" in page and "mentor@demo.nl" in page  # a member
    assert "Lea Leraar" in page and "U stelde dit zelf voor" in page
    assert "Uitnodiging verstuurd op" in page and "Uitnodiging opnieuw versturen" in page
    assert "Rol voorgesteld" in page  # the event list
    assert "Sam de Vries" not in page and "Vries" not in page  # no pupil data


def test_the_second_beheerder_confirms_on_the_page(client, sophie, dirk, regenboog):
    toekenning = nodig_uit(sophie)
    client = als_beheerder(client, "directie@demo.nl")
    page = client.get(reverse("accounts:beheer_organisatie")).content.decode()
    assert reverse("accounts:beheer_bevestigen", args=[toekenning.uuid]) in page
    url = reverse("accounts:beheer_bevestigen", args=[toekenning.uuid])
    response = client.post(url, follow=True)
    assert "is bevestigd en gaat nu in" in response.content.decode()
    again = client.post(url, follow=True).content.decode()
    assert "al afgehandeld" in again
    assert Lidmaatschap.objects.filter(user=toekenning.user, rol=Rol.LEERKRACHT).count() == 1


def test_the_invite_form_offers_only_roles_that_fit_the_organisation(client):
    page = (
        als_beheerder(client, "schoolbeheer@demo.nl")
        .get(reverse("accounts:beheer_organisatie"))
        .content.decode()
    )
    opties = set(re.findall(r'<option value="([a-z_]+)"', page))
    assert opties == {
        "ondersteuningscoordinator",
        "directeur",
        "leerkracht",
        "multidisciplinaire_begeleider",
        "organisatiebeheerder",
    }


def test_inviting_oneself_on_the_page_gives_a_dutch_message(client):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    response = client.post(
        reverse("accounts:beheer_uitnodigen"),
        {"naam": "Sophie", "email": "schoolbeheer@demo.nl", "rol": "directeur"},
    )
    assert response.status_code == 200
    assert "U kunt uzelf geen rol geven" in response.content.decode()
    assert not Roltoekenning.objects.exists()


def test_inviting_on_the_page_proposes_and_mails(client):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    mail.outbox.clear()
    response = client.post(
        reverse("accounts:beheer_uitnodigen"),
        {"naam": "Lea Leraar", "email": "lea@demo.nl", "rol": "leerkracht"},
        follow=True,
    )
    assert "gaat in zodra een andere beheerder hem bevestigt" in response.content.decode()
    assert Roltoekenning.objects.open().get().user.email == "lea@demo.nl"


def test_a_beheerder_of_another_school_cannot_see_or_act(client, sophie, regenboog):
    toekenning = nodig_uit(sophie)
    vlieger = organisatie(VLIEGER)
    ander, _ = maak_account("beheer@vlieger.nl", "Vera Vlieger", door=None)
    Lidmaatschap.objects.create(user=ander, organisatie=vlieger, rol=Rol.ORGANISATIEBEHEERDER)
    client = als_beheerder(client, "beheer@vlieger.nl")
    page = client.get(reverse("accounts:beheer_organisatie")).content.decode()
    assert "Lea Leraar" not in page and "Martijn Kok" not in page
    mentor_lid = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    for url in [
        reverse("accounts:beheer_bevestigen", args=[toekenning.uuid]),
        reverse("accounts:beheer_afwijzen", args=[toekenning.uuid]),
        reverse("accounts:intrekken", args=[toekenning.uuid]),
        reverse("accounts:beheer_beeindigen", args=[mentor_lid.pk]),
        reverse("accounts:beheer_opnieuw_uitnodigen", args=[toekenning.user_id]),
    ]:
        assert client.post(url).status_code == 404, url
    toekenning.refresh_from_db()
    assert toekenning.status == Status.VOORGESTELD
    assert Lidmaatschap.objects.filter(pk=mentor_lid.pk).exists()


def test_resending_an_invitation_stops_the_old_link(client, sophie, regenboog):
    mail.outbox.clear()
    toekenning = nodig_uit(sophie)
    (uitnodiging,) = [m for m in mail.outbox if m.to == ["lea@demo.nl"]]
    oude_link = re.search(r"https?://\S+(/activeren/\S+/)", uitnodiging.body)[1]
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    response = client.post(
        reverse("accounts:beheer_opnieuw_uitnodigen", args=[toekenning.user_id]), follow=True
    )
    assert "Nieuwe uitnodiging gestuurd" in response.content.decode()
    assert Emaillink.objects.bruikbaar().filter(user=toekenning.user).count() == 1
    assert soorten(regenboog)[-1] == Soortgebeurtenis.OPNIEUW_UITGENODIGD
    client.logout()
    client.get(oude_link)
    oud = client.get(reverse("accounts:activeren_form"))
    assert oud.status_code == 400 and "nieuwere" in oud.content.decode()


def test_ending_a_role_on_the_page(client):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    lid = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    response = client.post(reverse("accounts:beheer_beeindigen", args=[lid.pk]), follow=True)
    assert "is beëindigd" in response.content.decode()
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()


def test_the_organisation_beheerder_has_her_own_menu_and_start_page(client, dirk, regenboog):
    lea, _ = maak_account("lea@demo.nl", "Lea Leraar", door=dirk)
    stel_rol_voor(regenboog, lea, Rol.LEERKRACHT, door=dirk)
    page = als_beheerder(client, "schoolbeheer@demo.nl").get("/").content.decode()
    assert "Medewerkers en rollen" in page
    assert reverse("arrangeren:traject_list") not in page
    assert "Wacht op uw bevestiging" in page and "Lea Leraar" in page
    assert "Nog niet geactiveerd" in page


def test_every_role_a_beheerder_can_propose_fits_a_non_region_organisation():
    from accounts.rolbeheer import rollen_voor

    for soort in Soort:
        rollen = rollen_voor(Organisatie(soort=soort))
        assert Rol.BEHEERDER not in rollen
        assert (Rol.ORGANISATIEBEHEERDER in rollen) == (soort != Soort.REGIO)


def test_the_beheer_page_costs_the_same_queries_for_one_or_many_proposals(client, dirk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = als_beheerder(client, "schoolbeheer@demo.nl")
    aantallen = []
    for i in range(10):
        nodig_uit(dirk, email=f"lid{i}@demo.nl")
        if i in (0, 9):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("accounts:beheer_organisatie")).status_code == 200
                assert client.get("/").status_code == 200
            aantallen.append(len(queries))
    assert aantallen[0] == aantallen[1]


# The named contact, once the organisation has a beheerder ------------------------------


def test_a_sole_beheerder_with_a_switched_off_colleague_gets_no_beheerder_via_the_contact(
    sophie, dirk, regenboog
):
    """Dirk's account is off but his beheerder role stands: the contact is not asked."""
    User.objects.filter(pk=dirk.pk).update(is_active=False)
    mail.outbox.clear()
    toekenning = nodig_uit(sophie, email="bas@demo.nl", rol=Rol.ORGANISATIEBEHEERDER)
    assert [m.to for m in mail.outbox] == [["bas@demo.nl"]]  # the invitation only
    assert not Emaillink.objects.filter(roltoekenning=toekenning).exists()
    voorgesteld = Beheergebeurtenis.objects.filter(soort=Soortgebeurtenis.VOORGESTELD).first()
    assert "nog geen andere beheerder" in voorgesteld.toelichting
    # Once she ends the departed colleague's role, the contact confirms as for a sole one.
    beeindig(Lidmaatschap.objects.get(user=dirk, rol=Rol.ORGANISATIEBEHEERDER), door=sophie)
    trek_in(toekenning, door=sophie)
    mail.outbox.clear()
    nodig_uit(sophie, email="bas@demo.nl", rol=Rol.ORGANISATIEBEHEERDER)
    assert ["directie@demo.nl"] in [m.to for m in mail.outbox]


def test_the_beheerder_changes_the_contact_and_the_old_one_is_told(client, regenboog):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    page = client.get(reverse("accounts:beheer_organisatie")).content.decode()
    assert "Vaste contactpersoon" in page and "directie@demo.nl" in page
    mail.outbox.clear()
    response = client.post(
        reverse("accounts:beheer_contactpersoon"),
        {"contactpersoon_naam": "Bea Bestuur", "contactpersoon_email": "Bestuur@Regenboog.nl"},
        follow=True,
    )
    html = response.content.decode()
    assert "De vaste contactpersoon is gewijzigd" in html and "e-mail gekregen" in html
    regenboog.refresh_from_db()
    assert (regenboog.contactpersoon_naam, regenboog.contactpersoon_email) == (
        "Bea Bestuur",
        "bestuur@regenboog.nl",
    )
    (bericht,) = mail.outbox
    assert bericht.to == ["directie@demo.nl"]
    assert "Sophie Baas" in bericht.body and "bestuur@regenboog.nl" in bericht.body
    gebeurtenis = Beheergebeurtenis.objects.filter(
        organisatie=regenboog, soort=Soortgebeurtenis.ORGANISATIE
    ).first()
    assert gebeurtenis.door == user_by_email("schoolbeheer@demo.nl")
    assert "bestuur@regenboog.nl" in gebeurtenis.toelichting
    assert "Vaste contactpersoon gewijzigd" in html  # the event on the page


def test_the_beheerder_cannot_name_herself_and_others_cannot_change_the_contact(
    client, login, regenboog
):
    beheer = als_beheerder(client, "schoolbeheer@demo.nl")
    url = reverse("accounts:beheer_contactpersoon")
    response = beheer.post(
        url, {"contactpersoon_naam": "Ik", "contactpersoon_email": "schoolbeheer@demo.nl"}
    )
    assert response.status_code == 200
    assert "U kunt uzelf niet als vaste contactpersoon noemen" in response.content.decode()
    leeg = beheer.post(url, {"contactpersoon_naam": "", "contactpersoon_email": "geen-adres"})
    assert leeg.status_code == 200 and "geldig e-mailadres" in leeg.content.decode()
    for persona in ["beheer@demo.nl", "ib@demo.nl"]:
        andere = login(persona).post(
            url, {"contactpersoon_naam": "X", "contactpersoon_email": "x@prive.nl"}
        )
        assert andere.status_code == 404
    regenboog.refresh_from_db()
    assert regenboog.contactpersoon_email == "directie@demo.nl"


def test_a_contact_the_sole_beheerder_named_herself_does_not_confirm_her_proposal(
    sophie, dirk, regenboog
):
    """Otherwise she could name an alias of her own and confirm a second account."""
    from accounts.contactpersoon import wijzig_contactpersoon

    beeindig(Lidmaatschap.objects.get(user=dirk, rol=Rol.ORGANISATIEBEHEERDER), door=sophie)
    wijzig_contactpersoon(regenboog, naam="Alias", email="alias@prive.nl", door=sophie)
    mail.outbox.clear()
    nodig_uit(sophie, email="alias2@prive.nl", rol=Rol.ORGANISATIEBEHEERDER)
    assert "alias@prive.nl" not in [adres for m in mail.outbox for adres in m.to]


def test_changing_the_contact_voids_the_links_of_the_old_one(client, sophie, dirk, regenboog):
    from accounts.contactpersoon import wijzig_contactpersoon

    beeindig(Lidmaatschap.objects.get(user=dirk, rol=Rol.ORGANISATIEBEHEERDER), door=sophie)
    mail.outbox.clear()
    nodig_uit(sophie, email="bas@demo.nl", rol=Rol.ORGANISATIEBEHEERDER)
    (bericht,) = [m for m in mail.outbox if m.to == ["directie@demo.nl"]]
    link = re.search(r"https?://\S+(/beheer/bevestigen/\S+/)", bericht.body)[1]
    wijzig_contactpersoon(regenboog, naam="Bea", email="bestuur@regenboog.nl", door=sophie)
    # Even named again later, the old contact's link stays dead.
    wijzig_contactpersoon(regenboog, naam="Dirk", email="directie@demo.nl", door=sophie)
    client.get(link)
    response = client.get(reverse("accounts:contact_bevestigen"))
    assert response.status_code == 400 and "werkt niet meer" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes no row locks")
def test_a_resend_locks_the_account_before_anything_else(sophie, regenboog):
    """Two resends at the same moment run one after the other: one valid link."""
    from django.test.utils import CaptureQueriesContext

    from accounts.rolbeheer import nodig_opnieuw_uit

    lea = nodig_uit(sophie).user
    with CaptureQueriesContext(connection) as queries:
        nodig_opnieuw_uit(regenboog, lea, door=sophie)
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert sql[0].startswith('SELECT "accounts_user"') and sql[0].endswith("FOR UPDATE")
    assert Emaillink.objects.bruikbaar().filter(user=lea).count() == 1
