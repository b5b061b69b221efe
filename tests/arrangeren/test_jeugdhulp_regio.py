"""Issue 17: the multidisciplinaire begeleider's financing and conditions, and the kader
begeleiding per subregion with an exception agreed by school and SWV."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import (
    Contactsoort,
    Informatiesoort,
    Lidmaatschap,
    Notificatie,
    Organisatie,
    Schoolcontactpersoon,
    Toestemming,
)
from accounts.rollen import Rol
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.jeugdhulp import kaders, queries, services
from arrangeren.jeugdhulp.models import Kaderuitzondering
from opp.models import Ondertekening, Opp
from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam
from tests.conftest import user_by_email
from tests.factories import UserFactory

HORIZON = "Zorgaanbieder De Horizon (demo)"


@pytest.fixture
def traject(db):
    return traject_met_jeugdteam(soorten=(Informatiesoort.MDO_DEELNAME, Informatiesoort.OPP_INZAGE))


@pytest.fixture
def jeugdteam(db):
    return user_by_email("jeugdteam@demo.nl")


def _toestemming_opp(leerling, organisatie, ontvanger=None):
    for rij in vraag_toestemming(
        leerling,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=organisatie,
        ontvanger=ontvanger,
        soorten=[Informatiesoort.OPP_INZAGE],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)


def _getekend(leerling):
    """The parents signed the handelingsdeel: the OPP is vastgesteld."""
    opp = Opp.objects.get(leerling=leerling)
    opp.ondertekeningen.update(status=Ondertekening.Status.GETEKEND)
    opp.status = Opp.Status.VASTGESTELD
    opp.save(update_fields=["status"])
    return opp


def _vaste_contactpersoon(school, *, binden=True):
    """A vaste contactpersoon S(B)O of Jeugdteam Leiden, bound to `school` (the binding of
    accounts/schoolcontacten.py; created directly, the S(B)O check is the beheer form's)."""
    jeugdteam = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    contact = UserFactory()
    Lidmaatschap.objects.create(user=contact, organisatie=jeugdteam, rol=Rol.VASTE_CONTACTPERSOON)
    if binden:
        Schoolcontactpersoon.objects.create(
            school=school,
            soort=Contactsoort.VASTE_CONTACTPERSOON,
            user=contact,
            jeugdteam=jeugdteam,
        )
    return contact


def mdb_data(**extra):
    return {
        "aanbieder": Organisatie.objects.get(naam=HORIZON),
        "soort": "multidisciplinaire_begeleider",
        "start": date(2026, 1, 1),
        "geplande_einde": date(2026, 12, 31),
        "uren_per_week": 6,
        "scenario": "a",
        "opdrachtgever": "onderwijs",
        **extra,
    }


@pytest.fixture
def mdb_klaar(traject):
    """Every condition met: signed OPP, the school's vaste contactpersoon, consent."""
    leerling = traject.leerling
    opp = _getekend(leerling)
    contact = _vaste_contactpersoon(leerling.school)
    _toestemming_opp(leerling, Organisatie.objects.get(naam=HORIZON))
    return opp, contact


# Misreading 3: the conditions -----------------------------------------------------------


def test_the_vaste_contactpersoon_must_be_the_one_bound_to_the_pupils_school(
    traject, jeugdteam, mdb_klaar
):
    """*Holland Rijnland Methode, stap 3*: "Het inzetten van de multidisciplinaire
    begeleider kan uitsluitend op basis van een OPP plaatsvinden waarbij de vaste
    contactpersoon betrokken is"; *stap 2*: "Elke S(B)O school werkt met een vaste
    contactpersoon". Someone with the role at another school is not that person."""
    opp, contact = mdb_klaar
    elders = _vaste_contactpersoon(Organisatie.objects.get(naam="SBO De Brug"))
    doelen = list(opp.doelen.all())
    with pytest.raises(ValidationError) as fout:
        services.registreer_inzet(
            traject, mdb_data(vaste_contactpersoon=elders), doelen, door=jeugdteam
        )
    assert "niet de vaste contactpersoon S(B)O van Basisschool De Regenboog" in str(
        fout.value.message_dict["vaste_contactpersoon"]
    )
    inzet = services.registreer_inzet(
        traject, mdb_data(vaste_contactpersoon=contact), doelen, door=jeugdteam
    )
    assert inzet.vaste_contactpersoon == contact


def test_the_parents_consent_must_cover_sharing_the_opp_with_the_contact_and_provider(
    traject, jeugdteam
):
    """*Holland Rijnland Methode, stap 3*: the begeleider works from the OPP "waarbij de
    vaste contactpersoon betrokken is": sharing the OPP with that person and with the
    begeleider's organisation needs the parents' consent for inzage in het OPP."""
    leerling = traject.leerling
    opp = _getekend(leerling)
    contact = _vaste_contactpersoon(leerling.school)
    # The consent of the fixture is for the whole Jeugdteam Leiden: withdraw it.
    Toestemming.objects.filter(leerling=leerling, soort=Informatiesoort.OPP_INZAGE).update(
        status=Toestemming.Status.INGETROKKEN
    )
    doelen = list(opp.doelen.all())
    with pytest.raises(ValidationError, match="nog geen toestemming gegeven om het OPP") as fout:
        services.registreer_inzet(
            traject, mdb_data(vaste_contactpersoon=contact), doelen, door=jeugdteam
        )
    assert contact.naam in str(fout.value.message_dict["vaste_contactpersoon"])
    _toestemming_opp(leerling, Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"), contact)
    with pytest.raises(ValidationError) as fout:
        services.registreer_inzet(
            traject, mdb_data(vaste_contactpersoon=contact), doelen, door=jeugdteam
        )
    assert HORIZON in str(fout.value.message_dict["aanbieder"])
    _toestemming_opp(leerling, Organisatie.objects.get(naam=HORIZON))
    services.registreer_inzet(
        traject, mdb_data(vaste_contactpersoon=contact), doelen, door=jeugdteam
    )


def test_a_concept_or_unsigned_opp_does_not_count(traject, jeugdteam):
    """*Holland Rijnland Methode, stap 3*: "Ouders stemmen in met de aanpak middels een
    handtekening onder het handelingsdeel van het OPP." Goals of an OPP the parents have
    not signed (concept, ter ondertekening) are refused."""
    leerling = traject.leerling
    contact = _vaste_contactpersoon(leerling.school)
    _toestemming_opp(leerling, Organisatie.objects.get(naam=HORIZON))
    opp = Opp.objects.get(leerling=leerling)
    assert opp.status == Opp.Status.TER_ONDERTEKENING
    doelen = list(opp.doelen.all())
    for status in (Opp.Status.TER_ONDERTEKENING, Opp.Status.CONCEPT):
        Opp.objects.filter(pk=opp.pk).update(status=status)
        with pytest.raises(ValidationError) as fout:
            services.registreer_inzet(
                traject, mdb_data(vaste_contactpersoon=contact), doelen, door=jeugdteam
            )
        assert "de ouders het handelingsdeel hebben ondertekend" in str(
            fout.value.message_dict["doelen"]
        )
    _getekend(leerling)
    services.registreer_inzet(
        traject, mdb_data(vaste_contactpersoon=contact), doelen, door=jeugdteam
    )


# Misreading 2: the financing scenarios --------------------------------------------------


def test_scenario_a_one_party_commissions_the_whole_begeleider_for_this_pupil(
    traject, jeugdteam, mdb_klaar
):
    """*Holland Rijnland Methode, stap 3*, scenario a: "Zij geven ieder apart opdracht om
    voor de helft van het aantal leerlingen begeleiding te bieden. De afzonderlijke
    opdrachten bieden gezamenlijk ruimte om het totale aantal leerlingen te begeleiden."
    Not a split per pupil: for this pupil one party commissions and pays it all."""
    opp, contact = mdb_klaar
    doelen = list(opp.doelen.all())
    with pytest.raises(ValidationError) as fout:
        services.registreer_inzet(
            traject,
            mdb_data(vaste_contactpersoon=contact, opdrachtgever=""),
            doelen,
            door=jeugdteam,
        )
    assert "welke partij opdracht geeft" in str(fout.value.message_dict["opdrachtgever"])
    inzet = services.registreer_inzet(
        traject,
        mdb_data(vaste_contactpersoon=contact, opdrachtgever="gemeente", aandeel_onderwijs=40),
        doelen,
        door=jeugdteam,
    )
    assert inzet.aandeel_onderwijs is None  # no percentage under scenario a
    kosten = kaders.mdb_kosten(Decimal("10"), scenario="a", opdrachtgever="gemeente")
    assert (kosten.onderwijs, kosten.gemeente) == (Decimal("0"), Decimal("900.00"))
    # The halves are seen across pupils: the count per SWV and gemeente.
    telling = queries.opdrachten_scenario_a(inzet, date(2026, 3, 1))
    assert (telling.onderwijs, telling.gemeente_aantal) == (0, 1)
    assert telling.gemeente == "Leiden"


def test_scenario_b_one_party_commissions_the_other_makes_the_budget_available(
    traject, jeugdteam, mdb_klaar
):
    """*Holland Rijnland Methode, stap 3*, scenario b: "Een van beide partijen geeft
    opdracht. De andere partij stelt het budget beschikbaar." """
    opp, contact = mdb_klaar
    inzet = services.registreer_inzet(
        traject,
        mdb_data(vaste_contactpersoon=contact, scenario="b", opdrachtgever="onderwijs"),
        list(opp.doelen.all()),
        door=jeugdteam,
    )
    assert (inzet.opdrachtgever, inzet.betaler) == ("onderwijs", "gemeente")
    # "dat onderwijs en gemeenten gezamenlijk financieren": whatever the form posted.
    assert inzet.financiering == "gezamenlijk"
    kosten = kaders.mdb_kosten(Decimal("10"), scenario="b", opdrachtgever="onderwijs")
    assert (kosten.onderwijs, kosten.gemeente) == (Decimal("0"), Decimal("900.00"))
    assert "onderwijs geeft opdracht, de gemeente stelt het budget beschikbaar" in kosten.uitleg


def test_scenario_c_records_the_agreed_split_without_a_default(traject, jeugdteam, mdb_klaar):
    """*Holland Rijnland Methode, stap 3*, scenario c: "Beide partijen sluiten gezamenlijk
    een contract met de aanbieder." The seed names no split: Samenplan assumes no 50/50,
    it records what the parties agreed (percentages that sum to 100)."""
    opp, contact = mdb_klaar
    doelen = list(opp.doelen.all())
    for extra, veld in (
        ({}, "aandeel_onderwijs"),
        ({"aandeel_onderwijs": 70, "aandeel_gemeente": 20}, "aandeel_gemeente"),
    ):
        with pytest.raises(ValidationError) as fout:
            services.registreer_inzet(
                traject,
                mdb_data(vaste_contactpersoon=contact, scenario="c", **extra),
                doelen,
                door=jeugdteam,
            )
        assert veld in fout.value.message_dict
    assert "samen moeten ze 100% zijn" in str(fout.value)
    inzet = services.registreer_inzet(
        traject,
        mdb_data(
            vaste_contactpersoon=contact, scenario="c", aandeel_onderwijs=70, aandeel_gemeente=30
        ),
        doelen,
        door=jeugdteam,
    )
    assert inzet.opdrachtgever == ""
    kosten = kaders.mdb_kosten(
        Decimal("10"), scenario="c", aandeel_onderwijs=70, aandeel_gemeente=30
    )
    assert (kosten.onderwijs, kosten.gemeente) == (Decimal("630.00"), Decimal("270.00"))
    zonder = kaders.mdb_kosten(Decimal("10"), scenario="c")
    assert zonder.onderwijs is None and "niet vastgelegd" in zonder.uitleg


def test_the_inzet_page_shows_the_cost_and_the_scenario_a_count(
    client, login, traject, jeugdteam, mdb_klaar
):
    opp, contact = mdb_klaar
    inzet = services.registreer_inzet(
        traject,
        mdb_data(vaste_contactpersoon=contact, start=date.today(), geplande_einde=date.today()),
        list(opp.doelen.all()),
        door=jeugdteam,
    )
    login("ib@demo.nl")
    inhoud = client.get(reverse("arrangeren:jeugdhulp_detail", args=[inzet.uuid])).content
    inhoud = inhoud.decode()
    assert "Scenario a: onderwijs gaf voor deze leerling opdracht" in inhoud
    assert "onderwijs gaf opdracht voor 1 en de gemeente voor 0 leerling" in inhoud
    login("ouder@demo.nl")
    inhoud = client.get(reverse("arrangeren:jeugdhulp_detail", args=[inzet.uuid])).content
    assert "gaf opdracht voor 1" not in inhoud.decode()


# Misreading 4: the kader per subregion, and an exception of school and SWV ---------------


@pytest.mark.parametrize(
    ("plaats", "subregio", "grens"),
    [
        ("Leiden", "Leidse Regio", Decimal("52")),
        ("Katwijk", "Duin- en Bollenstreek", Decimal("52")),
        ("Alphen aan den Rijn", "Rijnstreek", None),
        ("Nieuwkoop", "Rijnstreek", None),
        ("Elders", None, Decimal("52")),
    ],
)
def test_the_kader_is_data_per_subregion(plaats, subregio, grens):
    """*Regionale afspraken Duin- en Bollenstreek*, Leidende principes: "In de basis gelden
    voor de Leidse Regio en Duin en Bollen de 'Kaders begeleiding' van maximaal 52 uur in
    een half jaar." No kader for the Rijnstreek; an unknown municipality keeps the basis."""
    school = Organisatie(naam="X", plaats=plaats)
    sub = kaders.subregio_van_school(school)
    assert (sub.naam if sub else None) == subregio
    assert (sub.kader_uren if sub else kaders.KADER_UREN) == grens


def test_a_school_in_the_rijnstreek_has_no_52_hour_limit(traject, jeugdteam):
    """*Regionale afspraken Duin- en Bollenstreek*, Leidende principes: the 52 hours hold
    "voor de Leidse Regio en Duin en Bollen"; in Alphen aan den Rijn the hours are
    counted, not refused."""
    school = traject.leerling.school
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    services.log_uren(inzet, date(2026, 3, 2), Decimal("52"), door=jeugdteam)
    with pytest.raises(ValidationError, match="het kader is 52 uur"):
        services.log_uren(inzet, date(2026, 3, 9), Decimal("1"), door=jeugdteam)
    Organisatie.objects.filter(pk=school.pk).update(plaats="Alphen aan den Rijn")
    traject.leerling.school.refresh_from_db()
    _, status = services.log_uren(inzet, date(2026, 3, 9), Decimal("10"), door=jeugdteam)
    assert status.uren == Decimal("62") and status.grens is None
    assert not status.waarschuwing and status.subregio == "Rijnstreek"


def test_an_exception_lifts_the_kader_only_once_school_and_swv_agree(traject, jeugdteam):
    """*Regionale afspraken Duin- en Bollenstreek*, Leidende principes: "Voorwaarde hierbij
    is dat door een school en het SWV een passend onderwijsarrangement wordt ingezet".
    The school proposes; until a consulent of the school's SWV agrees, the kader holds."""
    inzet = begeleiding(traject, start=date(2026, 1, 1))
    services.log_uren(inzet, date(2026, 3, 2), Decimal("52"), door=jeugdteam)
    ib, swv = user_by_email("ib@demo.nl"), user_by_email("swv@demo.nl")
    voorstel = services.leg_uitzondering_vast(
        traject.leerling,
        date(2026, 3, 9),
        door=ib,
        onderwijsarrangement="Arrangement rustige werkplek, SWV PO-28-01",
        reden="Structurele ondersteuning nodig",
    )
    assert voorstel.wacht_op == Kaderuitzondering.Partij.SWV
    with pytest.raises(ValidationError, match="school en SWV samen"):
        services.log_uren(inzet, date(2026, 3, 9), Decimal("6"), door=jeugdteam)
    # The SWV hears of it; the proposer cannot agree with herself.
    assert Notificatie.objects.filter(soort="kaderuitzondering_voorgesteld", ontvanger=swv).exists()
    with pytest.raises(PermissionDenied):
        services.geef_akkoord_op_uitzondering(voorstel, door=ib)
    with pytest.raises(PermissionDenied):
        services.geef_akkoord_op_uitzondering(voorstel, door=jeugdteam)
    services.geef_akkoord_op_uitzondering(voorstel, door=swv)
    assert Notificatie.objects.filter(soort="kaderuitzondering_akkoord", ontvanger=ib).exists()
    _, status = services.log_uren(inzet, date(2026, 3, 9), Decimal("6"), door=jeugdteam)
    assert status.uren == Decimal("58") and status.uitzondering


def test_the_swv_may_propose_and_the_school_agrees(traject, jeugdteam):
    """The reverse order: the SWV proposes, the school's coördinator agrees."""
    ib, swv = user_by_email("ib@demo.nl"), user_by_email("swv@demo.nl")
    voorstel = services.leg_uitzondering_vast(
        traject.leerling, date(2026, 3, 9), door=swv, onderwijsarrangement="A", reden="R"
    )
    assert voorstel.voorgesteld_namens == "swv" and voorstel.wacht_op == "school"
    with pytest.raises(ValidationError, match="Het SWV heeft voor dit halfjaar al"):
        services.leg_uitzondering_vast(
            traject.leerling, date(2026, 3, 9), door=ib, onderwijsarrangement="A", reden="R"
        )
    services.geef_akkoord_op_uitzondering(voorstel, door=ib)
    voorstel.refresh_from_db()
    assert voorstel.akkoord and voorstel.akkoord_door == ib


def test_the_swv_agrees_on_its_page_and_others_get_404(client, login, traject):
    ib = user_by_email("ib@demo.nl")
    voorstel = services.leg_uitzondering_vast(
        traject.leerling, date(2026, 3, 9), door=ib, onderwijsarrangement="A", reden="R"
    )
    lijst = reverse("arrangeren:jeugdhulp_uitzonderingen")
    akkoord = reverse("arrangeren:jeugdhulp_uitzondering_akkoord", args=[voorstel.uuid])
    login("jeugdteam@demo.nl")
    assert client.get(lijst).status_code == 404
    assert client.post(akkoord).status_code == 404
    login("ib@demo.nl")
    inhoud = client.get(lijst).content.decode()
    assert "Wacht op akkoord van het SWV" in inhoud and akkoord not in inhoud
    assert client.post(akkoord).status_code == 404  # the proposer does not agree
    login("swv@demo.nl")
    inhoud = client.get(lijst).content.decode()
    assert "Sam" in inhoud and akkoord in inhoud
    from accounts.models import Toegangslog

    # The access log says in words on what ground the SWV saw the pupil.
    regel = Toegangslog.objects.filter(
        gebruiker__email="swv@demo.nl", leerling=traject.leerling
    ).latest("tijdstip")
    assert regel.rol == "Onderwijsspecialist / consulent SWV (kader begeleiding)"
    response = client.post(akkoord, follow=True)
    assert "U hebt akkoord gegeven" in response.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.akkoord


def test_mijn_werk_tells_the_other_party_a_proposal_waits(client, login, traject):
    """The SWV finds the school's proposal in "Mijn werk"; the school sees no card for its
    own proposal."""
    from tests.arrangeren.jeugdhulp_helpers import kaderuitzondering_kwargs

    kaderuitzondering_kwargs()
    login("swv@demo.nl")
    inhoud = client.get(reverse("home")).content.decode()
    # Sam's, and Noor's of the demo (arrangeren/jeugdhulp/demo.py).
    assert "2 voorgestelde uitzonderingen wachten op uw akkoord" in inhoud
    assert reverse("arrangeren:jeugdhulp_uitzonderingen") in inhoud
    login("ib@demo.nl")
    assert "op uw akkoord" not in client.get(reverse("home")).content.decode()


def test_the_work_list_warns_only_where_a_kader_holds(traject, jeugdteam):
    """The 80% signal of "Mijn werk" follows the subregion: none in the Rijnstreek, where
    the Leidende principes set no kader."""
    from datetime import timedelta

    from django.utils import timezone

    from arrangeren.route.models import Traject

    week = timezone.localdate() - timedelta(days=7)
    inzet = begeleiding(traject, start=week - timedelta(days=7))
    services.log_uren(inzet, week, Decimal("45"), door=jeugdteam)
    trajecten = Traject.objects.filter(pk=traject.pk)
    assert [t.pk for t in queries.jeugdhulp_signalen(trajecten)["kader"]] == [traject.pk]
    Organisatie.objects.filter(pk=traject.leerling.school_id).update(plaats="Nieuwkoop")
    assert queries.jeugdhulp_signalen(trajecten)["kader"] == []


def test_the_form_offers_only_the_schools_vaste_contactpersoon(client, login, traject):
    school = traject.leerling.school
    eigen = _vaste_contactpersoon(school)
    elders = _vaste_contactpersoon(Organisatie.objects.get(naam="SBO De Brug"))
    login("jeugdteam@demo.nl")
    inhoud = client.get(
        reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid])
    ).content.decode()
    assert eigen.naam in inhoud and elders.naam not in inhoud
