"""The handover of a move: nothing moves before the parents agree; after, the running
work is the new school's; a refusal keeps everything apart."""

from django.urls import reverse

from accounts.models import Informatiesoort, Leerling, Overstap, Toestemming
from accounts.overstap import draag_over
from accounts.rollen import Rol
from accounts.services import sync_toegang
from arrangeren.route.models import Regieoverdracht, Traject
from opp.models import Opp
from tests.accounts.overstap.helpers import antwoord, detail, overdrachtsvraag
from tests.accounts.overstap_helpers import (
    coordinator_nieuw,
    jeugdteam,
)
from tests.conftest import login_verified, user_by_email
from tests.factories import LidmaatschapFactory

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
    from arrangeren.route.services import open_traject
    from arrangeren.route.stappen import Voorwaarde
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
