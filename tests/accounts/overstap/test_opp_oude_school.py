"""After a handover the old school keeps reading only its own fixed OPP version."""

from django.urls import reverse
from django.utils import timezone

from accounts.bewaartermijnen import leesgrens
from accounts.models import Leerling, Toegangslog
from opp.models import Ondertekening, Opp
from opp.services import nieuwe_versie
from tests.accounts.overstap.helpers import antwoord, overdrachtsvraag
from tests.accounts.overstap_helpers import coordinator_nieuw
from tests.conftest import login_verified

# The old school's own OPP versions --------------------------------------------------------


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


def test_comparing_with_a_version_the_old_school_may_not_read_answers_as_a_missing_one(client, v):
    Opp.objects.filter(pk=v.opp.pk).update(
        status=Opp.Status.VASTGESTELD, vastgesteld_op=timezone.now()
    )
    nieuwe_versie(v.opp, door=v.coordinator, reden="Evaluatie")
    v.registreer()
    antwoord(client, v.moeder, overdrachtsvraag(v, v.moeder))
    antwoord(client, v.vader, overdrachtsvraag(v, v.vader))
    login_verified(client, v.coordinator)
    url = reverse("opp:opp_vergelijken", args=[v.opp.uuid])
    verborgen, ontbrekend = client.get(url + "?met=2"), client.get(url + "?met=9")
    assert verborgen.status_code == ontbrekend.status_code == 200
    assert verborgen.context["geen_andere"] and ontbrekend.context["geen_andere"]


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
