"""The gezinsplan as a linked plan (docs/opp.md, "Gezinsplan").

Gemeenschappelijke paragraaf samenwerkingsverbanden PO en VO en gemeenten Holland-Rijnland:
"De gemeenten hebben het werken volgens de '1Gezin1Plan-werkwijze' geïntroduceerd: het
werken vanuit een gezinsplan dat uitgaat van de doelen die de jeugdige (het gezin) zelf
stelt". Holland Rijnland Methode, stap 2: "De medewerker wijkteam/medewerker toegang uit
de woonplaats voert regie met ouders over het perspectiefplan (zorg)".
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Informatiesoort, Lidmaatschap, Toegangslog, Toestemming
from accounts.services import beantwoord_toestemming, vraag_toestemming
from opp import services
from opp.demo import DEMO_GEZINSPLAN
from opp.models import Gezinsplan, Opp
from tests.accounts.permissiematrix.kwargs import gezinsplan_delen
from tests.conftest import user_by_email


@pytest.fixture(autouse=True)
def tom_bereikt_sam(db, sam):
    """The parents let Tom Verbeek (medewerker toegang, Jeugdteam Leiden) read Sam's OPP:
    Sam is within his reach."""
    tom = Lidmaatschap.objects.get(user__email="toegang@demo.nl")
    for rij in vraag_toestemming(
        sam,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=tom.organisatie,
        ontvanger=tom.user,
        soorten=[Informatiesoort.OPP_INZAGE],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)


@pytest.fixture
def plan(db):
    return Gezinsplan.objects.select_related("leerling").get(uuid=DEMO_GEZINSPLAN)


def _geen_toestemming_voor_school():
    Toestemming.objects.filter(soort=Informatiesoort.GEZINSPLAN).update(
        status=Toestemming.Status.INGETROKKEN
    )


def test_the_jeugdteam_draws_up_a_gezinsplan_with_the_familys_goals_and_explicit_regie(
    client, login, sam
):
    """Seed 004: "het werken vanuit een gezinsplan dat uitgaat van de doelen die de
    jeugdige (het gezin) zelf stelt"; seed 001: "De medewerker wijkteam/medewerker toegang
    uit de woonplaats voert regie met ouders over het perspectiefplan (zorg)"."""
    Gezinsplan.objects.filter(leerling=sam).delete()
    tom = user_by_email("toegang@demo.nl")
    login("toegang@demo.nl")
    url = reverse("opp:leerling_gezinsplan", args=[sam.uuid])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "regievoerder": tom.pk,
            "doelen": "Wij willen 's ochtends zonder ruzie de deur uit.",
            "datum": timezone.localdate().isoformat(),
        },
    )
    plan = Gezinsplan.objects.get(leerling=sam)
    assert response["Location"] == reverse("opp:gezinsplan_detail", args=[plan.uuid])
    assert (plan.regievoerder, plan.organisatie.naam) == (tom, "Jeugdteam Leiden (demo)")
    pagina = client.get(response["Location"]).content.decode()
    assert "zonder ruzie de deur uit" in pagina
    assert "Regie" in pagina and tom.naam in pagina
    assert Toegangslog.objects.filter(leerling=sam, onderdeel="Gezinsplan").exists()


def test_regie_must_be_someone_of_the_plans_own_organisation(sam):
    Gezinsplan.objects.filter(leerling=sam).delete()
    lid = Lidmaatschap.objects.get(user__email="toegang@demo.nl")
    with pytest.raises(ValidationError, match="regie"):
        services.maak_gezinsplan(
            sam,
            door=lid.user,
            namens=lid,
            regievoerder=user_by_email("ib@demo.nl"),
            doelen="Rust thuis",
            datum=timezone.localdate(),
        )
    school = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    with pytest.raises(ValidationError, match="jeugdteam of de jeugdhulp"):
        services.maak_gezinsplan(
            sam,
            door=school.user,
            namens=school,
            regievoerder=lid.user,
            doelen="Rust thuis",
            datum=timezone.localdate(),
        )


def test_one_running_gezinsplan_per_pupil(plan):
    lid = Lidmaatschap.objects.get(user__email="toegang@demo.nl")
    with pytest.raises(ValidationError, match="al een lopend gezinsplan"):
        services.maak_gezinsplan(
            plan.leerling,
            door=lid.user,
            namens=lid,
            regievoerder=lid.user,
            doelen="Nog een plan",
            datum=timezone.localdate(),
        )


