"""The MDO slot poll (issue 15, part 3): proposing times in one go, one mail per invitee,
each invitee's own answers, the table of who can when, late invitees, and the chosen time
announced once (docs/route.md, "Choosing the time")."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Informatiesoort, Lidmaatschap, Organisatie, Toestemming
from accounts.rollen import Rol
from accounts.services import beantwoord_toestemming
from arrangeren.route.models import Beschikbaarheid, Genodigde, Mdo, Tijdslot
from arrangeren.route.services import (
    open_traject,
    plan_mdo,
    stel_tijdsloten_voor,
    voeg_genodigde_toe,
    vraag_toestemming_voor_genodigden,
    wijzig_mdo,
)
from tests.arrangeren.route_helpers import naar_stap_2
from tests.arrangeren.test_route import ALLE_VOORWAARDEN
from tests.conftest import user_by_email
from tests.factories import LidmaatschapFactory


class _Tabel(HTMLParser):
    """The cells' text of the table with this id, row by row (th and td alike)."""

    def __init__(self, tabel_id: str) -> None:
        super().__init__()
        self.tabel_id, self.binnen, self.rijen, self.cel = tabel_id, False, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == self.tabel_id:
            self.binnen = True
        elif self.binnen and tag == "tr":
            self.rijen.append([])
        elif self.binnen and tag in ("td", "th"):
            self.cel = []
        elif self.binnen and tag == "br" and self.cel is not None:
            self.cel.append(" ")

    def handle_endtag(self, tag):
        if tag == "table":
            self.binnen = False
        elif self.binnen and tag in ("td", "th") and self.cel is not None:
            self.rijen[-1].append(" ".join("".join(self.cel).split()))
            self.cel = None

    def handle_data(self, data):
        if self.cel is not None:
            self.cel.append(data)


def tabel(response, tabel_id: str = "peiling") -> list[list[str]]:
    parser = _Tabel(tabel_id)
    parser.feed(response.content.decode())
    return parser.rijen


PREFIX = "[Samenplan] "


def meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def post(client, mdo: Mdo, data: dict):
    """A form of the MDO page sent; the page is then opened, as the browser does after the
    redirect, so each post's messages are its own."""
    response = client.post(url(mdo), data)
    if response.status_code == 302:
        client.get(response.url)
    return response


def url(mdo: Mdo) -> str:
    return reverse("arrangeren:mdo_detail", args=[mdo.uuid])


BEGIN = (timezone.localtime() + timedelta(days=10)).replace(
    hour=9, minute=0, second=0, microsecond=0
)


def rij_data(n: int, dag: int) -> dict:
    achter = "" if n == 1 else f"_{n}"
    datum = (BEGIN + timedelta(days=dag)).date().isoformat()
    return {f"datum{achter}": datum, f"begintijd{achter}": "09:00", f"eindtijd{achter}": "10:00"}


@pytest.fixture
def ib(db):
    return user_by_email("ib@demo.nl")


@pytest.fixture
def traject(sam, ib):
    namens = Lidmaatschap.objects.get(user=ib, organisatie=sam.school)
    traject = open_traject(leerling=sam, door=ib, namens=namens, voorwaarden=ALLE_VOORWAARDEN)
    return naar_stap_2(traject, ib)


@pytest.fixture
def open_mdo(traject, ib):
    return plan_mdo(traject, {"doel": "Overleg", "planning": "kiezen", "locatie": "Aula"}, door=ib)


