"""Issue 17: a vrijstelling is no kind of verzuim; the vrijstelling route; the Variawet
deviation with its ingroeiplan. Source: Regionale afspraken Duin- en Bollenstreek."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Lidmaatschap, Toegangslog, User
from fasenmodel import queries_leerplicht, services, services_leerplicht
from fasenmodel.leerplicht import AFLOPEND_MAANDEN
from fasenmodel.models import Onderwijstijdafwijking, Thuiszitter, Vrijstelling
from fasenmodel.thuiszitten import Regievoerder, Soort
from tests.factories import LeerlingFactory

VANDAAG = date(2026, 3, 1)


@pytest.fixture
def leerplicht(db):
    return Lidmaatschap.objects.get(user__email="leerplicht@demo.nl")


@pytest.fixture
def ib(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def leerling(db, ib):
    return LeerlingFactory(school=ib.organisatie, geboortedatum=date(2015, 5, 1))


def verzoek(**extra):
    velden = {
        "aangevraagd_op": date(2026, 1, 5),
        "zorglocatie": "Zorgboerderij De Linde",
        "advies": "",
        "advies_op": None,
        "besluit": "",
        "besluit_op": None,
        "startdatum": None,
        "einddatum": None,
        "toelichting": "",
    }
    velden.update(extra)
    return velden


VERLEEND = {
    "advies": "positief",
    "advies_op": date(2026, 1, 20),
    "besluit": "verleend",
    "besluit_op": date(2026, 1, 25),
    "startdatum": date(2026, 2, 1),
}


def vrijstelling(leerling, lid, **extra):
    return services_leerplicht.registreer_vrijstelling(
        leerling, verzoek(**extra), door=lid.user, vandaag=VANDAAG
    )


def thuiszitter(leerling, lid, soort):
    return services.registreer_thuiszitter(
        leerling,
        {
            "sinds": date(2026, 1, 5),
            "soort": soort,
            "oorzaken": [],
            "dagbesteding": "",
            "aanbod_gestart": False,
            "aanbod_sinds": None,
            "beeindigd_op": None,
        },
        door=lid.user,
        vandaag=VANDAAG,
    )


# Vocabulary -----------------------------------------------------------------------


def test_vrijstelling_is_no_kind_of_verzuim():
    """Thuiszittersaanpak: "Wanneer een kind geen schoolinschrijving heeft, ligt de
    procesregie bij leerplicht indien het kind GEEN vrijstelling heeft en bij de
    gemeentelijke toegang indien het kind WEL een vrijstelling heeft." A vrijstelling is a
    status of the child, next to its enrolment - not a third kind of verzuim. Relatief
    verzuim is the unauthorised absence of an enrolled pupil, absoluut verzuim being
    enrolled nowhere."""
    assert "vrijstelling" not in Soort.values
    assert all("verzuim" in label.lower() for label in Soort.labels)
    assert "ongeoorloofd verzuim van een ingeschreven leerling" in Soort.RELATIEF.label
    assert "niet ingeschreven" in Soort.ABSOLUUT.label


def test_geen_verzuim_only_with_an_active_vrijstelling(leerplicht):
    niet_ingeschreven = LeerlingFactory(school=None, geboortedatum=date(2014, 1, 1))
    with pytest.raises(ValidationError, match="verleende vrijstelling"):
        thuiszitter(niet_ingeschreven, leerplicht, Soort.GEEN)
    vrijstelling(niet_ingeschreven, leerplicht, **VERLEEND)
    with pytest.raises(ValidationError, match="geen verzuim"):
        thuiszitter(niet_ingeschreven, leerplicht, Soort.ABSOLUUT)
    assert thuiszitter(niet_ingeschreven, leerplicht, Soort.GEEN).soort == Soort.GEEN


def test_relatief_verzuim_needs_an_enrolment(leerplicht):
    with pytest.raises(ValidationError, match="ongeoorloofd verzuim van een ingeschreven"):
        thuiszitter(LeerlingFactory(school=None), leerplicht, Soort.RELATIEF)


def test_procesregie_follows_the_active_vrijstelling(leerplicht):
    """Thuiszittersaanpak: "... ligt de procesregie bij leerplicht indien het kind GEEN
    vrijstelling heeft en bij de gemeentelijke toegang indien het kind WEL een vrijstelling
    heeft." The register reads the exemption from the vrijstelling route, on the day."""
    kind = LeerlingFactory(school=None, geboortedatum=date(2014, 1, 1))
    t = thuiszitter(kind, leerplicht, Soort.ABSOLUUT)
    assert t.procesregie()[0] == Regievoerder.LEERPLICHT
    v = vrijstelling(kind, leerplicht, **VERLEEND)
    t = Thuiszitter.objects.get(pk=t.pk)
    assert t.procesregie()[0] == Regievoerder.TOEGANG
    # Ended yesterday: leerplicht again.
    Vrijstelling.objects.filter(pk=v.pk).update(
        startdatum=date(2025, 1, 1), einddatum=date.today() - timedelta(days=1)
    )
    assert Thuiszitter.objects.get(pk=t.pk).procesregie()[0] == Regievoerder.LEERPLICHT


