"""The nine-step route: the table, the allowed moves, and the traject services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AppendOnlyError, Lidmaatschap
from arrangeren.route.models import Stapovergang, Traject
from arrangeren.route.services import close_traject, move_to_step, open_traject
from arrangeren.route.stappen import (
    LAATSTE_STAP,
    STAPPEN,
    Blok,
    Overgang,
    Vastlegging,
    Voorwaarde,
    allowed_moves,
    check_move,
)
from tests.arrangeren.route_helpers import rond_stap_af
from tests.conftest import user_by_email

ALLE_VOORWAARDEN = {v.value: f"Toelichting bij {v.label}" for v in Voorwaarde}


def test_the_table_holds_nine_steps_in_three_blocks():
    assert [stap.nummer for stap in STAPPEN] == list(range(1, 10))
    assert [stap.blok for stap in STAPPEN] == [Blok.VOOR] * 3 + [Blok.TIJDENS] * 3 + [Blok.NA] * 3
    # Every step records an outcome: free-text fields, notes of those carrying out, or
    # (step 3) the MDO planned with its invitations sent.
    assert all(
        (stap.uitkomsten or stap.vastlegging == Vastlegging.NOTITIES or stap.organiseert_mdo)
        and stap.beoogd_resultaat
        for stap in STAPPEN
    )
    assert [s.nummer for s in STAPPEN if s.vastlegging == Vastlegging.VERSLAG] == [4, 5, 6]
    assert STAPPEN[0].naam == "Waarnemen" and STAPPEN[-1].naam == "Bijstellen arrangement"


@pytest.mark.parametrize("stap", STAPPEN, ids=lambda s: s.naam)
def test_every_step_allows_exactly_its_moves_and_refuses_all_others(stap):
    toegestaan = allowed_moves(stap.nummer)
    verwacht = {stap.nummer + 1} if stap.nummer < LAATSTE_STAP else {4}
    assert set(toegestaan) == verwacht
    for naar in range(0, 11):
        if naar in verwacht:
            assert check_move(stap.nummer, naar) == toegestaan[naar]
        else:
            with pytest.raises(ValidationError):
                check_move(stap.nummer, naar)


def test_skipping_a_step_is_refused_with_a_dutch_reason():
    with pytest.raises(ValidationError) as exc:
        check_move(2, 4)
    assert "niet overgeslagen" in exc.value.messages[0]


@pytest.fixture
def ib_namens(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def traject(sam, ib_namens):
    return open_traject(
        leerling=sam, door=ib_namens.user, namens=ib_namens, voorwaarden=ALLE_VOORWAARDEN
    )


def test_coordinator_opens_a_traject_with_school_as_regievoerder(traject, sam, ib_namens):
    assert traject.leerling == sam
    assert traject.huidige_stap == 1
    assert traject.regievoerder == sam.school
    assert {v.voorwaarde for v in traject.voorwaarden.all()} == set(Voorwaarde.values)
    assert all(v.bevestigd_door == ib_namens.user for v in traject.voorwaarden.all())
    assert traject.overgangen.get().soort == Overgang.START


def test_a_traject_does_not_start_before_every_precondition_is_confirmed(sam, ib_namens):
    onvolledig = dict(ALLE_VOORWAARDEN)
    del onvolledig[Voorwaarde.EXTERNE_DESKUNDIGE]
    with pytest.raises(ValidationError) as exc:
        open_traject(leerling=sam, door=ib_namens.user, namens=ib_namens, voorwaarden=onvolledig)
    assert Voorwaarde.EXTERNE_DESKUNDIGE.label in exc.value.messages
    assert not Traject.objects.filter(leerling=sam).exists()


def test_only_one_open_traject_per_pupil(traject, sam, ib_namens):
    with pytest.raises(ValidationError, match="al een open traject"):
        open_traject(
            leerling=sam, door=ib_namens.user, namens=ib_namens, voorwaarden=ALLE_VOORWAARDEN
        )
    assert Traject.objects.filter(leerling=sam).count() == 1


def test_coordinator_of_another_school_cannot_open_a_traject_for_sam(sam):
    andere = Lidmaatschap.objects.get(user__email="ib.andere@demo.nl")
    with pytest.raises(PermissionDenied):
        open_traject(leerling=sam, door=andere.user, namens=andere, voorwaarden=ALLE_VOORWAARDEN)


def test_a_teacher_cannot_open_a_traject(sam):
    mentor = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    with pytest.raises(PermissionDenied):
        open_traject(leerling=sam, door=mentor.user, namens=mentor, voorwaarden=ALLE_VOORWAARDEN)


def test_walking_the_whole_route_twice_records_every_move(traject, ib_namens):
    ib = ib_namens.user
    for naar in range(2, 10):
        rond_stap_af(traject, ib)
        traject.refresh_from_db()
        if traject.huidige_stap < naar:  # finalising the report moved it to step 7 already
            move_to_step(traject, naar, door=ib, notitie=f"naar {naar}")
    rond_stap_af(traject, ib)
    move_to_step(traject, 4, door=ib, notitie="nieuw MDO")
    assert traject.huidige_stap == 4
    assert traject.cyclus == 2
    soorten = list(traject.overgangen.values_list("soort", "van_stap", "naar_stap", "cyclus"))
    assert soorten[0] == (Overgang.START, None, 1, 1)
    assert soorten[1:9] == [(Overgang.VOLGENDE, n - 1, n, 1) for n in range(2, 10)]
    assert soorten[-1] == (Overgang.NIEUWE_CYCLUS, 9, 4, 2)

    close_traject(traject, door=ib, reden="Doelen bereikt")
    assert traject.status == Traject.Status.AFGESLOTEN
    assert traject.overgangen.last().soort == Overgang.AFSLUITEN


def test_a_refused_move_changes_nothing(traject, ib_namens):
    with pytest.raises(ValidationError):
        move_to_step(traject, 3, door=ib_namens.user)
    traject.refresh_from_db()
    assert traject.huidige_stap == 1
    assert traject.overgangen.count() == 1


def test_a_move_on_a_stale_version_is_refused(traject, ib_namens):
    versie = traject.versie
    rond_stap_af(traject, ib_namens.user)
    move_to_step(traject, 2, door=ib_namens.user, versie=versie)
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        move_to_step(traject, 3, door=ib_namens.user, versie=versie)
    assert Traject.objects.get(pk=traject.pk).huidige_stap == 2


def test_closing_needs_a_reason_and_a_closed_traject_does_not_move(traject, ib_namens):
    with pytest.raises(ValidationError, match="reden"):
        close_traject(traject, door=ib_namens.user, reden="  ")
    rond_stap_af(traject, ib_namens.user)
    close_traject(traject, door=ib_namens.user, reden="Verhuisd")
    with pytest.raises(ValidationError, match="afgesloten"):
        move_to_step(traject, 2, door=ib_namens.user)


def test_step_events_are_append_only(traject):
    event = traject.overgangen.get()
    event.notitie = "herschreven"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert Stapovergang.objects.get(pk=event.pk).notitie == ""


def test_trajecten_follow_the_pupils_a_user_may_see(traject):
    assert list(Traject.objects.for_user(user_by_email("ouder@demo.nl"))) == [traject]
    assert (
        not Traject.objects.for_user(user_by_email("ib.andere@demo.nl"))
        .filter(pk=traject.pk)
        .exists()
    )
    assert not Traject.objects.for_user(user_by_email("jeugdteam@demo.nl")).exists()


def test_a_step_is_not_left_before_its_outcome_is_recorded(traject, ib_namens):
    with pytest.raises(ValidationError) as exc:
        move_to_step(traject, 2, door=ib_namens.user)
    assert "Observaties" in exc.value.messages and "Hypothesen" in exc.value.messages
    rond_stap_af(traject, ib_namens.user)
    move_to_step(traject, 2, door=ib_namens.user)
    rond_stap_af(traject, ib_namens.user)
    move_to_step(traject, 3, door=ib_namens.user)
    # Step 3 is done only when the MDO is planned and the invitations went out; it asks
    # nothing in free text (room, interpreter and consent are the MDO's facts).
    from arrangeren.route.services import bewaar_stapuitkomst

    with pytest.raises(ValidationError, match="vraagt niets om in te vullen"):
        bewaar_stapuitkomst(
            traject, 3, {"organisatie": "Ruimte geregeld"}, door=ib_namens.user, versie=None
        )
    with pytest.raises(ValidationError) as exc:
        move_to_step(traject, 4, door=ib_namens.user)
    assert exc.value.messages[1:] == ["Het MDO is gepland en de uitnodigingen zijn verstuurd"]


def test_regie_handover_is_an_event_and_changes_the_regievoerder(traject, ib_namens):
    from accounts.models import Organisatie
    from arrangeren.route.services import draag_regie_over

    jeugdteam = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    with pytest.raises(ValidationError, match="reden"):
        draag_regie_over(traject, jeugdteam, door=ib_namens.user, reden=" ")
    draag_regie_over(traject, jeugdteam, door=ib_namens.user, reden="Gezinsplan leidt")
    traject.refresh_from_db()
    assert traject.regievoerder == jeugdteam
    overdracht = traject.regieoverdrachten.get()
    assert (overdracht.van, overdracht.naar, overdracht.reden) == (
        ib_namens.organisatie,
        jeugdteam,
        "Gezinsplan leidt",
    )
    andere_school = Organisatie.objects.get(naam="Basisschool De Vlieger")
    with pytest.raises(ValidationError, match="school van inschrijving"):
        draag_regie_over(traject, andere_school, door=ib_namens.user, reden="x")


def test_saving_a_step_outcome_on_a_stale_version_is_a_conflict(traject, ib_namens):
    from arrangeren.route.services import bewaar_stapuitkomst
    from arrangeren.route.services.common import CONFLICT

    eerste = bewaar_stapuitkomst(
        traject, 1, {"observaties": "A", "hypothesen": "B"}, door=ib_namens.user, versie=0
    )
    bewaar_stapuitkomst(
        traject, 1, {"observaties": "C", "hypothesen": "D"}, door=ib_namens.user, versie=1
    )
    with pytest.raises(ValidationError) as exc:
        bewaar_stapuitkomst(
            traject, 1, {"observaties": "E", "hypothesen": "F"}, door=ib_namens.user, versie=1
        )
    assert exc.value.code == CONFLICT
    eerste.refresh_from_db()
    assert eerste.velden == {"observaties": "C", "hypothesen": "D"}
