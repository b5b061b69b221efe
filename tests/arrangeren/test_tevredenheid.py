"""One short question to the parents after an MDO (docs/monitor.md): each parent with
custody answers once, or skips; nobody else can; only aggregates leave the table."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Notificatie, Toegangslog
from arrangeren.route.models import Tevredenheid
from arrangeren.route.services import tevredenheid as services
from tests.accounts.permissiematrix.kwargs import _sam_mdo
from tests.arrangeren.route_helpers import schrijf_verslag
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def gehouden_mdo(db):
    """Sam's MDO, held: the chair made the report final."""
    mdo = _sam_mdo()
    schrijf_verslag(mdo.traject, mdo.traject.geopend_door, vaststellen=True)
    mdo.refresh_from_db()
    return mdo


def _url(mdo, naam="arrangeren:tevredenheid"):
    return reverse(naam, args=[mdo.uuid])


def test_both_parents_with_custody_are_asked_once_the_report_is_final(gehouden_mdo):
    gevraagd = set(
        Notificatie.objects.filter(
            soort="mdo_tevredenheid", onderwerp=gehouden_mdo.uuid
        ).values_list("ontvanger__email", flat=True)
    )
    assert gevraagd == {"ouder@demo.nl", "ouder2@demo.nl"}


def test_a_planned_mdo_asks_nothing_and_its_question_page_is_404(login):
    mdo = _sam_mdo()
    assert not Notificatie.objects.filter(soort="mdo_tevredenheid").exists()
    assert login("ouder@demo.nl").get(_url(mdo)).status_code == 404


def test_the_parent_sees_the_question_on_the_start_page_and_answers_it(login, gehouden_mdo):
    client = login("ouder@demo.nl")
    start = client.get(reverse("home"))
    assert _url(gehouden_mdo) in start.content.decode()

    pagina = client.get(_url(gehouden_mdo))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Hoe tevreden bent u over het overleg over uw kind?" in html
    assert "<legend" in html and 'type="radio"' in html
    assert Toegangslog.objects.filter(
        gebruiker__email="ouder@demo.nl", onderdeel="Vraag na het MDO"
    ).exists()

    antwoord = client.post(_url(gehouden_mdo), {"score": "4", "opmerking": "Fijn overleg."})
    assert antwoord.status_code == 302
    rij = Tevredenheid.objects.get(mdo=gehouden_mdo, ouder__email="ouder@demo.nl")
    assert (rij.score, rij.opmerking) == (4, "Fijn overleg.")
    assert _url(gehouden_mdo) not in client.get(reverse("home")).content.decode()


def test_a_second_answer_is_refused_and_the_first_stands(login, gehouden_mdo):
    client = login("ouder@demo.nl")
    client.post(_url(gehouden_mdo), {"score": "2"})
    tweede = client.post(_url(gehouden_mdo), {"score": "5"}, follow=True)
    assert "al beantwoord" in tweede.content.decode()
    scores = Tevredenheid.objects.filter(mdo=gehouden_mdo).values_list("score", flat=True)
    assert list(scores) == [2]
    with pytest.raises(ValidationError):
        services.beantwoord(gehouden_mdo, user_by_email("ouder@demo.nl"), 5)


def test_each_parent_answers_for_themselves(login, gehouden_mdo):
    login("ouder@demo.nl").post(_url(gehouden_mdo), {"score": "5"})
    login("ouder2@demo.nl").post(_url(gehouden_mdo), {"score": "3"})
    assert Tevredenheid.objects.filter(mdo=gehouden_mdo).count() == 2


def test_skipping_is_remembered_and_not_asked_again(login, gehouden_mdo):
    client = login("ouder@demo.nl")
    assert client.post(_url(gehouden_mdo, "arrangeren:tevredenheid_overslaan")).status_code == 302
    rij = Tevredenheid.objects.get(mdo=gehouden_mdo, ouder__email="ouder@demo.nl")
    assert rij.overgeslagen
    assert _url(gehouden_mdo) not in client.get(reverse("home")).content.decode()


def test_no_score_shows_the_error_at_the_question(login, gehouden_mdo):
    pagina = login("ouder@demo.nl").post(_url(gehouden_mdo), {"opmerking": "x"})
    assert pagina.status_code == 200
    assert "Kies hoe tevreden u bent" in pagina.content.decode()
    assert not Tevredenheid.objects.filter(mdo=gehouden_mdo).exists()


def test_a_comment_over_1000_characters_is_refused(login, gehouden_mdo):
    pagina = login("ouder@demo.nl").post(
        _url(gehouden_mdo), {"score": "3", "opmerking": "x" * 1001}
    )
    assert pagina.status_code == 200
    assert not Tevredenheid.objects.filter(mdo=gehouden_mdo).exists()


@pytest.mark.parametrize("email", ["ouder.andere@demo.nl", "ib@demo.nl", "swv@demo.nl"])
def test_another_parent_or_staff_cannot_see_or_answer(login, gehouden_mdo, email):
    client = login(email)
    assert client.get(_url(gehouden_mdo)).status_code == 404
    assert client.post(_url(gehouden_mdo), {"score": "1"}).status_code == 404
    assert client.post(_url(gehouden_mdo, "arrangeren:tevredenheid_overslaan")).status_code == 404
    assert not Tevredenheid.objects.filter(mdo=gehouden_mdo).exists()


def test_a_parent_without_custody_is_not_asked(login, gehouden_mdo):
    from accounts.models import Gezag

    Gezag.objects.filter(ouder__email="ouder2@demo.nl").update(heeft_gezag=False)
    assert login("ouder2@demo.nl").get(_url(gehouden_mdo)).status_code == 404


def test_the_answer_counts_in_the_monitor_without_the_parent(login, gehouden_mdo):
    from django.utils import timezone

    from arrangeren.jeugdhulp.monitor import queries

    gebied = queries.Gebied(None, "de hele regio")
    periode = queries.schooljaren(timezone.localdate())[0]
    swv = gehouden_mdo.traject.leerling.school.swv_id
    voor = queries.tevredenheid(gebied, periode).get(swv, {}).get("aantal")
    login("ouder@demo.nl").post(_url(gehouden_mdo), {"score": "5"})
    na = queries.tevredenheid(gebied, periode)[swv]["aantal"]
    assert na.n == (voor.n if voor else 0) + 1
    html = login("leerplicht@demo.nl").get(reverse("arrangeren:regiomonitor")).content.decode()
    assert "Ellen de Vries" not in html and "Sam de Vries" not in html