def test_migration_turns_vrijstelling_rows_into_geen_verzuim_with_a_vrijstelling(leerplicht):
    """The data migration of 0002: existing entries of kind 'vrijstelling' keep their
    meaning as an active vrijstelling (granted, so after a positive advice: "Bij een
    negatief advies geeft leerplicht geen vrijstelling af.")."""
    import importlib

    migratie = importlib.import_module("fasenmodel.migrations.0002_vrijstelling_variawet")
    kind = LeerlingFactory(school=None, geboortedatum=date(2014, 1, 1))
    t = Thuiszitter.objects.create(
        leerling=kind, sinds=date(2026, 1, 5), soort="absoluut", ingevoerd_door=leerplicht.user
    )
    Thuiszitter.objects.filter(pk=t.pk).update(soort="vrijstelling")
    migratie.vrijstelling_is_geen_verzuim(django_apps, None)
    t.refresh_from_db()
    assert t.soort == Soort.GEEN
    v = Vrijstelling.objects.get(leerling=kind)
    assert (v.besluit, v.advies, v.startdatum) == ("verleend", "positief", date(2026, 1, 5))
    assert t.procesregie()[0] == Regievoerder.TOEGANG


def test_pact_text_speaks_of_every_jeugdige(login):
    """Leidende principes: "in onze regio geen jeugdige langer dan drie maanden thuis zonder
    passend en gestart aanbod van onderwijs en/of zorg" - every young person, also one
    enrolled nowhere, not only "leerlingen"."""
    client = login("leerplicht@demo.nl")
    inhoud = client.get(reverse("fasenmodel:thuiszitters")).content.decode()
    assert "geen jeugdige langer dan 3 maanden thuis" in inhoud
    assert "geen leerling langer" not in inhoud


# The vrijstelling route --------------------------------------------------------------


def test_no_vrijstelling_after_a_negative_advice(leerling, leerplicht):
    """Thuiszittersaanpak: "Een onafhankelijk arts geeft bij een verzoek tot
    leerplichtvrijstelling advies. Bij een negatief advies geeft leerplicht geen
    vrijstelling af." """
    with pytest.raises(ValidationError, match="negatief advies"):
        vrijstelling(leerling, leerplicht, **{**VERLEEND, "advies": "negatief"})
    with pytest.raises(ValidationError, match="pas na het advies"):
        vrijstelling(leerling, leerplicht, **{**VERLEEND, "advies": "", "advies_op": None})
    # The database refuses it too.
    v = vrijstelling(leerling, leerplicht, advies="negatief", advies_op=date(2026, 1, 20))
    with pytest.raises(IntegrityError), transaction.atomic():
        Vrijstelling.objects.filter(pk=v.pk).update(
            besluit="verleend", besluit_op=VANDAAG, startdatum=VANDAAG
        )
    geweigerd = services_leerplicht.wijzig_vrijstelling(
        v,
        verzoek(
            advies="negatief",
            advies_op=date(2026, 1, 20),
            besluit="geweigerd",
            besluit_op=date(2026, 1, 22),
        ),
        versie=v.versie,
        door=leerplicht.user,
        vandaag=VANDAAG,
    )
    assert not geweigerd.is_actief(VANDAAG)
    assert geweigerd.history.count() == 2


def test_swv_gives_its_view_and_a_stale_edit_is_refused(leerling, leerplicht):
    """Thuiszittersaanpak: "De onafhankelijk arts neemt in principe altijd de visie mee van
    het betreffende samenwerkingsverband over het onderwijsperspectief van de leerling." """
    swv = Lidmaatschap.objects.get(user__email="swv@demo.nl")
    v = vrijstelling(leerling, leerplicht)
    v = services_leerplicht.geef_visie_swv(
        v,
        perspectief="wel",
        visie="In een klein groepje kan zij binnen een jaar ingroeien.",
        versie=1,
        door=swv.user,
        namens=swv,
        vandaag=VANDAAG,
    )
    assert (v.perspectief_swv, v.visie_swv_op, v.versie) == ("wel", VANDAAG, 2)
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        services_leerplicht.wijzig_vrijstelling(
            v, verzoek(), versie=1, door=leerplicht.user, vandaag=VANDAAG
        )