@pytest.fixture
def gepeild(open_mdo, ib, django_capture_on_commit_callbacks):
    """Three times proposed; the mail is cleared."""
    tijden = [(BEGIN + timedelta(days=d), BEGIN + timedelta(days=d, hours=1)) for d in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        stel_tijdsloten_voor(open_mdo, tijden, door=ib)
    mail.outbox.clear()
    return open_mdo


def antwoord(client, login, mdo, persona: str, *antwoorden: str):
    """`persona` answers every time of `mdo`, in order, through the page's form."""
    login(persona)
    data = {"actie": "beschikbaarheid"}
    for slot, keuze in zip(mdo.tijdsloten.all(), antwoorden, strict=True):
        data[f"slot_{slot.pk}"] = keuze
    return post(client, mdo, data)


def antwoorden_van(mdo, persona: str) -> list[bool | None]:
    genodigde = mdo.genodigden.get(user__email=persona)
    kan = dict(Beschikbaarheid.objects.filter(genodigde=genodigde).values_list("tijdslot", "kan"))
    return [kan.get(slot.pk) for slot in mdo.tijdsloten.all()]


# One mail for a batch of times ------------------------------------------------------------


def test_proposing_several_times_in_one_go_mails_each_invitee_once(
    client, login, open_mdo, django_capture_on_commit_callbacks
):
    login("ib@demo.nl")
    data = {"actie": "tijd_voorstellen", **rij_data(1, 0), **rij_data(2, 1), **rij_data(3, 2)}
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, open_mdo, data)
    assert meldingen(response) == [
        "De 3 tijden zijn voorgesteld; elke genodigde krijgt één e-mail."
    ]
    assert open_mdo.tijdsloten.count() == 3
    # The parents and the mentor, once each; not the coördinator who proposed them.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "mentor@demo.nl",
        "ouder2@demo.nl",
        "ouder@demo.nl",
    ]
    assert {m.subject for m in mail.outbox} == {f"{PREFIX}Wanneer kunt u bij het overleg zijn?"}
    gevraagd = open_mdo.genodigden.filter(tijden_gevraagd_op__isnull=False)
    assert gevraagd.count() == 4  # the coördinator counts as asked: she answers on the page


def test_an_incomplete_time_is_refused_in_dutch_and_nothing_is_proposed(
    client, login, open_mdo, django_capture_on_commit_callbacks
):
    login("ib@demo.nl")
    data = {"actie": "tijd_voorstellen", **rij_data(1, 0), "datum_2": "2030-01-01"}
    data["begintijd_3"] = "25:00"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, open_mdo, data)
    tekst = " ".join(meldingen(response))
    assert "Tijd 2: vul de datum, de begintijd en de eindtijd in." in tekst
    assert "Begintijd (tijd 3): Dit is geen geldige datum of tijd." in tekst
    assert not open_mdo.tijdsloten.exists() and not mail.outbox


def test_proposing_nothing_or_a_time_already_proposed_is_refused(client, login, gepeild):
    login("ib@demo.nl")
    leeg = post(client, gepeild, {"actie": "tijd_voorstellen"})
    assert meldingen(leeg) == [
        "Vul bij minstens één tijd de datum, de begintijd en de eindtijd in."
    ]
    dubbel = post(client, gepeild, {"actie": "tijd_voorstellen", **rij_data(1, 0)})
    assert meldingen(dubbel) == ["Deze tijd is al voorgesteld; er is niemand opnieuw gevraagd."]
    assert gepeild.tijdsloten.count() == 3 and not mail.outbox


# Each invitee's own answers ------------------------------------------------------------------


def test_the_parent_sees_her_answers_and_changes_them_in_one_submit(client, login, gepeild):
    response = antwoord(client, login, gepeild, "ouder@demo.nl", "kan", "kan_niet", "kan")
    assert meldingen(response) == [
        "Dank u wel, uw antwoorden zijn opgeslagen. U kunt ze wijzigen tot de tijd van het "
        "MDO is gekozen."
    ]
    assert antwoorden_van(gepeild, "ouder@demo.nl") == [True, False, True]

    pagina = client.get(url(gepeild)).content.decode()
    eerste, tweede, _ = gepeild.tijdsloten.all()
    assert f'value="kan" id="slot-{eerste.pk}-kan" required checked' in pagina
    assert f'value="kan_niet" id="slot-{tweede.pk}-kan-niet" required checked' in pagina

    antwoord(client, login, gepeild, "ouder@demo.nl", "kan_niet", "kan", "kan")
    assert antwoorden_van(gepeild, "ouder@demo.nl") == [False, True, True]
    # Her own row in the table says it in words.
    rijen = tabel(client.get(url(gepeild)))
    eigen = next(r for r in rijen if r[0].endswith("(u) Ouder / verzorger"))
    assert eigen[1:] == ["✗ Kan niet", "✓ Kan", "✓ Kan"]