def test_the_jeugdteam_edits_with_the_edit_counter(client, login, plan):
    login("toegang@demo.nl")
    url = reverse("opp:gezinsplan_bewerken", args=[plan.uuid])
    gegevens = {
        "regievoerder": plan.regievoerder_id,
        "doelen": "Nieuwe doelen van het gezin",
        "datum": plan.datum.isoformat(),
        "status": "lopend",
        "bewerkingen": plan.bewerkingen,
    }
    assert client.post(url, gegevens).status_code == 302
    plan.refresh_from_db()
    assert plan.doelen == "Nieuwe doelen van het gezin"
    # The same (now old) page sent again: a conflict, not an overwrite.
    response = client.post(url, {**gegevens, "doelen": "Oude tab"})
    assert "intussen gewijzigd" in response.content.decode()
    plan.refresh_from_db()
    assert plan.doelen == "Nieuwe doelen van het gezin"


def test_the_school_reads_the_plan_only_with_the_parents_consent(client, login, plan):
    """Holland Rijnland Methode, stap 2: "de medewerker toegang/medewerker wijkteam vraagt
    ouders toestemming om informatie met school te delen"."""
    detail = reverse("opp:gezinsplan_detail", args=[plan.uuid])
    opp = Opp.objects.get(leerling=plan.leerling, versie=1)
    login("mentor@demo.nl")
    assert client.get(detail).status_code == 404
    gezinsplan_delen()
    assert client.get(detail).status_code == 200
    _geen_toestemming_voor_school()
    assert client.get(detail).status_code == 404
    pagina = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    # Who holds regie is an agreement of the handelingsdeel; the content is not shared.
    assert "Regie bij Tom Verbeek, Jeugdteam Leiden (demo)" in pagina
    assert "de inhoud alleen met toestemming van de ouders" in pagina
    assert detail not in pagina
    login("ouder@demo.nl")
    assert client.get(detail).status_code == 200


def test_the_plan_can_carry_its_file_which_the_school_downloads_only_with_consent(
    client, login, plan
):
    from tests.accounts.permissiematrix.kwargs import gezinsplanbestand_kwargs

    bestand = reverse("opp:gezinsplan_bestand", kwargs=gezinsplanbestand_kwargs())
    login("toegang@demo.nl")
    pagina = client.get(reverse("opp:gezinsplan_detail", args=[plan.uuid])).content.decode()
    assert bestand in pagina
    login("ib@demo.nl")
    assert client.get(bestand).status_code == 404
    gezinsplan_delen()
    assert client.get(bestand).status_code == 200


def test_without_an_opp_the_gezinsplan_leads(client, login, plan):
    """Holland Rijnland Methode, stap 2: "Daar waar geen OPP is, is het perspectiefplan
    leidend."."""
    Opp.objects.filter(leerling=plan.leerling).delete()
    login("toegang@demo.nl")
    pagina = client.get(reverse("opp:gezinsplan_detail", args=[plan.uuid])).content.decode()
    assert "Er is geen OPP: dit gezinsplan is leidend" in pagina


def _gesloten_tweede_plan(plan):
    """A second, closed plan of the same pupil beside the running demo plan."""
    return Gezinsplan.objects.create(
        leerling=plan.leerling,
        organisatie=plan.organisatie,
        regievoerder=plan.regievoerder,
        doelen="Een eerder plan",
        datum=plan.datum,
        status=Gezinsplan.Status.AFGESLOTEN,
        gemaakt_door=plan.gemaakt_door,
    )


def test_the_database_holds_one_running_plan_per_pupil(plan):
    from django.db import IntegrityError, transaction

    tweede = _gesloten_tweede_plan(plan)
    tweede.status = Gezinsplan.Status.LOPEND
    with pytest.raises(IntegrityError), transaction.atomic():
        tweede.save()


def test_two_reopens_at_once_leave_one_running_plan(monkeypatch, plan):
    """Two people reopen two closed plans of one pupil at the same moment: each check
    found no running plan. The pupil's lock makes them take turns; should the check still
    miss the other (here: made blind), the database refuses and the user reads why."""
    from opp.models import GezinsplanQuerySet

    Gezinsplan.objects.filter(pk=plan.pk).update(status=Gezinsplan.Status.AFGESLOTEN)
    tweede = _gesloten_tweede_plan(plan)
    tom = user_by_email("toegang@demo.nl")

    def heropen(p):
        return services.bewaar_gezinsplan(
            p,
            door=tom,
            bewerkingen=None,
            regievoerder=p.regievoerder,
            doelen=p.doelen,
            datum=p.datum,
            status=Gezinsplan.Status.LOPEND,
        )

    heropen(plan)
    monkeypatch.setattr(GezinsplanQuerySet, "lopend", lambda self: self.none())
    with pytest.raises(ValidationError, match="Er loopt al een ander gezinsplan"):
        heropen(tweede)
    assert Gezinsplan.objects.filter(leerling=plan.leerling, status="lopend").count() == 1