def test_aflopende_vrijstellingen_for_leerplicht_swv_and_work_list(leerling, leerplicht):
    """Fasenmodel: "Periodiek overleg RBL/Leerplicht, Swv en Zorglocatie bij aflopende
    vrijstellingen, zicht op perspectief onderwijs." """
    vandaag = date.today()
    binnenkort = vrijstelling(
        leerling,
        leerplicht,
        **{**VERLEEND, "einddatum": vandaag + timedelta(days=40)},
    )
    later = LeerlingFactory(school=leerling.school, geboortedatum=date(2015, 1, 1))
    vrijstelling(
        later,
        leerplicht,
        **{**VERLEEND, "einddatum": vandaag + timedelta(days=31 * (AFLOPEND_MAANDEN + 1))},
    )
    for email in ("leerplicht@demo.nl", "swv@demo.nl"):
        user = User.objects.get(email=email)
        lijst = list(queries_leerplicht.aflopende_vrijstellingen(user, vandaag))
        assert binnenkort in lijst and all(v.leerling != later for v in lijst)
        items = queries_leerplicht.vrijstelling_werkitems(user, vandaag)
        assert [i.leerling for i in items if i.leerling in (leerling, later)] == [leerling]
    buiten = User.objects.get(email="ib.andere@demo.nl")
    assert not Vrijstelling.objects.for_user(buiten).exists()


def test_vrijstelling_pages(login, leerling, leerplicht):
    client = login("leerplicht@demo.nl")
    antwoord = client.post(
        reverse("fasenmodel:vrijstelling_nieuw"),
        {
            "achternaam": leerling.achternaam,
            "geboortedatum": leerling.geboortedatum.isoformat(),
            "aangevraagd_op": "2026-01-05",
            "zorglocatie": "Zorgboerderij De Linde",
            "advies": "negatief",
            "advies_op": "2026-01-20",
            "besluit": "verleend",
            "besluit_op": "2026-01-21",
            "startdatum": "2026-02-01",
        },
    )
    assert antwoord.status_code == 200
    assert "geeft leerplicht geen vrijstelling af" in antwoord.content.decode()
    assert not Vrijstelling.objects.filter(leerling=leerling).exists()
    antwoord = client.post(
        reverse("fasenmodel:vrijstelling_nieuw"),
        {
            "achternaam": leerling.achternaam,
            "geboortedatum": leerling.geboortedatum.isoformat(),
            "aangevraagd_op": "2026-01-05",
        },
    )
    v = Vrijstelling.objects.get(leerling=leerling)
    assert antwoord.status_code == 302
    swv = User.objects.get(email="swv@demo.nl")
    client = login("swv@demo.nl")
    voor = Toegangslog.objects.filter(gebruiker=swv, leerling=leerling).count()
    antwoord = client.post(
        reverse("fasenmodel:vrijstelling", args=[v.uuid]),
        {"perspectief": "geen", "visie": "Geen ingroei binnen een jaar.", "versie": v.versie},
    )
    assert antwoord.status_code == 302
    v.refresh_from_db()
    assert v.perspectief_swv == "geen"
    log = Toegangslog.objects.filter(gebruiker=swv, leerling=leerling)
    assert log.count() == voor + 1 and "(vrijstellingen)" in log.last().rol
    # The SWV does not edit leerplicht's decision; a school sees no vrijstellingen.
    assert client.get(reverse("fasenmodel:vrijstelling_bewerken", args=[v.uuid])).status_code == 404
    client = login("ib@demo.nl")
    assert client.get(reverse("fasenmodel:vrijstelling", args=[v.uuid])).status_code == 404


# Variawet and ingroeiplan ------------------------------------------------------------


def afwijking(leerling, lid, **extra):
    velden = {
        "uren_per_week": Decimal("12"),
        "grondslag": "variawet",
        "ingroeiplan": "Elke zes weken een dagdeel erbij.",
        "startdatum": date(2026, 1, 5),
        "einddatum": date(2026, 6, 30),
        "door": lid.user,
        "namens": lid,
    }
    velden.update(extra)
    return services_leerplicht.leg_onderwijstijd_vast(leerling, **velden)


