from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Gezag, Leerling, Lidmaatschap, Organisatie, User
from accounts.rollen import Rol, Sector, Soort
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


def counts():
    return [M.objects.count() for M in (Organisatie, User, Lidmaatschap, Leerling, Gezag)]


def test_seed_demo_is_idempotent():
    before = counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "ib@demo.nl" in out.getvalue()


def test_demo_region_has_the_organisations_the_issue_names():
    assert set(Organisatie.objects.filter(soort=Soort.SWV).values_list("code", flat=True)) == {
        "PO-28-01",
        "VO-28-01",
    }
    scholen = Organisatie.objects.filter(soort=Soort.SCHOOL)
    assert scholen.count() >= 6
    assert {Sector.SBO, Sector.SO} <= set(scholen.values_list("sector", flat=True))
    jeugdteams = Organisatie.objects.filter(soort=Soort.JEUGDTEAM)
    assert jeugdteams.count() == 2
    assert all(team.gemeente.soort == Soort.GEMEENTE for team in jeugdteams)
    for soort in (Soort.JEUGDHULPAANBIEDER, Soort.LEERPLICHT, Soort.JGZ):
        assert Organisatie.objects.filter(soort=soort).exists()
    assert 55 <= Leerling.objects.count() <= 70
    assert all(leerling.gezagen.exists() for leerling in Leerling.objects.all())


def test_personas_log_in_with_demo_and_have_their_roles(sam):
    for email in PERSONAS:
        assert User.objects.get(email=email).check_password("demo"), email
    assert Lidmaatschap.objects.get(user__email="ib@demo.nl").rol == Rol.ONDERSTEUNINGSCOORDINATOR
    assert Lidmaatschap.objects.get(user__email="swv@demo.nl").organisatie.code == "PO-28-01"
    assert sam.school.swv.code == "PO-28-01"
    andere = Lidmaatschap.objects.get(user__email="ib.andere@demo.nl").organisatie
    assert andere.swv.code != sam.school.swv.code
    ouders = set(sam.gezagen.filter(heeft_gezag=True).values_list("ouder__email", flat=True))
    assert ouders == {"ouder@demo.nl", "ouder2@demo.nl"}
    assert sam.mentoren.filter(email="mentor@demo.nl").exists()
    assert not Gezag.objects.filter(ouder__email="ouder.andere@demo.nl", leerling=sam).exists()


def test_the_seeded_opp_is_vastgesteld_once_everyone_asked_has_signed(sam):
    """Issue 15: Sam's seeded OPP holds youth care, but no jeugdteam signer was asked, so
    it stayed ter ondertekening after the parents and the school signed."""
    from opp import demo, services
    from opp.inhoud import canoniek, sha256
    from opp.models import Ondertekening, Opp

    # The suite's database leaves the request to the jeugdteam out (tests/demo_toegang.py):
    # seed Sam's OPP afresh, as `seed_demo` does.
    Opp.objects.filter(uuid=demo.DEMO_OPP).delete()
    demo.seed()
    opp = Opp.objects.get(leerling=sam, versie=1)
    gevraagd = list(opp.ondertekeningen.filter(status=Ondertekening.Status.GEVRAAGD))
    assert {(o.ondertekenaar.email, o.partij) for o in gevraagd} == {
        ("ouder@demo.nl", "ouder"),
        ("ouder2@demo.nl", "ouder"),
        ("ib@demo.nl", "school"),
        ("toegang@demo.nl", "toegang"),
    }
    # The medewerker toegang can open what she is asked to sign (the parents consented);
    # her colleague, the persona jeugdteam@demo.nl, still cannot.
    for email, bereik in (("toegang@demo.nl", True), ("jeugdteam@demo.nl", False)):
        user = User.objects.get(email=email)
        assert Leerling.objects.dossiers_for_user(user).filter(pk=sam.pk).exists() == bereik
    for verzoek in gevraagd:
        opp.refresh_from_db()
        assert opp.status == Opp.Status.TER_ONDERTEKENING
        services.onderteken(
            verzoek,
            door=verzoek.ondertekenaar,
            getoonde_hash=sha256(canoniek(opp)),
            methode=Ondertekening.Methode.WACHTWOORD,
            bewijs="demo",
            apparaat=services.Apparaat(None, ""),
        )
    opp.refresh_from_db()
    assert opp.status == Opp.Status.VASTGESTELD
    assert services.ontbrekende_ondertekenaars(opp) == []