def test_a_missing_or_unknown_answer_is_refused_in_dutch_and_nothing_is_saved(
    client, login, gepeild
):
    login("ouder@demo.nl")
    eerste, tweede, _ = gepeild.tijdsloten.all()
    response = client.post(
        url(gepeild),
        {"actie": "beschikbaarheid", f"slot_{eerste.pk}": "kan", f"slot_{tweede.pk}": "wel"},
    )
    tekst = " ".join(meldingen(response))
    assert "kies Ik kan of Ik kan niet." in tekst
    assert "geef aan of u dan kunt." in tekst
    assert antwoorden_van(gepeild, "ouder@demo.nl") == [None, None, None]


def test_answers_are_closed_once_the_time_is_chosen(client, login, gepeild):
    antwoord(client, login, gepeild, "ouder@demo.nl", "kan", "kan", "kan")
    login("ib@demo.nl")
    gekozen = gepeild.tijdsloten.first()
    versie = Mdo.objects.get(pk=gepeild.pk).versie
    post(client, gepeild, {"actie": "tijd_kiezen", "tijdslot": gekozen.pk, "versie": versie})
    response = antwoord(client, login, gepeild, "ouder@demo.nl", "kan_niet", "kan", "kan")
    assert meldingen(response) == [
        "De tijd van het MDO is al gekozen; uw antwoord kan niet meer worden gewijzigd."
    ]
    assert antwoorden_van(gepeild, "ouder@demo.nl") == [True, True, True]
    assert 'name="actie" value="beschikbaarheid"' not in client.get(url(gepeild)).content.decode()


def test_someone_not_invited_or_out_of_reach_gets_404(client, login, gepeild):
    slot = gepeild.tijdsloten.first()
    data = {"actie": "beschikbaarheid", f"slot_{slot.pk}": "kan"}
    login("ouder.andere@demo.nl")  # another pupil's parent
    assert client.post(url(gepeild), data).status_code == 404
    login("jeugdteam@demo.nl")  # not invited, no consent
    assert client.post(url(gepeild), data).status_code == 404
    login("mentor@demo.nl")  # choosing is for whoever edits the traject
    kiezen = {"actie": "tijd_kiezen", "tijdslot": slot.pk, "versie": 1}
    assert client.post(url(gepeild), kiezen).status_code == 404
    assert not Beschikbaarheid.objects.exists()
    assert Mdo.objects.get(pk=gepeild.pk).start is None


# The table ---------------------------------------------------------------------------------


def test_the_coordinator_sees_who_answered_what_with_totals_per_time(client, login, gepeild):
    antwoord(client, login, gepeild, "ouder@demo.nl", "kan", "kan_niet", "kan")
    antwoord(client, login, gepeild, "mentor@demo.nl", "kan_niet", "kan_niet", "kan")
    login("ib@demo.nl")
    response = client.get(url(gepeild))
    pagina = response.content.decode()
    assert "<caption" in pagina and 'scope="col"' in pagina and 'scope="row"' in pagina
    rijen = {r[0]: r[1:] for r in tabel(response)}
    ouder, mentor, ouder2 = (
        user_by_email(f"{p}@demo.nl").naam for p in ("ouder", "mentor", "ouder2")
    )
    assert rijen[f"{ouder} Ouder / verzorger"] == ["✓ Kan", "✗ Kan niet", "✓ Kan"]
    assert rijen[f"{mentor} School"] == ["✗ Kan niet", "✗ Kan niet", "✓ Kan"]
    assert rijen[f"{ouder2} Ouder / verzorger"] == ["Nog geen antwoord"] * 3
    assert rijen["Totaal"] == [
        "Kan: 1 Kan niet: 1 Nog geen antwoord: 2",
        "Kan: 0 Kan niet: 2 Nog geen antwoord: 2",
        "Kan: 2 Kan niet: 0 Nog geen antwoord: 2",
    ]


def test_a_parent_sees_every_answer_as_she_sees_every_reply(client, login, gepeild):
    antwoord(client, login, gepeild, "mentor@demo.nl", "kan", "kan", "kan_niet")
    login("ouder2@demo.nl")
    rijen = {r[0]: r[1:] for r in tabel(client.get(url(gepeild)))}
    mentor = user_by_email("mentor@demo.nl").naam
    assert rijen[f"{mentor} School"] == ["✓ Kan", "✓ Kan", "✗ Kan niet"]


