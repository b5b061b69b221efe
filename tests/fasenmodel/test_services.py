"""Writes: placements with their transition events, the register and procesregie."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Lidmaatschap
from accounts.models.append_only import AppendOnlyError
from fasenmodel import services
from fasenmodel.models import Faseovergang, Plaatsing, Procesregiebesluit, Thuiszitter
from fasenmodel.thuiszitten import Regievoerder, Soort
from tests.factories import LeerlingFactory

VANDAAG = date(2026, 3, 1)


@pytest.fixture
def ib(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def leerplicht(db):
    return Lidmaatschap.objects.get(user__email="leerplicht@demo.nl")


@pytest.fixture
def leerling(db, ib):
    return LeerlingFactory(school=ib.organisatie, geboortedatum=date(2015, 5, 1))


def plaats(leerling, lid, fase, start, **extra):
    velden = {
        "fase": fase,
        "startdatum": start,
        "locatiesoort": "school",
        "locatie": "Basisschool De Regenboog",
        "reden": "Besproken in het MDO.",
        "door": lid.user,
        "namens": lid,
        "vandaag": VANDAAG,
    }
    velden.update(extra)
    return services.registreer_plaatsing(leerling, **velden)


def test_first_placement_writes_a_transition_without_from(leerling, ib):
    plaatsing = plaats(leerling, ib, 6, date(2025, 9, 1))
    overgang = plaatsing.overgang
    assert (overgang.van_fase, overgang.naar_fase, overgang.overgeslagen) == (None, 6, False)
    assert plaatsing.namens == ib.organisatie


def test_skipping_phases_is_allowed_and_marked(leerling, ib):
    plaats(leerling, ib, 6, date(2025, 9, 1))
    plaatsing = plaats(leerling, ib, 3, date(2026, 1, 1))
    assert plaatsing.overgang.overgeslagen
    assert plaatsing.overgang.overgeslagen_fasen == "5, 4"
    assert Plaatsing.objects.filter(leerling=leerling).first() == plaatsing  # current = latest


def test_transitions_are_append_only(leerling, ib):
    overgang = plaats(leerling, ib, 5, date(2025, 9, 1)).overgang
    overgang.reden = "anders"
    with pytest.raises(AppendOnlyError):
        overgang.save()
    with pytest.raises(AppendOnlyError):
        Faseovergang.objects.filter(pk=overgang.pk).delete()


def test_placement_changes_are_kept_in_history(leerling, ib):
    plaatsing = plaats(leerling, ib, 5, date(2025, 9, 1))
    plaatsing.locatie = "Elders"
    plaatsing.save()
    assert plaatsing.history.count() == 2


@pytest.mark.parametrize(
    "veld,waarde,melding",
    [
        ("startdatum", VANDAAG + timedelta(days=400), "te ver in de toekomst"),
        ("startdatum", date(2010, 1, 1), "vóór de geboortedatum"),
        ("fase", 7, "fase van 1 tot en met 6"),
        ("fase", 0, "fase van 1 tot en met 6"),
        ("reden", "   ", "Vul de reden in"),
        ("locatie", "", "naam van de locatie"),
        ("locatiesoort", "maan", "soort locatie"),
    ],
)
def test_bad_placement_input_is_refused_and_nothing_saved(leerling, ib, veld, waarde, melding):
    fase, start, extra = 5, date(2025, 9, 1), {}
    if veld == "fase":
        fase = waarde
    elif veld == "startdatum":
        start = waarde
    else:
        extra[veld] = waarde
    with pytest.raises(ValidationError) as fout:
        plaats(leerling, ib, fase, start, **extra)
    assert melding in str(fout.value)
    assert not Plaatsing.objects.filter(leerling=leerling).exists()
    assert not Faseovergang.objects.filter(leerling=leerling).exists()


def test_placement_before_the_current_one_or_same_phase_is_refused(leerling, ib):
    plaats(leerling, ib, 5, date(2025, 9, 1))
    with pytest.raises(ValidationError, match="vóór de huidige plaatsing"):
        plaats(leerling, ib, 4, date(2025, 8, 1))
    with pytest.raises(ValidationError, match="zit al in fase 5"):
        plaats(leerling, ib, 5, date(2025, 10, 1))
    assert Plaatsing.objects.filter(leerling=leerling).count() == 1


def test_cognitive_flag_only_kept_in_phase_1(leerling, ib):
    assert not plaats(
        leerling, ib, 2, date(2025, 9, 1), cognitieve_leerbehoefte=True
    ).cognitieve_leerbehoefte
    assert plaats(
        leerling, ib, 1, date(2025, 10, 1), cognitieve_leerbehoefte=True
    ).cognitieve_leerbehoefte


# Register -----------------------------------------------------------------------


def velden(**extra):
    basis = {
        "sinds": date(2026, 1, 5),
        "soort": Soort.RELATIEF,
        "oorzaken": ["psychisch"],
        "dagbesteding": "Thuis",
        "aanbod_gestart": False,
        "aanbod_sinds": None,
        "beeindigd_op": None,
    }
    basis.update(extra)
    return basis


def registreer(leerling, lid, **extra):
    return services.registreer_thuiszitter(
        leerling, velden(**extra), door=lid.user, vandaag=VANDAAG
    )


@pytest.mark.parametrize(
    "extra,melding",
    [
        ({"sinds": VANDAAG + timedelta(days=1)}, "in de toekomst"),
        ({"sinds": date(2014, 1, 1)}, "vóór de geboortedatum"),
        ({"soort": Soort.ABSOLUUT}, "Absoluut verzuim"),
        ({"soort": "zomaar"}, "soort verzuim"),
        ({"oorzaken": ["verveling"]}, "Onbekende oorzaak"),
        ({"aanbod_gestart": True}, "sinds wanneer"),
        ({"aanbod_gestart": True, "aanbod_sinds": date(2026, 1, 1)}, "vóór de datum"),
        ({"aanbod_gestart": True, "aanbod_sinds": VANDAAG + timedelta(days=3)}, "pas als"),
        ({"beeindigd_op": date(2026, 1, 1)}, "einddatum ligt vóór"),
        ({"beeindigd_op": VANDAAG + timedelta(days=1)}, "in de toekomst"),
        ({"dagbesteding": "x" * 5001}, "te lang"),
    ],
)
def test_bad_register_input_is_refused(leerling, leerplicht, extra, melding):
    with pytest.raises(ValidationError) as fout:
        registreer(leerling, leerplicht, **extra)
    assert melding in str(fout.value)
    assert not Thuiszitter.objects.filter(leerling=leerling).exists()


def test_one_open_entry_per_pupil(leerling, leerplicht):
    registreer(leerling, leerplicht)
    with pytest.raises(ValidationError, match="staat al in het thuiszittersregister"):
        registreer(leerling, leerplicht)


def test_edit_keeps_history_and_clears_offer_date_without_offer(leerling, leerplicht):
    t = registreer(leerling, leerplicht, aanbod_gestart=True, aanbod_sinds=date(2026, 2, 1))
    services.wijzig_thuiszitter(
        t,
        velden(aanbod_gestart=False, aanbod_sinds=date(2026, 2, 1)),
        door=leerplicht.user,
        vandaag=VANDAAG,
    )
    t.refresh_from_db()
    assert t.aanbod_sinds is None
    assert t.history.count() == 2


def test_procesregie_follows_the_rule_for_each_situation(leerling, leerplicht):
    t = registreer(leerling, leerplicht)
    assert t.procesregie()[0] == Regievoerder.SCHOOL
    niet_ingeschreven = LeerlingFactory(school=None)
    absoluut = registreer(niet_ingeschreven, leerplicht, soort=Soort.ABSOLUUT)
    assert absoluut.procesregie()[0] == Regievoerder.LEERPLICHT
    vrij = LeerlingFactory(school=None)
    verleen_vrijstelling(vrij, leerplicht)
    vrijgesteld = registreer(vrij, leerplicht, soort=Soort.GEEN)
    assert vrijgesteld.procesregie()[0] == Regievoerder.TOEGANG


def verleen_vrijstelling(leerling, lid):
    from fasenmodel.services_leerplicht import registreer_vrijstelling

    return registreer_vrijstelling(
        leerling,
        {
            "aangevraagd_op": date(2026, 1, 5),
            "advies": "positief",
            "advies_op": date(2026, 1, 20),
            "besluit": "verleend",
            "besluit_op": date(2026, 1, 25),
            "startdatum": date(2026, 2, 1),
            "einddatum": None,
        },
        door=lid.user,
        vandaag=VANDAAG,
    )


def test_leerplicht_overrides_procesregie_with_a_reason_as_an_event(leerling, leerplicht):
    t = registreer(leerling, leerplicht)
    with pytest.raises(ValidationError, match="Vul de reden in"):
        services.wijzig_procesregie(
            t,
            regievoerder=Regievoerder.LEERPLICHT,
            reden="",
            door=leerplicht.user,
            namens=leerplicht,
        )
    with pytest.raises(ValidationError, match="volgt de regionale regel al"):
        services.wijzig_procesregie(
            t, regievoerder="regel", reden="x", door=leerplicht.user, namens=leerplicht
        )
    besluit = services.wijzig_procesregie(
        t,
        regievoerder=Regievoerder.LEERPLICHT,
        reden="Proces stagneert",
        door=leerplicht.user,
        namens=leerplicht,
    )
    assert t.procesregie() == (Regievoerder.LEERPLICHT, besluit)
    with pytest.raises(ValidationError, match="ligt al bij"):
        services.wijzig_procesregie(
            t,
            regievoerder=Regievoerder.LEERPLICHT,
            reden="x",
            door=leerplicht.user,
            namens=leerplicht,
        )
    services.wijzig_procesregie(
        t,
        regievoerder="regel",
        reden="School pakt het weer op",
        door=leerplicht.user,
        namens=leerplicht,
    )
    assert t.procesregie()[0] == Regievoerder.SCHOOL
    assert Procesregiebesluit.objects.filter(thuiszitter=t).count() == 2
    with pytest.raises(AppendOnlyError):
        besluit.delete()
