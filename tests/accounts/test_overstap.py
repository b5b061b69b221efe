"""A pupil moves to another school of the region (docs/overstap.md): the move, the parents'
consent to hand over, and what moves (and what does not) when they agree or refuse."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.bewaartermijnen import leesgrens
from accounts.models import Gezag, Informatiesoort, Leerling, Overstap, Toegangslog, Toestemming
from accounts.overstap import draag_over, registreer_overstap
from accounts.rollen import Rol
from accounts.services import sync_toegang
from arrangeren.models import Regieoverdracht, Traject
from opp.models import Ondertekening, Opp
from opp.services import nieuwe_versie
from tests.accounts.overstap_helpers import (
    coordinator_nieuw,
    jaar_oud,
    jeugdteam,
    school,
    verhuizing,
)
from tests.conftest import login_verified, user_by_email
from tests.factories import LeerlingFactory, LidmaatschapFactory

OVERDRACHT = Informatiesoort.OVERDRACHT


@pytest.fixture
def v(db):
    return verhuizing()


def overdrachtsvraag(v, ouder) -> Toestemming:
    return Toestemming.objects.get(leerling=v.oud, soort=OVERDRACHT, gever=ouder)


def antwoord(client, ouder, rij, actie="geven"):
    login_verified(client, ouder)
    return client.post(reverse("accounts:toestemmingen"), {"toestemming": rij.pk, "actie": actie})


def detail(client, user, leerling):
    login_verified(client, user)
    return client.get(reverse("accounts:leerling_detail", args=[leerling.uuid]))


# Registering the move ---------------------------------------------------------------------


def test_move_ends_the_old_enrolment_links_the_dossiers_and_asks_both_parents(
    v, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        overstap = v.registreer()
    v.oud.refresh_from_db()
    v.nieuw.refresh_from_db()
    assert v.oud.uitgeschreven_op == v.datum
    assert v.nieuw.vorige == v.oud
    assert (overstap.van_school, overstap.naar_school) == (v.oud.school, v.nieuw.school)
    assert overstap.overgedragen_op is None
    # The same parents, with the same say, on the new dossier.
    assert set(
        Gezag.objects.filter(leerling=v.nieuw).values_list("ouder", "relatie", "heeft_gezag")
    ) == set(Gezag.objects.filter(leerling=v.oud).values_list("ouder", "relatie", "heeft_gezag"))
    vragen = Toestemming.objects.filter(leerling=v.oud, soort=OVERDRACHT)
    assert {r.gever for r in vragen} == {v.moeder, v.vader}
    assert {r.ontvanger_organisatie for r in vragen} == {v.nieuw.school}
    aan_ouders = [m for m in mail.outbox if m.to[0] != v.coordinator.email]
    assert sorted(m.to[0] for m in aan_ouders) == sorted([v.moeder.email, v.vader.email])


def test_the_old_schools_coordinator_is_told_without_the_pupils_name(
    v, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        v.registreer()
    [bericht] = [m for m in mail.outbox if m.to == [v.coordinator.email]]
    assert "Een leerling van uw school is ingeschreven op een andere school in de regio." in (
        bericht.body
    )
    assert "U leest het dossier nog 2 jaar" in bericht.body
    assert reverse("accounts:leerling_detail", args=[v.oud.uuid]) in bericht.body
    for naam in ("Lotte", "Verhuisd", v.nieuw.school.naam):
        assert naam not in bericht.subject + bericht.body


def test_copied_custody_is_in_the_custody_history_with_who_registered_the_move(v):
    overstap = v.registreer()
    rijen = Gezag.history.filter(leerling_id=v.nieuw.pk)
    assert {(r.ouder_id, r.history_type) for r in rijen} == {
        (v.moeder.pk, "+"),
        (v.vader.pk, "+"),
    }
    assert {r.history_user for r in rijen} == {overstap.geregistreerd_door}
    assert {r.history_change_reason for r in rijen} == {
        "Overgenomen uit het dossier van de vorige school (overstap)"
    }


def test_a_parent_the_new_schools_file_already_names_keeps_that_custody(v):
    Gezag.objects.create(ouder=v.moeder, leerling=v.nieuw, relatie="ouder", heeft_gezag=False)
    v.registreer()
    assert Gezag.objects.get(ouder=v.moeder, leerling=v.nieuw).heeft_gezag is False
    assert Gezag.objects.filter(ouder=v.vader, leerling=v.nieuw, heeft_gezag=True).exists()


def test_move_to_the_same_school_is_refused(v):
    v.nieuw.school = v.oud.school
    v.nieuw.save()
    with pytest.raises(ValidationError, match="al op deze school ingeschreven"):
        v.registreer()
    assert not Overstap.objects.filter(oud=v.oud).exists()


def test_a_pupil_who_already_moved_is_not_moved_again(v):
    v.registreer()
    nog_een = LeerlingFactory(
        voornaam="Lotte", school=school("SBO De Brug"), geboortedatum=v.oud.geboortedatum
    )
    with pytest.raises(ValidationError, match="al overgestapt"):
        registreer_overstap(v.oud, nog_een, v.datum, v.coordinator)


def test_a_move_dated_before_today_is_refused_and_nothing_is_written(
    v, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    gisteren = timezone.localdate() - timedelta(days=1)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(
            ValidationError,
            match=re.escape(
                "Een overstap gaat in vanaf vandaag of later; de oude school houdt tot dan "
                "haar dossier."
            ),
        ),
    ):
        registreer_overstap(v.oud, v.nieuw, gisteren, v.coordinator)
    v.oud.refresh_from_db()
    assert v.oud.uitgeschreven_op is None  # the old school keeps working in its file
    assert not Overstap.objects.filter(oud=v.oud).exists()
    assert not Gezag.objects.filter(leerling=v.nieuw).exists()
    assert mail.outbox == []


def test_a_move_dated_before_the_old_enrolment_is_refused(v):
    v.oud.ingeschreven_op = timezone.localdate() + timedelta(days=30)
    v.oud.save()
    with pytest.raises(ValidationError, match="vóór de inschrijving op de vorige school"):
        registreer_overstap(v.oud, v.nieuw, timezone.localdate(), v.coordinator)
    v.oud.refresh_from_db()
    assert v.oud.uitgeschreven_op is None  # nothing half-written


def test_an_earlier_uitschrijving_date_is_kept(v):
    eerder = v.datum - timedelta(days=5)
    v.oud.uitgeschreven_op = eerder
    v.oud.save()
    v.registreer()
    v.oud.refresh_from_db()
    assert v.oud.uitgeschreven_op == eerder


# Before consent ---------------------------------------------------------------------------


def test_nothing_moves_before_the_parents_agree(client, v):
    v.registreer()
    assert Traject.objects.get(pk=v.traject.pk).leerling == v.oud
    assert Opp.objects.get(pk=v.opp.pk).leerling == v.oud
    assert not Toestemming.objects.filter(leerling=v.nieuw).exists()
    response = detail(client, coordinator_nieuw(), v.nieuw)
    assert "Overdracht wacht op toestemming van de ouders." in response.content.decode()


def test_one_parent_alone_does_not_hand_over(client, v):
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    assert Traject.objects.get(pk=v.traject.pk).leerling == v.oud
    assert Overstap.objects.get(oud=v.oud).overgedragen_op is None


def test_the_new_school_never_sees_the_old_dossier(client, v):
    v.registreer()
    ib = coordinator_nieuw()
    assert detail(client, ib, v.oud).status_code == 404
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    assert detail(client, ib, v.oud).status_code == 404
    login_verified(client, ib)
    lijst = client.post(reverse("accounts:leerling_list"), {"zoekterm": "Verhuisd"})
    assert [leerling.pk for leerling in lijst.context["pagina"].object_list] == [v.nieuw.pk]


def test_consent_to_hand_over_gives_no_sight_of_the_old_dossier(v):
    """A consent-based role at the new school (a multidisciplinaire begeleider) stays out."""
    begeleider = LidmaatschapFactory(
        organisatie=v.nieuw.school, rol=Rol.MULTIDISCIPLINAIRE_BEGELEIDER
    ).user
    v.registreer()
    for ouder in (v.moeder, v.vader):
        rij = overdrachtsvraag(v, ouder)
        rij.status = Toestemming.Status.GEGEVEN
        rij.save()
    sync_toegang(v.oud)
    assert not Leerling.objects.for_user(begeleider).filter(pk=v.oud.pk).exists()


# The handover -----------------------------------------------------------------------------


def test_after_both_parents_agree_the_running_work_is_the_new_schools(client, v):
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))

    traject = Traject.objects.get(pk=v.traject.pk)
    opp = Opp.objects.get(pk=v.opp.pk)
    assert traject.leerling == v.nieuw and opp.leerling == v.nieuw
    assert traject.regievoerder == v.nieuw.school
    assert Regieoverdracht.objects.filter(traject=traject, naar=v.nieuw.school).exists()
    assert opp.school == v.nieuw.school  # a running version is the new school's to continue
    assert Overstap.objects.get(oud=v.oud).overgedragen_op is not None

    ib = coordinator_nieuw()
    login_verified(client, ib)
    assert client.get(reverse("arrangeren:traject_detail", args=[traject.uuid])).status_code == 200
    assert client.get(reverse("opp:opp_detail", args=[opp.uuid])).status_code == 200
    assert "overgedragen op" in detail(client, ib, v.nieuw).content.decode()
    # The old school keeps its own record, not what the new school now writes in the plan.
    login_verified(client, v.coordinator)
    assert client.get(reverse("arrangeren:traject_detail", args=[traject.uuid])).status_code == 404
    assert client.get(reverse("opp:opp_detail", args=[opp.uuid])).status_code == 404
    assert detail(client, v.coordinator, v.oud).status_code == 200


def test_after_the_handover_the_old_school_and_the_parents_are_told(
    client, v, django_capture_on_commit_callbacks
):
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    per_adres = {m.to[0]: m for m in mail.outbox}
    assert set(per_adres) == {v.coordinator.email, v.moeder.email, v.vader.email}
    assert reverse("accounts:leerling_detail", args=[v.oud.uuid]) in (
        per_adres[v.coordinator.email].body
    )
    assert reverse("accounts:leerling_detail", args=[v.nieuw.uuid]) in (
        per_adres[v.moeder.email].body
    )
    for bericht in mail.outbox:
        assert "overgedragen" in bericht.body
        for naam in ("Lotte", "Verhuisd", v.nieuw.school.naam, v.oud.school.naam):
            assert naam not in bericht.subject + bericht.body
    # Nothing more is sent for a second click.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    assert mail.outbox == []


def test_a_refusal_tells_nobody_of_a_handover(client, v, django_capture_on_commit_callbacks):
    v.registreer()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder), actie="weigeren")
    assert mail.outbox == []


def test_consent_is_copied_and_outsiders_follow_it(client, v):
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))

    gekopieerd = Toestemming.objects.filter(leerling=v.nieuw)
    assert {(r.soort, r.ontvanger_organisatie, r.gever, r.status) for r in gekopieerd} == {
        (Informatiesoort.MDO_DEELNAME, jeugdteam(), ouder, Toestemming.Status.GEGEVEN)
        for ouder in (v.moeder, v.vader)
    }
    assert {r.vastgelegd_door for r in gekopieerd} == {v.vader}  # whose answer completed it
    # The jeugdteam sees the pupil at the new school (consent) and still the old dossier.
    jt = user_by_email("jeugdteam@demo.nl")
    assert detail(client, jt, v.nieuw).status_code == 200
    assert detail(client, jt, v.oud).status_code == 200


def test_the_handover_happens_once(client, v):
    overstap = v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    eerste = Overstap.objects.get(pk=overstap.pk).overgedragen_op
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))  # a second click
    assert draag_over(overstap, door=v.vader) is False
    assert Overstap.objects.get(pk=overstap.pk).overgedragen_op == eerste
    assert Toestemming.objects.filter(leerling=v.nieuw).count() == 2


def test_refusal_keeps_everything_apart(client, v):
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader), actie="weigeren")

    assert Traject.objects.get(pk=v.traject.pk).leerling == v.oud
    assert Opp.objects.get(pk=v.opp.pk).leerling == v.oud
    assert not Toestemming.objects.filter(leerling=v.nieuw).exists()
    assert (
        "Uw school begint een eigen dossier"
        in detail(client, coordinator_nieuw(), v.nieuw).content.decode()
    )
    # The old school keeps reading its record, the traject included.
    login_verified(client, v.coordinator)
    url = reverse("arrangeren:traject_detail", args=[v.traject.uuid])
    assert client.get(url).status_code == 200


def test_new_school_with_its_own_traject_and_opp_keeps_them(client, v):
    v.registreer()
    ib = user_by_email("ib@demo.nl")
    from accounts.models import Lidmaatschap
    from arrangeren.services import open_traject
    from arrangeren.stappen import Voorwaarde
    from opp.services import maak_opp

    eigen = open_traject(
        leerling=v.nieuw,
        door=ib,
        namens=Lidmaatschap.objects.get(user=ib),
        voorwaarden={w.value: "ja" for w in Voorwaarde},
    )
    eigen_opp = maak_opp(v.nieuw, door=ib)
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    # One open traject and one chain of OPP versions per pupil: the new school's stand.
    assert list(Traject.objects.filter(leerling=v.nieuw)) == [eigen]
    assert list(Opp.objects.filter(leerling=v.nieuw)) == [eigen_opp]
    assert Traject.objects.get(pk=v.traject.pk).leerling == v.oud
    assert Overstap.objects.get(oud=v.oud).overgedragen_op is not None


# From 12 the pupil decides too, from 16 alone: the old school records the answer ------------


def antwoord_leerling(client, user, leerling, geven, toelichting=""):
    login_verified(client, user)
    url = reverse("accounts:overstap_leerling_antwoord", args=[leerling.uuid])
    return client.post(url, {"geven": "1" if geven else "0", "toelichting": toelichting})


def test_from_12_the_old_school_records_the_pupils_own_answer(client, db):
    v = verhuizing(geboortedatum=jaar_oud(13))
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    ib = coordinator_nieuw()
    pagina = detail(client, ib, v.nieuw).content.decode()
    assert "Overdracht wacht op toestemming van de leerling." in pagina
    assert "Antwoord vastleggen" not in pagina  # the receiving school does not decide
    pagina = detail(client, v.coordinator, v.oud).content.decode()
    assert "Overdracht aan de nieuwe school wacht op toestemming van de leerling." in pagina
    assert "Antwoord vastleggen" in pagina
    assert Traject.objects.get(pk=v.traject.pk).leerling == v.oud

    antwoord_leerling(client, v.coordinator, v.oud, False, "Wil eerst wennen")
    pagina = detail(client, v.coordinator, v.oud).content.decode()
    assert "Er is geen toestemming voor de overdracht" in pagina
    assert "Antwoord vastleggen" in pagina  # the pupil may change their mind
    assert Traject.objects.get(pk=v.traject.pk).leerling == v.oud
    response = antwoord_leerling(client, v.coordinator, v.oud, True, "In gesprek")
    assert response.status_code == 302
    assert Traject.objects.get(pk=v.traject.pk).leerling == v.nieuw
    rij = Toestemming.objects.get(leerling=v.oud, soort=OVERDRACHT, gever=None)
    assert rij.vastgelegd_door == v.coordinator
    # Handed over: the answer is no longer asked, and can no longer be changed.
    assert "Antwoord vastleggen" not in detail(client, v.coordinator, v.oud).content.decode()
    response = antwoord_leerling(client, v.coordinator, v.oud, False)
    assert response.status_code == 302
    assert Toestemming.objects.get(pk=rij.pk).status == Toestemming.Status.GEGEVEN


def test_from_16_the_receiving_school_cannot_decide_the_handover(client, db):
    v = verhuizing(geboortedatum=jaar_oud(17))
    v.registreer()
    ib = coordinator_nieuw()
    for leerling in (v.nieuw, v.oud):
        assert antwoord_leerling(client, ib, leerling, True).status_code == 404
    assert not Toestemming.objects.filter(leerling=v.oud, soort=OVERDRACHT).exists()
    assert Overstap.objects.get(oud=v.oud).overgedragen_op is None
    assert "Overdracht wacht op toestemming van de leerling." in (
        detail(client, ib, v.nieuw).content.decode()
    )
    # The old school's coördinator, letting go of the file, records what the pupil said.
    assert antwoord_leerling(client, v.coordinator, v.oud, True).status_code == 302
    assert Overstap.objects.get(oud=v.oud).overgedragen_op is not None
    assert Traject.objects.get(pk=v.traject.pk).leerling == v.nieuw


def test_only_the_old_schools_coordinator_records_the_answer(client, db):
    v = verhuizing(geboortedatum=jaar_oud(17))
    v.registreer()
    for user in (v.mentor, v.moeder, user_by_email("jeugdteam@demo.nl")):
        assert antwoord_leerling(client, user, v.oud, True).status_code == 404
    assert not Toestemming.objects.filter(leerling=v.oud, soort=OVERDRACHT).exists()


def test_the_old_school_records_the_answer_for_its_read_term_only(client, db):
    v = verhuizing(geboortedatum=jaar_oud(17))
    v.registreer()
    Leerling.objects.filter(pk=v.oud.pk).update(uitgeschreven_op=leesgrens())
    assert antwoord_leerling(client, v.coordinator, v.oud, True).status_code == 404
    assert Overstap.objects.get(oud=v.oud).overgedragen_op is None


def test_a_move_dated_ahead_lets_the_old_school_record_the_answer_already(client, db):
    v = verhuizing(geboortedatum=jaar_oud(17), over_dagen=7)
    v.registreer()
    assert antwoord_leerling(client, v.coordinator, v.oud, False).status_code == 302
    assert Toestemming.objects.get(leerling=v.oud, soort=OVERDRACHT, gever=None).status == (
        Toestemming.Status.GEWEIGERD
    )


def test_under_12_the_pupils_answer_is_not_asked(client, v):
    v.registreer()
    assert "Antwoord vastleggen" not in detail(client, v.coordinator, v.oud).content.decode()
    login_verified(client, v.coordinator)
    url = reverse("accounts:overstap_leerling_antwoord", args=[v.oud.uuid])
    response = client.post(url, {"geven": "1"}, follow=True)
    assert "jonger dan 12" in response.content.decode()
    assert not Toestemming.objects.filter(leerling=v.oud, soort=OVERDRACHT, gever=None).exists()


# The old school's own OPP versions ----------------------------------------------------------


def test_old_school_keeps_reading_the_opp_version_it_fixed_not_the_running_one(client, v):
    Opp.objects.filter(pk=v.opp.pk).update(
        status=Opp.Status.VASTGESTELD, vastgesteld_op=timezone.now()
    )
    versie2 = nieuwe_versie(v.opp, door=v.coordinator, reden="Evaluatie")
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    assert set(Opp.objects.filter(leerling=v.nieuw)) == {v.opp, versie2}

    login_verified(client, v.coordinator)
    naar_opp = client.get(reverse("opp:leerling_opp", args=[v.oud.uuid]))
    assert naar_opp.url == reverse("opp:opp_detail", args=[v.opp.uuid])
    pagina = client.get(naar_opp.url)
    assert pagina.status_code == 200
    assert [o.pk for o in pagina.context["versies"]] == [v.opp.pk]  # nothing of after
    assert not pagina.context["rechten"].bewerken
    regel = Toegangslog.objects.filter(gebruiker=v.coordinator).latest("pk")
    assert regel.leerling == v.nieuw and regel.rol.endswith("(eigen OPP, leerling overgestapt)")
    assert client.get(reverse("opp:opp_detail", args=[versie2.uuid])).status_code == 404
    assert client.get(reverse("opp:opp_bewerken", args=[v.opp.uuid])).status_code == 404
    # The new school reads and continues the whole plan.
    login_verified(client, coordinator_nieuw())
    assert client.get(reverse("opp:opp_detail", args=[v.opp.uuid])).status_code == 200
    assert client.get(reverse("opp:opp_bewerken", args=[versie2.uuid])).status_code == 200


def test_the_old_schools_own_opp_version_leaves_its_sight_after_the_retention_term(client, v):
    Opp.objects.filter(pk=v.opp.pk).update(status=Opp.Status.VASTGESTELD)
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    url = reverse("opp:opp_detail", args=[v.opp.uuid])
    login_verified(client, v.coordinator)
    assert client.get(url).status_code == 200
    Leerling.objects.filter(pk=v.oud.pk).update(uitgeschreven_op=leesgrens())
    assert client.get(url).status_code == 404
    login_verified(client, v.mentor)
    assert client.get(url).status_code == 404


def test_a_version_out_for_signature_goes_back_to_concept_for_the_new_school(client, v):
    Opp.objects.filter(pk=v.opp.pk).update(
        status=Opp.Status.TER_ONDERTEKENING, verstuurd_door=v.coordinator
    )
    school_verzoek = Ondertekening.objects.create(
        opp=v.opp, ondertekenaar=v.coordinator, partij="school", namens=v.oud.school
    )
    getekend = Ondertekening.objects.create(
        opp=v.opp, ondertekenaar=v.moeder, partij="ouder", status="getekend"
    )
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    opp = Opp.objects.get(pk=v.opp.pk)
    assert (opp.status, opp.school, opp.verstuurd_door) == (
        Opp.Status.CONCEPT,
        v.nieuw.school,
        None,
    )
    for verzoek in (school_verzoek, getekend):
        verzoek.refresh_from_db()
        assert verzoek.status == Ondertekening.Status.VERVALLEN
