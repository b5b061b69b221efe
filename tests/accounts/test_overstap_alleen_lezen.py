"""After uitschrijving the old school reads its own record and changes nothing, for the
retention term; mentors lose access at once; leerplicht and the SWV see the move
(docs/overstap.md)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.bewaartermijnen import LEERLINGDOSSIER, einde_inzage, jaren_eerder, leesgrens
from accounts.models import Leerling, Toegangslog
from accounts.overstap import registreer_overstap
from accounts.permissions import Toegangsgronden, leerlingen_for_user, schrijft_voor_school
from arrangeren.route.permissions import rechten_voor
from arrangeren.tlv.permissions import mag_tlv_aanvragen
from fasenmodel.permissions import plaatsing_namens, registratie_namens
from opp.permissions import rechten_voor as opp_rechten
from tests.accounts.overstap_helpers import coordinator_nieuw, school, verhuizing
from tests.conftest import login_verified, user_by_email
from tests.factories import LeerlingFactory


@pytest.fixture
def v(db):
    verhuizing_ = verhuizing()
    verhuizing_.registreer()
    return verhuizing_


def datum_nl(datum):
    from django.utils.formats import date_format

    return date_format(datum, "j F Y")


def get(client, user, naam, *args):
    login_verified(client, user)
    return client.get(reverse(naam, args=args))


def test_old_school_reads_the_dossier_and_its_traject_but_changes_nothing(client, v):
    pagina = get(client, v.coordinator, "accounts:leerling_detail", v.oud.uuid)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert (
        f"alleen-lezen; overgestapt naar een andere school in de regio op {datum_nl(v.datum)}"
        in tekst
    )
    assert "Traject openen" not in tekst
    assert (
        get(client, v.coordinator, "arrangeren:traject_detail", v.traject.uuid).status_code == 200
    )
    assert get(client, v.coordinator, "opp:opp_detail", v.opp.uuid).status_code == 200
    for naam, arg in [
        ("arrangeren:stap_bewerken", (v.traject.uuid, 1)),
        ("arrangeren:mdo_plannen", (v.traject.uuid,)),
        ("arrangeren:traject_open", (v.oud.uuid,)),
        ("opp:opp_bewerken", (v.opp.uuid,)),
    ]:
        assert get(client, v.coordinator, naam, *arg).status_code == 404, naam


def test_old_school_sees_consent_but_asks_nothing_any_more(client, v):
    pagina = get(client, v.coordinator, "accounts:leerling_toestemming", v.oud.uuid)
    assert pagina.status_code == 200
    assert "Toestemming vragen" not in pagina.content.decode()
    response = client.post(
        reverse("accounts:leerling_toestemming", args=[v.oud.uuid]), {"formulier": "vragen"}
    )
    assert response.status_code == 404


def test_every_write_right_of_the_old_school_is_gone(v):
    c = v.coordinator
    assert not rechten_voor(c, v.traject).bewerken
    assert not rechten_voor(c, v.traject).schrijft_voortgang
    assert rechten_voor(c, v.traject).school  # still reads
    assert not opp_rechten(c, v.opp).bewerken and opp_rechten(c, v.opp).lezen
    assert not mag_tlv_aanvragen(c, v.oud)
    assert plaatsing_namens(c, v.oud) is None
    assert registratie_namens(c, v.oud) is None


def test_the_one_exception_to_read_only_is_the_pupils_answer_about_the_handover(v):
    assert not schrijft_voor_school(v.oud)
    assert schrijft_voor_school(v.oud, overdrachtsantwoord=True)
    # Only for as long as the school reads the file.
    na_termijn = jaren_eerder(timezone.localdate(), LEERLINGDOSSIER.jaren)
    v.oud.uitgeschreven_op = na_termijn
    assert not schrijft_voor_school(v.oud, overdrachtsantwoord=True)


def test_a_move_dated_ahead_leaves_the_old_school_at_work_until_the_day(client, db):
    later = verhuizing(over_dagen=14)
    later.registreer()
    assert rechten_voor(later.coordinator, later.traject).bewerken
    assert leerlingen_for_user(later.mentor).filter(pk=later.oud.pk).exists()
    tekst = get(client, later.coordinator, "accounts:leerling_detail", later.oud.uuid)
    tekst = tekst.content.decode()
    assert (
        f"Overstap naar een andere school in de regio op {datum_nl(later.datum)}. Tot die dag "
        "werkt de school in dit dossier" in tekst
    )
    assert "Traject openen" in tekst
    assert later.nieuw.school.naam not in tekst  # not which school


def test_a_leaver_without_a_new_school_is_read_only_too(client, db):
    v = verhuizing()
    v.oud.uitgeschreven_op = timezone.localdate()
    v.oud.save()
    tekst = get(client, v.coordinator, "accounts:leerling_detail", v.oud.uuid).content.decode()
    assert "alleen-lezen" in tekst and "overgestapt" not in tekst
    assert not rechten_voor(v.coordinator, v.traject).bewerken


def test_mentor_loses_access_on_the_uitschrijving_date(client, v):
    assert get(client, v.mentor, "accounts:leerling_detail", v.oud.uuid).status_code == 404
    assert get(client, v.mentor, "arrangeren:traject_detail", v.traject.uuid).status_code == 404


def test_old_school_loses_read_access_after_the_retention_term(client, v):
    vandaag = timezone.localdate()
    v.oud.uitgeschreven_op = jaren_eerder(vandaag, LEERLINGDOSSIER.jaren) + timedelta(days=1)
    v.oud.save()
    assert get(client, v.coordinator, "accounts:leerling_detail", v.oud.uuid).status_code == 200
    v.oud.uitgeschreven_op = jaren_eerder(vandaag, LEERLINGDOSSIER.jaren)
    v.oud.save()
    assert get(client, v.coordinator, "accounts:leerling_detail", v.oud.uuid).status_code == 404
    assert (
        get(client, v.coordinator, "arrangeren:traject_detail", v.traject.uuid).status_code == 404
    )
    # The parents keep seeing their child's file.
    assert get(client, v.moeder, "accounts:leerling_detail", v.oud.uuid).status_code == 200


def test_retention_term_ends_two_years_after_uitschrijving():
    assert LEERLINGDOSSIER.jaren == 2
    assert einde_inzage(date(2026, 9, 1)) == date(2028, 9, 1)
    assert einde_inzage(date(2024, 2, 29)) == date(2026, 3, 1)
    assert leesgrens(date(2028, 9, 1)) == date(2026, 9, 1)


def test_reach_and_access_log_ground_agree_on_every_date(db):
    v = verhuizing()
    vandaag = timezone.localdate()
    grens = jaren_eerder(vandaag, LEERLINGDOSSIER.jaren)
    datums = [None, vandaag + timedelta(days=1), vandaag, grens + timedelta(days=1), grens]
    leerlingen = []
    for datum in datums:
        leerling = LeerlingFactory(school=v.oud.school, uitgeschreven_op=datum)
        leerling.mentoren.add(v.mentor)
        leerlingen.append(leerling)
    # A registered move: the old dossier for the old school, never for the new one.
    v.registreer()
    leerlingen += [v.oud, v.nieuw]
    for user in (v.coordinator, v.mentor, coordinator_nieuw()):
        zichtbaar = set(
            leerlingen_for_user(user)
            .filter(pk__in=[x.pk for x in leerlingen])
            .values_list("pk", flat=True)
        )
        gronden = Toegangsgronden(user)
        assert zichtbaar == {x.pk for x in leerlingen if gronden.voor(x) is not None}, user
        if user == v.coordinator:
            assert v.oud.pk in zichtbaar and v.nieuw.pk not in zichtbaar
        if user == v.mentor:
            # The mentor: enrolled, or uitgeschreven from tomorrow; not the moved pupil.
            assert len(zichtbaar) == 2
    assert zichtbaar == {v.nieuw.pk}  # the new school's coördinator


def test_lists_mark_the_uitgeschreven_pupil_and_work_lists_leave_it_out(client, v):
    login_verified(client, v.coordinator)
    lijst = client.post(reverse("accounts:leerling_list"), {"zoekterm": "Verhuisd"})
    assert "uitgeschreven op" in lijst.content.decode()
    trajecten = client.get(reverse("arrangeren:traject_list")).content.decode()
    assert "uitgeschreven op" in trajecten
    werk = client.get(reverse("home"))
    assert v.traject not in werk.context["werk"]["trajecten"]


def test_parents_see_both_dossiers(client, v):
    login_verified(client, v.moeder)
    lijst = client.post(reverse("accounts:leerling_list"), {"zoekterm": "Verhuisd"})
    assert {leerling.pk for leerling in lijst.context["pagina"].object_list} == {
        v.oud.pk,
        v.nieuw.pk,
    }


# Leerplicht and the SWV see the move ------------------------------------------------------


def test_leerplicht_and_the_swv_of_the_schools_see_the_move_with_a_log_row(client, v):
    for email in ("leerplicht@demo.nl", "swv@demo.nl"):
        voor = Toegangslog.objects.filter(leerling=v.nieuw).count()
        pagina = get(client, user_by_email(email), "accounts:overstappen")
        assert pagina.status_code == 200
        assert "Lotte" in pagina.content.decode() and "Basisschool De Vlieger" in (
            pagina.content.decode()
        )
        regel = Toegangslog.objects.filter(leerling=v.nieuw).latest("pk")
        assert Toegangslog.objects.filter(leerling=v.nieuw).count() == voor + 1
        assert regel.onderdeel == "Overstappen" and regel.rol.endswith("(overstappen)")
        assert regel.gebruiker.email == email


def test_a_consulent_of_another_swv_does_not_see_the_move(client, db):
    davinci, duinlyceum = school("Da Vinci College (demo)"), school("Het Duinlyceum")
    oud = LeerlingFactory(voornaam="Vera", achternaam="Voortgezet", school=davinci)
    nieuw = LeerlingFactory(voornaam="Vera", achternaam="Voortgezet", school=duinlyceum)
    registreer_overstap(oud, nieuw, timezone.localdate(), user_by_email("leerplicht@demo.nl"))
    assert (
        "Vera"
        in get(client, user_by_email("leerplicht@demo.nl"), "accounts:overstappen").content.decode()
    )
    tekst = get(client, user_by_email("swv@demo.nl"), "accounts:overstappen").content.decode()
    assert "Vera" not in tekst
    assert not Toegangslog.objects.filter(
        leerling=nieuw, gebruiker=user_by_email("swv@demo.nl")
    ).exists()


@pytest.mark.parametrize("email", ["ib@demo.nl", "jeugdteam@demo.nl", "ouder@demo.nl"])
def test_others_do_not_get_the_overstappen_page(client, db, email):
    assert get(client, user_by_email(email), "accounts:overstappen").status_code == 404


def test_moves_past_the_retention_term_leave_the_list(client, v):
    from accounts.models import Overstap

    Overstap.objects.filter(oud=v.oud).update(datum=leesgrens())
    tekst = get(
        client, user_by_email("leerplicht@demo.nl"), "accounts:overstappen"
    ).content.decode()
    assert "Lotte" not in tekst
    assert Leerling.objects.filter(pk=v.nieuw.pk).exists()