def test_an_outsider_sees_her_own_row_and_the_totals_not_the_others(
    client,
    login,
    gepeild,
    ib,
):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    organisatie = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    voeg_genodigde_toe(gepeild, jeugdteam, organisatie, door=ib)
    geef_toestemming(gepeild, ib)
    antwoord(client, login, gepeild, "ouder@demo.nl", "kan", "kan", "kan")
    antwoord(client, login, gepeild, "jeugdteam@demo.nl", "kan_niet", "kan", "kan")
    rijen = tabel(client.get(url(gepeild)))
    assert [r[0] for r in rijen] == [
        "Genodigde",
        f"{jeugdteam.naam} (u) Externe deelnemer",
        "Totaal",
    ]
    assert rijen[1][1:] == ["✗ Kan niet", "✓ Kan", "✓ Kan"]
    assert rijen[2][1] == "Kan: 1 Kan niet: 1 Nog geen antwoord: 3"


# Late invitees ------------------------------------------------------------------------------


def geef_toestemming(mdo, ib):
    vraag_toestemming_voor_genodigden(mdo, [Informatiesoort.MDO_DEELNAME], door=ib)
    for rij in Toestemming.objects.filter(
        leerling=mdo.traject.leerling, status=Toestemming.Status.GEVRAAGD
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)


def test_an_outsider_is_asked_once_the_parents_consent(
    gepeild,
    ib,
    django_capture_on_commit_callbacks,
):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    organisatie = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    with django_capture_on_commit_callbacks(execute=True):
        voeg_genodigde_toe(gepeild, jeugdteam, organisatie, door=ib)
    # No consent yet: not asked.
    assert not [m for m in mail.outbox if m.to == ["jeugdteam@demo.nl"]]
    with django_capture_on_commit_callbacks(execute=True):
        geef_toestemming(gepeild, ib)
    poll = [
        m
        for m in mail.outbox
        if m.to == ["jeugdteam@demo.nl"]
        and m.subject == f"{PREFIX}Wanneer kunt u bij het overleg zijn?"
    ]
    assert len(poll) == 1  # after both parents' answers, once
    assert gepeild.genodigden.get(user=jeugdteam).tijden_gevraagd_op is not None
    # Nobody else is asked again.
    assert [m.to for m in mail.outbox if "Wanneer kunt u" in m.subject] == [["jeugdteam@demo.nl"]]


def test_a_colleague_added_after_the_times_went_out_is_asked_at_once(
    gepeild,
    ib,
    django_capture_on_commit_callbacks,
):
    school = gepeild.traject.leerling.school
    lid = LidmaatschapFactory(organisatie=school, rol=Rol.LEERKRACHT)
    with django_capture_on_commit_callbacks(execute=True):
        voeg_genodigde_toe(gepeild, lid.user, school, door=ib)
    assert [m.to for m in mail.outbox] == [[lid.user.email]]


def test_a_late_invitee_is_not_asked_once_the_time_is_chosen(
    client,
    login,
    gepeild,
    ib,
    django_capture_on_commit_callbacks,
):
    login("ib@demo.nl")
    slot = gepeild.tijdsloten.first()
    post(client, gepeild, {"actie": "tijd_kiezen", "tijdslot": slot.pk, "versie": 1})
    mail.outbox.clear()
    school = gepeild.traject.leerling.school
    lid = LidmaatschapFactory(organisatie=school, rol=Rol.LEERKRACHT)
    with django_capture_on_commit_callbacks(execute=True):
        voeg_genodigde_toe(gepeild, lid.user, school, door=ib)
    assert not [m for m in mail.outbox if "Wanneer kunt u" in m.subject]


# The chosen time, announced once -----------------------------------------------------------