def test_deviation_from_teaching_time_needs_an_ingroeiplan(leerling, ib):
    """Fasenmodel: "Er wordt (o.b.v. WEC, variawet cat. a of experimentregeling) afgeweken
    van de huidige wettelijke onderwijskaders voor ingeschreven leerlingen (zoals minimum
    onderwijstijd, inhoud, locatie). Ingroeiplan vereist." """
    with pytest.raises(ValidationError, match="ingroeiplan"):
        afwijking(leerling, ib, ingroeiplan=" ")
    with pytest.raises(ValidationError, match="Variawet, WEC of experimentregeling"):
        afwijking(leerling, ib, grondslag="zomaar")
    with pytest.raises(ValidationError, match="einddatum"):
        afwijking(leerling, ib, einddatum=None)
    anders = Lidmaatschap.objects.get(user__email="ib.andere@demo.nl")
    with pytest.raises(ValidationError, match="school van inschrijving"):
        afwijking(leerling, anders)
    assert afwijking(leerling, ib).school == ib.organisatie


def test_deviation_ending_is_in_the_schools_work_list(login, leerling, ib):
    """Rol onderwijs: "Op basis van de Variawet wordt afgeweken van het minimum aantal uren
    onderwijstijd." The school keeps it in view: near its end it is in the work list."""
    vandaag = date.today()
    a = afwijking(
        leerling,
        ib,
        startdatum=vandaag - timedelta(days=60),
        einddatum=vandaag + timedelta(days=10),
    )
    items = queries_leerplicht.onderwijstijd_werkitems(ib.user, vandaag)
    assert [i.leerling for i in items if i.leerling == leerling] == [leerling]
    # A newer deviation replaces it.
    afwijking(leerling, ib, startdatum=vandaag, einddatum=vandaag + timedelta(days=120))
    items = queries_leerplicht.onderwijstijd_werkitems(ib.user, vandaag)
    assert all(i.leerling != leerling for i in items)
    assert Onderwijstijdafwijking.objects.filter(pk=a.pk).exists()
    client = login("ib@demo.nl")
    antwoord = client.post(
        reverse("fasenmodel:onderwijstijd", args=[leerling.uuid]),
        {
            "uren_per_week": "10",
            "grondslag": "wec",
            "ingroeiplan": "",
            "startdatum": vandaag.isoformat(),
            "einddatum": (vandaag + timedelta(days=30)).isoformat(),
        },
    )
    assert antwoord.status_code == 200 and "Ingroeiplan" in antwoord.content.decode()
    client = login("ib.andere@demo.nl")
    assert client.get(reverse("fasenmodel:onderwijstijd", args=[leerling.uuid])).status_code == 404


# Who reads a vrijstelling on the care side ----------------------------------------------


def _aanbieder_met_bereik(leerling):
    """A jeugdhulpaanbieder's employee who reaches the pupil with the parents' consent."""
    from accounts.permissions import grant_leerling_access
    from accounts.rollen import Rol
    from accounts.rollen import Soort as Organisatiesoort
    from tests.factories import LidmaatschapFactory, OrganisatieFactory

    lid = LidmaatschapFactory(
        organisatie=OrganisatieFactory(
            naam="Zorgboerderij De Linde", soort=Organisatiesoort.JEUGDHULPAANBIEDER
        ),
        rol=Rol.MEDEWERKER_JEUGDHULP,
    )
    grant_leerling_access(lid.user, leerling)
    return lid


