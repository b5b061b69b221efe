"""Consent (docs/toestemming.md): whose say counts, and that access follows it at once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Gezag, Informatiesoort, Leerling, Lidmaatschap, Organisatie, Toestemming
from accounts.rollen import Rol
from accounts.services import (
    beantwoord_toestemming,
    leg_leerling_toestemming_vast,
    trek_toestemming_in,
    verwerk_verlopen_toestemmingen,
    vraag_toestemming,
)
from accounts.toestemming import (
    LEEFTIJDSREGELS,
    LEERLING,
    Toestemmingen,
    kan_geven,
    regel_voor,
    vereiste_gevers,
)
from tests.conftest import user_by_email
from tests.factories import GezagFactory, LeerlingFactory, UserFactory

MDO = Informatiesoort.MDO_DEELNAME


@pytest.fixture
def ib(db):
    return user_by_email("ib@demo.nl")


@pytest.fixture
def jeugdteam(db):
    return user_by_email("jeugdteam@demo.nl")


@pytest.fixture
def jeugdteam_org(db):
    return Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")


@pytest.fixture
def ouders(db):
    return user_by_email("ouder@demo.nl"), user_by_email("ouder2@demo.nl")


def ziet(user, leerling) -> bool:
    return Leerling.objects.for_user(user).filter(pk=leerling.pk).exists()


def vraag(leerling, ib, org, ontvanger=None, soort=MDO):
    return vraag_toestemming(
        leerling, door=ib, ontvanger_organisatie=org, ontvanger=ontvanger, soorten=[soort]
    )


def rij_van(leerling, ouder, soort=MDO) -> Toestemming:
    return Toestemming.objects.get(leerling=leerling, gever=ouder, soort=soort)


def leerling_van(leeftijd: int, school, ouders=2) -> Leerling:
    """A pupil of this age today at `school`, with parents who hold custody."""
    leerling = LeerlingFactory(
        geboortedatum=date(date.today().year - leeftijd, 1, 1), school=school
    )
    for _ in range(ouders):
        GezagFactory(leerling=leerling)
    return leerling


# The age rules ---------------------------------------------------------------------------


def test_the_age_rules_cover_every_age_without_gaps():
    assert [(r.vanaf, r.tot, r.ouders, r.leerling) for r in LEEFTIJDSREGELS] == [
        (0, 12, True, False),
        (12, 16, True, True),
        (16, None, False, True),
    ]


@pytest.mark.parametrize(
    ("op", "ouders", "leerling"),
    [
        (date(2022, 6, 14), True, False),  # the day before the 12th birthday
        (date(2022, 6, 15), True, True),  # 12th birthday: the pupil's say counts too
        (date(2026, 6, 14), True, True),  # still 15
        (date(2026, 6, 15), False, True),  # 16th birthday: the pupil alone
    ],
)
def test_the_rule_changes_on_the_birthday(db, sam, op, ouders, leerling):
    kind = LeerlingFactory(geboortedatum=date(2010, 6, 15), school=sam.school)
    regel = regel_voor(kind, op)
    assert (regel.ouders, regel.leerling) == (ouders, leerling)


def test_under_12_both_parents_with_custody_are_the_givers(sam, ouders):
    assert vereiste_gevers(sam) == {ouders[0].pk, ouders[1].pk}
    assert all(kan_geven(ouder, sam) for ouder in ouders)


def test_a_parent_without_custody_is_not_required(sam, ouders):
    stiefouder = GezagFactory(leerling=sam, heeft_gezag=False, relatie=Gezag.Relatie.VERZORGER)
    assert vereiste_gevers(sam) == {ouders[0].pk, ouders[1].pk}
    assert not kan_geven(stiefouder.ouder, sam)


def test_from_12_to_16_pupil_and_parents_from_16_the_pupil_alone(sam):
    tiener = leerling_van(13, sam.school)
    ouder_ids = set(tiener.gezagen.values_list("ouder_id", flat=True))
    assert vereiste_gevers(tiener) == ouder_ids | {LEERLING}
    assert vereiste_gevers(leerling_van(16, sam.school)) == {LEERLING}


def test_without_any_parent_with_custody_nothing_is_covered(sam, jeugdteam_org):
    wees = LeerlingFactory(school=sam.school)
    assert not Toestemmingen(wees).dekt(MDO, None, jeugdteam_org.pk)


# Parents give consent; access follows at once --------------------------------------------


def test_access_only_after_both_parents_consent(sam, ib, ouders, jeugdteam, jeugdteam_org):
    rijen = vraag(sam, ib, jeugdteam_org)
    assert {r.gever for r in rijen} == set(ouders)
    assert all(r.status == Toestemming.Status.GEVRAAGD for r in rijen)
    assert not ziet(jeugdteam, sam)

    beantwoord_toestemming(rij_van(sam, ouders[0]), door=ouders[0], geven=True)
    assert not ziet(jeugdteam, sam), "one parent alone is not enough"

    beantwoord_toestemming(rij_van(sam, ouders[1]), door=ouders[1], geven=True)
    assert ziet(jeugdteam, sam)
    assert Toestemmingen(sam).dekt(MDO, jeugdteam.pk, jeugdteam_org.pk)
    assert not Toestemmingen(sam).dekt(Informatiesoort.OPP_INZAGE, jeugdteam.pk, jeugdteam_org.pk)


def geef_beide(sam, ib, ouders, org, ontvanger=None):
    vraag(sam, ib, org, ontvanger)
    for ouder in ouders:
        rij = Toestemming.objects.get(leerling=sam, gever=ouder, ontvanger=ontvanger)
        beantwoord_toestemming(rij, door=ouder, geven=True)


def test_withdrawal_by_one_parent_takes_access_away_at_once(
    sam, ib, ouders, jeugdteam, jeugdteam_org
):
    geef_beide(sam, ib, ouders, jeugdteam_org)
    assert ziet(jeugdteam, sam)

    trek_toestemming_in(rij_van(sam, ouders[1]), door=ouders[1], toelichting="Liever niet")
    assert not ziet(jeugdteam, sam)
    assert rij_van(sam, ouders[1]).status == Toestemming.Status.INGETROKKEN
    assert not Toestemmingen(sam).dekt(MDO, jeugdteam.pk, jeugdteam_org.pk)


def test_refused_consent_gives_no_access(sam, ib, ouders, jeugdteam, jeugdteam_org):
    vraag(sam, ib, jeugdteam_org)
    beantwoord_toestemming(rij_van(sam, ouders[0]), door=ouders[0], geven=True)
    beantwoord_toestemming(rij_van(sam, ouders[1]), door=ouders[1], geven=False)
    assert rij_van(sam, ouders[1]).status == Toestemming.Status.GEWEIGERD
    assert not ziet(jeugdteam, sam)
    with pytest.raises(ValidationError):
        trek_toestemming_in(rij_van(sam, ouders[1]), door=ouders[1])


def test_only_the_parent_themselves_answers_or_withdraws(sam, ib, ouders, jeugdteam_org):
    vraag(sam, ib, jeugdteam_org)
    with pytest.raises(PermissionDenied):
        beantwoord_toestemming(rij_van(sam, ouders[0]), door=ouders[1], geven=True)
    with pytest.raises(PermissionDenied):
        beantwoord_toestemming(rij_van(sam, ouders[0]), door=ib, geven=True)
    assert rij_van(sam, ouders[0]).status == Toestemming.Status.GEVRAAGD

    beantwoord_toestemming(rij_van(sam, ouders[0]), door=ouders[0], geven=True)
    with pytest.raises(PermissionDenied):
        trek_toestemming_in(rij_van(sam, ouders[0]), door=ouders[1])
    assert rij_van(sam, ouders[0]).status == Toestemming.Status.GEGEVEN


def test_an_end_date_in_the_past_is_refused(sam, ib, ouders, jeugdteam_org):
    vraag(sam, ib, jeugdteam_org)
    with pytest.raises(ValidationError):
        beantwoord_toestemming(
            rij_van(sam, ouders[0]),
            door=ouders[0],
            geven=True,
            geldig_tot=date.today() - timedelta(days=1),
        )


def test_expired_consent_stops_counting_and_the_daily_run_revokes_access(
    sam, ib, ouders, jeugdteam, jeugdteam_org
):
    vraag(sam, ib, jeugdteam_org)
    morgen = date.today() + timedelta(days=1)
    for ouder in ouders:
        beantwoord_toestemming(rij_van(sam, ouder), door=ouder, geven=True, geldig_tot=morgen)
    assert ziet(jeugdteam, sam)
    assert jeugdteam.has_perm("accounts.view_leerling", sam)

    # Time passes: the end date of one parent's consent is now yesterday.
    gisteren = date.today() - timedelta(days=1)
    Toestemming.objects.filter(leerling=sam, gever=ouders[0]).update(geldig_tot=gisteren)
    assert not Toestemmingen(sam).dekt(MDO, jeugdteam.pk, jeugdteam_org.pk)
    assert rij_van(sam, ouders[0]).is_verlopen

    assert verwerk_verlopen_toestemmingen() == 1
    assert not ziet(jeugdteam, sam)
    assert not jeugdteam.has_perm("accounts.view_leerling", sam)


def test_expired_consent_is_asked_again(sam, ib, ouders, jeugdteam_org):
    vraag(sam, ib, jeugdteam_org)
    beantwoord_toestemming(rij_van(sam, ouders[0]), door=ouders[0], geven=True)
    Toestemming.objects.filter(gever=ouders[0]).update(geldig_tot=date(2020, 1, 1))
    opnieuw = vraag(sam, ib, jeugdteam_org)
    # The expired answer is asked again; the other parent's open question is not sent twice.
    assert {r.gever for r in opnieuw} == {ouders[0]}
    assert rij_van(sam, ouders[0]).status == Toestemming.Status.GEVRAAGD
    assert rij_van(sam, ouders[1]).status == Toestemming.Status.GEVRAAGD
    assert vraag(sam, ib, jeugdteam_org) == []  # a double click asks nobody again


def test_consent_for_a_named_person_does_not_cover_a_colleague(
    sam, ib, ouders, jeugdteam, jeugdteam_org
):
    collega = UserFactory()
    Lidmaatschap.objects.create(
        user=collega, organisatie=jeugdteam_org, rol=Rol.MEDEWERKER_JEUGDTEAM
    )
    geef_beide(sam, ib, ouders, jeugdteam_org, ontvanger=jeugdteam)
    assert ziet(jeugdteam, sam)
    assert not ziet(collega, sam)


def test_a_named_person_must_work_at_the_organisation(sam, ib, jeugdteam_org):
    with pytest.raises(ValidationError):
        vraag(sam, ib, jeugdteam_org, ontvanger=user_by_email("swv@demo.nl"))
    assert not Toestemming.objects.filter(leerling=sam).exists()


def test_a_new_colleague_gets_access_and_a_leaver_loses_it(sam, ib, ouders, jeugdteam_org):
    geef_beide(sam, ib, ouders, jeugdteam_org)
    nieuw = UserFactory()
    lid = Lidmaatschap.objects.create(
        user=nieuw, organisatie=jeugdteam_org, rol=Rol.MEDEWERKER_JEUGDTEAM
    )
    assert ziet(nieuw, sam)
    assert nieuw.has_perm("accounts.view_leerling", sam)
    lid.delete()
    assert not nieuw.has_perm("accounts.view_leerling", sam)


def test_a_parent_without_custody_is_not_asked_and_not_needed(
    sam, ib, ouders, jeugdteam, jeugdteam_org
):
    stiefouder = GezagFactory(leerling=sam, heeft_gezag=False).ouder
    rijen = vraag(sam, ib, jeugdteam_org)
    assert stiefouder not in {r.gever for r in rijen}
    for ouder in ouders:
        beantwoord_toestemming(rij_van(sam, ouder), door=ouder, geven=True)
    assert ziet(jeugdteam, sam)


def test_every_change_is_traceable_in_the_history(sam, ib, ouders, jeugdteam_org):
    vraag(sam, ib, jeugdteam_org)
    rij = rij_van(sam, ouders[0])
    beantwoord_toestemming(rij, door=ouders[0], geven=True)
    trek_toestemming_in(rij, door=ouders[0], toelichting="Bedacht")
    historie = list(rij.history.order_by("history_date"))
    assert [h.status for h in historie] == ["gevraagd", "gegeven", "ingetrokken"]
    assert [h.vastgelegd_door_id for h in historie] == [ib.pk, ouders[0].pk, ouders[0].pk]
    assert historie[-1].toelichting == "Bedacht"


def test_asking_mails_each_parent_without_the_pupils_surname(
    sam, ib, ouders, jeugdteam_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vraag(sam, ib, jeugdteam_org)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(o.email for o in ouders)
    for bericht in mail.outbox:
        assert len(bericht.to) == 1
        assert "Vries" not in bericht.body and "Vries" not in bericht.subject
        assert "/toestemming" in bericht.body


def test_asking_needs_a_kind_and_a_parent_with_custody(sam, ib, jeugdteam_org):
    with pytest.raises(ValidationError):
        vraag_toestemming(sam, door=ib, ontvanger_organisatie=jeugdteam_org, soorten=[])
    wees = LeerlingFactory(school=sam.school)
    with pytest.raises(ValidationError):
        vraag(wees, ib, jeugdteam_org)


# The pupil's own say ---------------------------------------------------------------------


def test_from_12_both_pupil_and_parents_must_consent(sam, ib, jeugdteam, jeugdteam_org):
    tiener = leerling_van(13, sam.school)
    ouders_tiener = [g.ouder for g in tiener.gezagen.all()]
    vraag(tiener, ib, jeugdteam_org)
    for ouder in ouders_tiener:
        beantwoord_toestemming(rij_van(tiener, ouder), door=ouder, geven=True)
    assert not ziet(jeugdteam, tiener), "the pupil's own consent is still missing"

    rij = leg_leerling_toestemming_vast(
        tiener, door=ib, ontvanger_organisatie=jeugdteam_org, soort=MDO, geven=True
    )
    assert rij.gever is None and rij.vastgelegd_door == ib
    assert ziet(jeugdteam, tiener)

    trek_toestemming_in(rij, door=ib, toelichting="De leerling wil het niet meer")
    assert not ziet(jeugdteam, tiener)


def test_from_12_the_pupil_alone_is_not_enough(sam, ib, jeugdteam, jeugdteam_org):
    tiener = leerling_van(14, sam.school)
    leg_leerling_toestemming_vast(
        tiener, door=ib, ontvanger_organisatie=jeugdteam_org, soort=MDO, geven=True
    )
    assert not ziet(jeugdteam, tiener)


def test_from_16_the_pupil_alone_decides(sam, ib, jeugdteam, jeugdteam_org):
    zestien = leerling_van(16, sam.school)
    assert vraag(zestien, ib, jeugdteam_org) == []  # parents are not asked
    leg_leerling_toestemming_vast(
        zestien, door=ib, ontvanger_organisatie=jeugdteam_org, soort=MDO, geven=True
    )
    assert ziet(jeugdteam, zestien)

    leg_leerling_toestemming_vast(
        zestien, door=ib, ontvanger_organisatie=jeugdteam_org, soort=MDO, geven=False
    )
    assert not ziet(jeugdteam, zestien)


def test_under_12_the_pupils_answer_cannot_be_recorded(sam, ib, jeugdteam_org):
    with pytest.raises(ValidationError) as exc:
        leg_leerling_toestemming_vast(
            sam, door=ib, ontvanger_organisatie=jeugdteam_org, soort=MDO, geven=True
        )
    assert "jonger dan 12" in exc.value.messages[0]
    assert not Toestemming.objects.filter(leerling=sam).exists()


@pytest.mark.parametrize("email", ["mentor@demo.nl", "ouder@demo.nl", "ib.andere@demo.nl"])
def test_only_the_schools_coordinator_records_the_pupils_answer(sam, jeugdteam_org, email):
    tiener = leerling_van(13, sam.school)
    with pytest.raises(PermissionDenied):
        leg_leerling_toestemming_vast(
            tiener,
            door=user_by_email(email),
            ontvanger_organisatie=jeugdteam_org,
            soort=MDO,
            geven=True,
        )