def test_the_chosen_time_is_announced_once_with_its_calendar_file(
    client,
    login,
    gepeild,
    ib,
    django_capture_on_commit_callbacks,
):
    login("ib@demo.nl")
    slot = gepeild.tijdsloten.all()[1]
    kiezen = {"actie": "tijd_kiezen", "tijdslot": slot.pk, "versie": 1}
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, gepeild, kiezen)
    assert "De datum en tijd van het MDO liggen vast" in meldingen(response)[0]
    mdo = Mdo.objects.get(pk=gepeild.pk)
    assert (mdo.start, mdo.status) == (slot.start, Mdo.Status.UITGENODIGD)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "mentor@demo.nl",
        "ouder2@demo.nl",
        "ouder@demo.nl",
    ]
    for bericht in mail.outbox:
        assert bericht.subject == f"{PREFIX}Uitnodiging voor een MDO"
        assert [a[0] for a in bericht.attachments] == ["mdo.ics"]
    mail.outbox.clear()

    # The same choice again (a second click, the back button), the invite button, the
    # edit form saved unchanged: nothing is announced twice.
    with django_capture_on_commit_callbacks(execute=True):
        opnieuw = post(client, gepeild, {**kiezen, "versie": mdo.versie})
        uitnodigen = post(client, gepeild, {"actie": "uitnodigen"})
        wijzig_mdo(
            mdo,
            {"start": mdo.start, "eind": mdo.eind, "locatie": mdo.locatie},
            door=ib,
            versie=mdo.versie,
        )
    assert meldingen(opnieuw) == [
        "De tijd van dit MDO ligt al vast. Verplaatsen kan via Gegevens van het MDO wijzigen; "
        "de genodigden krijgen dan een gewijzigde afspraak."
    ]
    assert meldingen(uitnodigen) == [
        "De uitnodigingen waren al verstuurd; er is niets opnieuw verstuurd."
    ]
    assert mail.outbox == []
    # The table marks the chosen time and offers no more choosing.
    pagina = client.get(url(gepeild))
    assert "Gekozen" in tabel(pagina)[0][2]
    assert 'value="tijd_kiezen"' not in pagina.content.decode()


def test_an_outsider_without_consent_is_left_for_the_invite_button(
    client,
    login,
    gepeild,
    ib,
    django_capture_on_commit_callbacks,
):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    organisatie = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    voeg_genodigde_toe(gepeild, jeugdteam, organisatie, door=ib)
    login("ib@demo.nl")
    slot = gepeild.tijdsloten.first()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, gepeild, {"actie": "tijd_kiezen", "tijdslot": slot.pk, "versie": 1})
    assert "jeugdteam@demo.nl" not in [m.to[0] for m in mail.outbox]
    assert gepeild.genodigden.get(user=jeugdteam).uitgenodigd_op is None


# Query budget --------------------------------------------------------------------------------


def _groei(mdo: Mdo, personen: int, tijden: int) -> None:
    school = mdo.traject.leerling.school
    for _ in range(personen):
        lid = LidmaatschapFactory(organisatie=school, rol=Rol.LEERKRACHT)
        Genodigde.objects.create(mdo=mdo, user=lid.user, organisatie=school, rol="school")
    laatste = mdo.tijdsloten.order_by("start").last().start
    for i in range(1, tijden + 1):
        start = laatste + timedelta(days=i)
        Tijdslot.objects.create(mdo=mdo, start=start, eind=start + timedelta(hours=1))
    Beschikbaarheid.objects.bulk_create(
        Beschikbaarheid(tijdslot=slot, genodigde=g, kan=(slot.pk + g.pk) % 2 == 0)
        for slot in mdo.tijdsloten.all()
        for g in mdo.genodigden.all()
        if not Beschikbaarheid.objects.filter(tijdslot=slot, genodigde=g).exists()
    )


def _tel(client, mdo: Mdo) -> int:
    client.get(url(mdo))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(mdo))
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["ib@demo.nl", "ouder@demo.nl"])
def test_the_poll_costs_the_mdo_page_three_queries_whatever_its_size(
    client, login, open_mdo, ib, persona, django_capture_on_commit_callbacks
):
    login(persona)
    zonder = _tel(client, open_mdo)
    tijden = [(BEGIN + timedelta(days=d), BEGIN + timedelta(days=d, hours=1)) for d in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        stel_tijdsloten_voor(open_mdo, tijden, door=ib)
    klein = _tel(client, open_mdo)
    _groei(open_mdo, personen=12, tijden=5)
    groot = _tel(client, open_mdo)
    # The head, 16 invitees, the totals (and for the coördinator the row to choose).
    rijen = 19 if persona == "ib@demo.nl" else 18
    koppen = [r[0] for r in tabel(client.get(url(open_mdo)))]
    assert len(koppen) == rijen, koppen
    # The times, every answer, and the parents whose custody ended: no more.
    assert klein - zonder <= 3, (zonder, klein)
    assert groot == klein, (klein, groot)