def test_a_jeugdhulpaanbieder_with_consent_sees_no_vrijstelling(login, leerling, leerplicht):
    """DOMAIN.md: an aanbieder sees only the inzet it delivers; no kind of consent covers
    leerplicht data. Fasenmodel: "Periodiek overleg RBL/Leerplicht, Swv en Zorglocatie bij
    aflopende vrijstellingen": the care location is free text on the request, not an
    organisation, so on the care side the jeugdteam reads it. Before, any aanbieder with
    consent for the pupil read the SWV's view, the advice and the history."""
    from accounts.permissions import grant_leerling_access

    vandaag = date.today()
    v = vrijstelling(leerling, leerplicht, **{**VERLEEND, "einddatum": vandaag + timedelta(40)})
    aanbieder = _aanbieder_met_bereik(leerling)
    jeugdteam = User.objects.get(email="jeugdteam@demo.nl")
    grant_leerling_access(jeugdteam, leerling)
    assert v.zorglocatie == aanbieder.organisatie.naam  # even the care location by name
    assert not Vrijstelling.objects.for_user(aanbieder.user).exists()
    assert not queries_leerplicht.aflopende_vrijstellingen(aanbieder.user, vandaag).exists()
    assert queries_leerplicht.vrijstelling_werkitems(aanbieder.user, vandaag) == []
    client = login(aanbieder.user.email)
    assert client.get(reverse("fasenmodel:vrijstelling", args=[v.uuid])).status_code == 404
    assert client.get(reverse("fasenmodel:vrijstellingen")).status_code == 404
    assert v.leerling.voornaam not in client.get(reverse("home")).content.decode()
    # The jeugdteam with the same reach keeps its place in the periodic review.
    assert v in queries_leerplicht.aflopende_vrijstellingen(jeugdteam, vandaag)
    client = login("jeugdteam@demo.nl")
    assert client.get(reverse("fasenmodel:vrijstelling", args=[v.uuid])).status_code == 200


def test_the_care_side_follows_the_active_role(leerling, leerplicht):
    """Someone of the jeugdteam who also works for an aanbieder sees no vrijstelling while
    acting for the aanbieder (the role chosen in the header, accounts/rolcontext.py)."""
    from accounts.rolcontext import Rolcontext
    from accounts.rollen import Rol
    from tests.factories import LidmaatschapFactory, OrganisatieFactory

    vrijstelling(leerling, leerplicht)
    aanbieder = _aanbieder_met_bereik(leerling)
    jeugdteamrol = LidmaatschapFactory(
        user=aanbieder.user,
        organisatie=OrganisatieFactory(jeugdteam=True),
        rol=Rol.MEDEWERKER_JEUGDTEAM,
    )
    user = aanbieder.user
    user.samenplan_rolcontext = Rolcontext(lidmaatschap=aanbieder, is_ouder=False)
    assert not Vrijstelling.objects.for_user(user).exists()
    user.samenplan_rolcontext = Rolcontext(lidmaatschap=jeugdteamrol, is_ouder=False)
    assert Vrijstelling.objects.for_user(user).filter(leerling=leerling).exists()


# The same form sent twice ---------------------------------------------------------------


def test_a_request_sent_twice_is_recorded_once(login, leerling):
    import uuid

    from accounts.eenmalig import AL_VERSTUURD

    client = login("leerplicht@demo.nl")
    url = reverse("fasenmodel:vrijstelling_nieuw")
    gegevens = {
        "achternaam": leerling.achternaam,
        "geboortedatum": leerling.geboortedatum.isoformat(),
        "aangevraagd_op": "2026-01-05",
        "advies": "positief",
        "advies_op": "2026-01-20",
        "besluit": "verleend",
        "besluit_op": "2026-01-21",
        "startdatum": "2026-02-01",
        "formuliertoken": str(uuid.uuid4()),
    }
    assert client.post(url, gegevens).status_code == 302
    tweede = client.post(url, gegevens, follow=True)
    assert AL_VERSTUURD in tweede.content.decode()
    # From a second tab (its own token): decided, so no open request, yet refused.
    derde = client.post(url, {**gegevens, "formuliertoken": str(uuid.uuid4())})
    assert derde.status_code == 200 and "staat al vast" in derde.content.decode()
    assert Vrijstelling.objects.filter(leerling=leerling).count() == 1


def test_a_deviation_sent_twice_is_recorded_once(login, leerling, ib):
    import uuid

    from accounts.eenmalig import AL_VERSTUURD

    client = login("ib@demo.nl")
    url = reverse("fasenmodel:onderwijstijd", args=[leerling.uuid])
    assert 'name="formuliertoken"' in client.get(url).content.decode()
    vandaag = date.today()
    gegevens = {
        "uren_per_week": "12",
        "grondslag": "variawet",
        "ingroeiplan": "Elke zes weken een dagdeel erbij.",
        "startdatum": vandaag.isoformat(),
        "einddatum": (vandaag + timedelta(days=90)).isoformat(),
        "formuliertoken": str(uuid.uuid4()),
    }
    assert client.post(url, gegevens).status_code == 302
    assert AL_VERSTUURD in client.post(url, gegevens, follow=True).content.decode()
    derde = client.post(url, {**gegevens, "formuliertoken": str(uuid.uuid4())})
    assert derde.status_code == 200 and "staat al vast" in derde.content.decode()
    assert Onderwijstijdafwijking.objects.filter(leerling=leerling).count() == 1
