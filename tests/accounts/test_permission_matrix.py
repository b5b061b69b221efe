"""Every named URL of the project x every persona.

Adding a URL without an entry here fails `test_every_named_url_has_a_matrix_entry`:
whoever adds a view decides, in this table, who may reach it.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Leerling, Toegangslog
from tests.accounts import beheer_helpers, import_helpers
from tests.conftest import PERSONAS, login_verified, user_by_email

ANONIEM = "anoniem"
IEDEREEN = [ANONIEM, *PERSONAS]
SAM_KRING = {"ib@demo.nl", "mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"}
OUDERS = {"ouder@demo.nl", "ouder2@demo.nl", "ouder.andere@demo.nl"}


def sam_kwargs():
    return {"uuid": Leerling.objects.get(voornaam="Sam", achternaam="Vries").uuid}


def overstap_oud_kwargs():
    from accounts.demo_overstap import DEMO_OVERSTAP_OUD

    return {"uuid": DEMO_OVERSTAP_OUD}


def _sam_traject():
    from accounts.models import Lidmaatschap
    from arrangeren.models import Traject
    from arrangeren.services import open_traject
    from arrangeren.stappen import Voorwaarde

    sam = Leerling.objects.get(voornaam="Sam", achternaam="Vries")
    bestaand = Traject.objects.filter(leerling=sam).first()
    if bestaand:
        return bestaand
    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    return open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )


def _sam_mdo():
    from datetime import timedelta

    from django.utils import timezone

    from arrangeren.services import plan_mdo, verstuur_uitnodigingen

    traject = _sam_traject()
    if traject.mdos.exists():
        return traject.mdos.get()
    from tests.arrangeren.route_helpers import naar_stap_2

    naar_stap_2(traject, traject.geopend_door)
    start = timezone.now() + timedelta(days=10)
    mdo = plan_mdo(
        traject,
        {"doel": "Plan", "start": start, "eind": start + timedelta(hours=1), "locatie": "School"},
        door=traject.geopend_door,
    )
    verstuur_uitnodigingen(mdo, door=traject.geopend_door)
    return mdo


def opp_kwargs():
    from opp.models import Opp

    return {"uuid": Opp.objects.get(leerling__voornaam="Sam", versie=1).uuid}


def bijlage_kwargs():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opp.models import Opp
    from opp.services import voeg_bijlage_toe

    opp = Opp.objects.get(leerling__voornaam="Sam", versie=1)
    bestand = SimpleUploadedFile("gezinsplan.pdf", b"%PDF-1.4 gezinsplan", "application/pdf")
    return {"uuid": voeg_bijlage_toe(opp, "Gezinsplan", bestand, door=opp.gemaakt_door).uuid}


def jeugdhulp_traject_kwargs():
    from tests.arrangeren.jeugdhulp_helpers import traject_met_jeugdteam

    return {"uuid": traject_met_jeugdteam().uuid}


def jeugdhulp_kwargs():
    from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam

    return {"uuid": begeleiding(traject_met_jeugdteam()).uuid}


def thuiszitter_kwargs():
    from fasenmodel.demo import DEMO_THUISZITTER_REGENBOOG

    return {"uuid": DEMO_THUISZITTER_REGENBOOG}


def tlv_kwargs(naam):
    def kwargs():
        from arrangeren import demo

        return {"uuid": getattr(demo, naam)}

    return kwargs


def tlv_bijlage_kwargs():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from arrangeren import services
    from arrangeren.demo import DEMO_TLV_CONCEPT
    from arrangeren.models import TlvAanvraag

    bijlage = services.voeg_tlv_bijlage_toe(
        TlvAanvraag.objects.get(uuid=DEMO_TLV_CONCEPT),
        "Advies",
        SimpleUploadedFile("advies.pdf", b"%PDF-1.4 advies", "application/pdf"),
        door=user_by_email("ib@demo.nl"),
    )
    return {"uuid": bijlage.uuid}


def traject_kwargs():
    return {"uuid": _sam_traject().uuid}


def mdo_kwargs():
    return {"uuid": _sam_mdo().uuid}


def stuk_kwargs():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from arrangeren.services import upload_stuk

    mdo = _sam_mdo()
    bestand = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 testinhoud", "application/pdf")
    return {"uuid": upload_stuk(mdo, "Verslag", bestand, door=mdo.voorzitter).uuid}


def mislukt_bericht_van(email):
    from accounts.models import Bericht

    return Bericht.objects.create(
        aan="onbekend@voorbeeld.nl",
        onderwerp="Uitnodiging voor een MDO",
        tekst="Tekst",
        sjabloon="arrangeren/email/uitnodiging.txt",
        status=Bericht.Status.MISLUKT,
        pogingen=6,
        veroorzaakt_door=user_by_email(email),
    )


@dataclass
class Entry:
    """Expected status per persona; `default` for personas not listed."""

    default: int
    anoniem: int = 302
    per_persona: dict[str, int] = field(default_factory=dict)
    method: str = "get"
    kwargs: object = None
    logs_leerling: bool = False

    def expected(self, persona: str) -> int:
        if persona == ANONIEM:
            return self.anoniem
        return self.per_persona.get(persona, self.default)


def only(personas, status, otherwise):
    return {p: (status if p in personas else otherwise) for p in PERSONAS}


MATRIX: dict[str, Entry] = {
    "home": Entry(default=200),
    "healthz": Entry(default=200, anoniem=200),
    "gereed": Entry(default=200, anoniem=200),
    "accounts:login": Entry(default=302, anoniem=200),
    "accounts:logout": Entry(default=302, anoniem=302, method="post"),
    "accounts:verify": Entry(default=302),
    "accounts:resend_code": Entry(default=302, method="post"),
    "accounts:totp_setup": Entry(default=302),
    "accounts:password_reset": Entry(default=200, anoniem=200),
    "accounts:password_reset_done": Entry(default=200, anoniem=200),
    "accounts:password_reset_confirm": Entry(
        default=200, anoniem=200, kwargs=lambda: {"uidb64": "MQ", "token": "ongeldig"}
    ),
    "accounts:password_reset_complete": Entry(default=200, anoniem=200),
    # Activation and e-mail confirmation: the token moves into the session at once; a
    # page without a usable token in the session explains why (400), nothing else.
    "accounts:activeren": Entry(default=302, anoniem=302, kwargs=lambda: {"token": "ongeldig"}),
    "accounts:activeren_form": Entry(default=400, anoniem=400),
    "accounts:account": Entry(default=200),
    "accounts:email_bevestigen": Entry(
        default=302, anoniem=302, kwargs=lambda: {"token": "ongeldig"}
    ),
    "accounts:email_bevestigen_form": Entry(default=400),
    # The schoolbeheerder helps the school's parents in: no case content.
    "accounts:ouders": Entry(default=404, per_persona={"schoolbeheer@demo.nl": 200}),
    "accounts:switch_rol": Entry(default=400, method="post"),
    "accounts:leerling_list": Entry(default=200),
    "accounts:leerling_detail": Entry(
        default=404,
        per_persona=only(SAM_KRING, 200, 404),
        kwargs=sam_kwargs,
        logs_leerling=True,
    ),
    "accounts:toestemmingen": Entry(
        default=404, per_persona=only(OUDERS, 200, 404), logs_leerling=False
    ),
    "accounts:leerling_toestemming": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"}, 200, 404),
        kwargs=sam_kwargs,
        logs_leerling=True,
    ),
    # Moves between schools (docs/overstap.md): leerplicht sees the region's moves, a
    # consulent those of her SWV's schools (the demo move stays within PO-28-01).
    "accounts:overstappen": Entry(
        default=404,
        per_persona=only({"leerplicht@demo.nl", "swv@demo.nl"}, 200, 404),
        logs_leerling=True,
    ),
    # The pupil's own answer about the handover, on the old dossier: the old school's
    # coördinator only (no persona; tests/accounts/test_overstap.py), never the receiving
    # school's (ib@demo.nl).
    "accounts:overstap_leerling_antwoord": Entry(
        default=404, method="post", kwargs=overstap_oud_kwargs
    ),
    # Traject, MDO and report: the school's coördinator edits; Sam's circle reads; the
    # jeugdteam and SWV without the parents' consent, another school's coördinator and
    # the parent of another child get 404.
    "arrangeren:traject_list": Entry(default=200),
    "arrangeren:traject_open": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=sam_kwargs, logs_leerling=True
    ),
    "arrangeren:traject_detail": Entry(
        default=404,
        per_persona=only(SAM_KRING, 200, 404),
        kwargs=traject_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:stap_bewerken": Entry(
        default=404,
        per_persona={"ib@demo.nl": 200},
        kwargs=lambda: {**traject_kwargs(), "stap": 1},
        logs_leerling=True,
    ),
    "arrangeren:regie_overdragen": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=traject_kwargs, logs_leerling=True
    ),
    "arrangeren:mdo_plannen": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=traject_kwargs, logs_leerling=True
    ),
    "arrangeren:traject_actie": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302},
        method="post",
        kwargs=lambda: {**traject_kwargs(), "actie": "afsluiten"},
        logs_leerling=False,
    ),
    "arrangeren:mdo_detail": Entry(
        default=404,
        per_persona=only(SAM_KRING, 200, 404),
        kwargs=mdo_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:mdo_bewerken": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=mdo_kwargs, logs_leerling=True
    ),
    "arrangeren:leerlinggesprek": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=mdo_kwargs, logs_leerling=True
    ),
    # The concept report is for school staff; parents read it once it is final.
    "arrangeren:verslag": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "mentor@demo.nl"}, 200, 404),
        kwargs=mdo_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:stuk_downloaden": Entry(
        default=404,
        per_persona=only(SAM_KRING, 200, 404),
        kwargs=stuk_kwargs,
        logs_leerling=True,
    ),
    # The OPP (Sam's demo OPP waits for signatures): Sam's circle reads it; the
    # coördinator edits; parents with custody write their view; the others get 404.
    "opp:leerling_opp": Entry(
        default=404, per_persona=only(SAM_KRING, 302, 404), kwargs=sam_kwargs
    ),
    "opp:opp_detail": Entry(
        default=404, per_persona=only(SAM_KRING, 200, 404), kwargs=opp_kwargs, logs_leerling=True
    ),
    "opp:opp_bewerken": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=opp_kwargs, logs_leerling=True
    ),
    "opp:opp_actie": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302},
        method="post",
        kwargs=lambda: {**opp_kwargs(), "actie": "doel_toevoegen"},
    ),
    "opp:ondertekenen": Entry(
        default=404, per_persona=only(SAM_KRING, 302, 404), method="post", kwargs=opp_kwargs
    ),
    "opp:visie_ouders": Entry(
        default=404,
        per_persona=only({"ouder@demo.nl", "ouder2@demo.nl"}, 302, 404),
        method="post",
        kwargs=opp_kwargs,
    ),
    "opp:opp_vergelijken": Entry(
        default=404, per_persona=only(SAM_KRING, 200, 404), kwargs=opp_kwargs, logs_leerling=True
    ),
    "opp:opp_pdf": Entry(
        default=404, per_persona=only(SAM_KRING, 200, 404), kwargs=opp_kwargs, logs_leerling=True
    ),
    "opp:bijlage_downloaden": Entry(
        default=404,
        per_persona=only(SAM_KRING, 200, 404),
        kwargs=bijlage_kwargs,
        logs_leerling=True,
    ),
    # Jeugdhulp (with the parents' consent for the jeugdteam): the jeugdteam registers
    # and logs hours; school and parents read; nobody else sees anything.
    "arrangeren:jeugdhulp_registreren": Entry(
        default=404,
        per_persona={"jeugdteam@demo.nl": 200},
        kwargs=jeugdhulp_traject_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:jeugdhulp_detail": Entry(
        default=404,
        per_persona=only(
            {"ib@demo.nl", "ouder@demo.nl", "ouder2@demo.nl", "jeugdteam@demo.nl"}, 200, 404
        ),
        kwargs=jeugdhulp_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:jeugdhulp_actie": Entry(
        default=404,
        per_persona={"jeugdteam@demo.nl": 302},
        method="post",
        kwargs=lambda: {**jeugdhulp_kwargs(), "actie": "uren"},
    ),
    # Fasenmodel: the phase follows the pupil; the thuiszitters register is for
    # leerplicht (region), the SWV (its schools) and the school (own pupils).
    "fasenmodel:leerling_fase": Entry(
        default=404, per_persona=only(SAM_KRING, 200, 404), kwargs=sam_kwargs, logs_leerling=True
    ),
    "fasenmodel:thuiszitters": Entry(
        default=404,
        per_persona=only(
            {"ib@demo.nl", "swv@demo.nl", "leerplicht@demo.nl", "ib.andere@demo.nl"}, 200, 404
        ),
    ),
    "fasenmodel:thuiszitter_nieuw": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "leerplicht@demo.nl", "ib.andere@demo.nl"}, 200, 404),
    ),
    "fasenmodel:thuiszitter_detail": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "swv@demo.nl", "leerplicht@demo.nl"}, 200, 404),
        kwargs=thuiszitter_kwargs,
        logs_leerling=True,
    ),
    "fasenmodel:thuiszitter_bewerken": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "leerplicht@demo.nl"}, 200, 404),
        kwargs=thuiszitter_kwargs,
        logs_leerling=True,
    ),
    "fasenmodel:procesregie": Entry(
        default=404,
        per_persona={"leerplicht@demo.nl": 200},
        kwargs=thuiszitter_kwargs,
        logs_leerling=True,
    ),
    "fasenmodel:overzicht": Entry(
        default=404, per_persona=only({"swv@demo.nl", "leerplicht@demo.nl"}, 200, 404)
    ),
    # TLV: the school prepares, the SWV of the school's own SWV decides, parents read.
    "arrangeren:tlv_lijst": Entry(default=200),
    "arrangeren:tlv_overzicht": Entry(default=404, per_persona={"swv@demo.nl": 200}),
    "arrangeren:tlv_export": Entry(default=404, per_persona={"swv@demo.nl": 200}),
    "arrangeren:tlv_nieuw": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=traject_kwargs, logs_leerling=True
    ),
    "arrangeren:tlv_detail": Entry(
        default=404,
        per_persona={"ib@demo.nl": 200, "swv@demo.nl": 200},
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
        logs_leerling=True,
    ),
    "arrangeren:tlv_bewerken": Entry(
        default=404,
        per_persona={"ib@demo.nl": 200},
        kwargs=tlv_kwargs("DEMO_TLV_CONCEPT"),
        logs_leerling=True,
    ),
    "arrangeren:tlv_besluit": Entry(
        default=404,
        per_persona={"swv@demo.nl": 200},
        kwargs=tlv_kwargs("DEMO_TLV_TOEGEKEND"),
        logs_leerling=True,
    ),
    # An attachment of the school's draft: the SWV sees it only once submitted.
    "arrangeren:tlv_bijlage": Entry(
        default=404,
        per_persona={"ib@demo.nl": 200},
        kwargs=tlv_bijlage_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:tlv_actie": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=lambda: {**tlv_kwargs("DEMO_TLV_INGEDIEND")(), "actie": "in_behandeling"},
    ),
    "accounts:toegangslog": Entry(default=403, per_persona={"beheer@demo.nl": 200}),
    # Scheduled runs (docs/productie.md): counts only, no pupil data.
    "accounts:taken": Entry(default=404, per_persona={"beheer@demo.nl": 200}),
    # E-mail not delivered: everyone's own list (often empty); the causer and the region's
    # beheerder send a failed message again, anyone else gets 404.
    "accounts:berichten_niet_afgeleverd": Entry(default=200),
    "accounts:bericht_opnieuw_versturen": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302, "beheer@demo.nl": 302},
        method="post",
        kwargs=lambda: {"uuid": mislukt_bericht_van("ib@demo.nl").uuid},
    ),
    # The pupil import (docs/import.md): De Regenboog's own beheerder only. The preview
    # names the pupils it would change (here Sam): one log row.
    "accounts:import_upload": Entry(default=404, per_persona={"schoolbeheer@demo.nl": 200}),
    "accounts:import_detail": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 200},
        kwargs=import_helpers.voorbeeld_kwargs,
        logs_leerling=True,
    ),
    "accounts:import_bevestigen": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 302},
        method="post",
        kwargs=import_helpers.voorbeeld_kwargs,
    ),
    "accounts:import_annuleren": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 302},
        method="post",
        kwargs=import_helpers.voorbeeld_kwargs,
    ),
    # Roles per organisation (docs/beheer.md): the organisation's own beheerder, acting
    # for De Regenboog, manages its people; the region only organisations and their first
    # beheerder. Everyone else gets 404; none of these pages shows pupil data.
    "accounts:beheer_organisatie": Entry(default=404, per_persona={"schoolbeheer@demo.nl": 200}),
    "accounts:beheer_uitnodigen": Entry(
        default=404, per_persona={"schoolbeheer@demo.nl": 200}, method="post"
    ),
    "accounts:beheer_bevestigen": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 302},
        method="post",
        kwargs=beheer_helpers.voorstel_kwargs,
    ),
    "accounts:beheer_afwijzen": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 302},
        method="post",
        kwargs=beheer_helpers.voorstel_kwargs,
    ),
    "accounts:beheer_beeindigen": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 302},
        method="post",
        kwargs=beheer_helpers.mentor_lidmaatschap_kwargs,
    ),
    # The organisation's own beheerder names its contact (an empty form: 200 with errors).
    "accounts:beheer_contactpersoon": Entry(
        default=404, per_persona={"schoolbeheer@demo.nl": 200}, method="post"
    ),
    "accounts:beheer_opnieuw_uitnodigen": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 302},
        method="post",
        kwargs=beheer_helpers.uitgenodigde_kwargs,
    ),
    # Only the proposer withdraws (here: a proposal by the schoolbeheerder).
    "accounts:intrekken": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 302},
        method="post",
        kwargs=beheer_helpers.eigen_voorstel_kwargs,
    ),
    "accounts:regio_organisaties": Entry(default=404, per_persona={"beheer@demo.nl": 200}),
    "accounts:regio_organisatie": Entry(
        default=404, per_persona={"beheer@demo.nl": 200}, kwargs=beheer_helpers.regenboog_kwargs
    ),
    "accounts:regio_eerste_beheerder": Entry(
        default=404,
        per_persona={"beheer@demo.nl": 200},
        method="post",
        kwargs=beheer_helpers.vlieger_kwargs,
    ),
    "accounts:regio_opnieuw_uitnodigen": Entry(
        default=404,
        per_persona={"beheer@demo.nl": 302},
        method="post",
        kwargs=beheer_helpers.regio_uitgenodigde_kwargs,
    ),
    # The region ends a switched-off beheerder's role only; Sophie's is active, so the
    # service refuses with a message (302 back to the page).
    "accounts:regio_beheerdersrol_beeindigen": Entry(
        default=404,
        per_persona={"beheer@demo.nl": 302},
        method="post",
        kwargs=beheer_helpers.regio_beheerdersrol_kwargs,
    ),
    "accounts:regio_contactlink_opnieuw": Entry(
        default=404,
        per_persona={"beheer@demo.nl": 302},
        method="post",
        kwargs=beheer_helpers.eerste_beheerder_kwargs,
    ),
    # The named contact needs no account: the link puts its token in the session and
    # redirects; without a valid token the page says why (400), for everyone alike.
    "accounts:contact_link": Entry(default=302, anoniem=302, kwargs=lambda: {"token": "ongeldig"}),
    "accounts:contact_bevestigen": Entry(default=400, anoniem=400),
    "accounts:contact_afwijzen": Entry(default=400, anoniem=400, method="post"),
    # The admin is the beheerder's; its model pages are checked model by model below.
    "admin:index": Entry(default=302, per_persona={"beheer@demo.nl": 200}),
}


def all_url_names(patterns=None, namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from all_url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_named_url_has_a_matrix_entry():
    names = {name for name in all_url_names() if not name.startswith("admin:")}
    missing = names - MATRIX.keys()
    assert not missing, f"URL zonder rij in de permissiematrix: {sorted(missing)}"
    assert MATRIX.keys() - names - {"admin:index"} == set(), "matrix names unknown URLs"


def request_as(client, persona, name, entry):
    if persona != ANONIEM:
        login_verified(client, user_by_email(persona))
    kwargs = entry.kwargs() if entry.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    return getattr(client, entry.method)(url)


@pytest.mark.parametrize("persona", IEDEREEN)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, db, name, persona):
    entry = MATRIX[name]
    before = Toegangslog.objects.count()
    response = request_as(client, persona, name, entry)
    assert response.status_code == entry.expected(persona), (name, persona)
    if entry.logs_leerling:
        # Data shown means a log row; a 404 or a redirect to login writes none.
        written = Toegangslog.objects.count() - before
        assert written == (1 if response.status_code == 200 else 0)


def test_anonymous_is_sent_to_login_not_shown_anything(client, db):
    response = client.get(reverse("accounts:leerling_detail", kwargs=sam_kwargs()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", ["changelist", "add"])
@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
@pytest.mark.parametrize("persona", IEDEREEN)
def test_admin_model_pages_are_for_the_beheerder_with_model_rights(
    client, db, model, persona, page
):
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{page}")
    if persona == ANONIEM:
        assert client.get(url).status_code == 302
        return
    user = user_by_email(persona)
    login_verified(client, user)
    response = client.get(url)
    perm = "view" if page == "changelist" else "add"
    if not user.is_staff:
        assert response.status_code == 302
    elif user.has_perm(f"{meta.app_label}.{perm}_{meta.model_name}"):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


# The admin gives no roles, makes no accounts and sets no password or e-mail address:
# roles go with four eyes in the app (docs/beheer.md). Tested as a superuser too.
ADMIN_USER = "/beheer/admin/accounts/user/"


@pytest.fixture(params=["beheer@demo.nl", "superuser"])
def admin_client(request, client, db):
    from accounts.models import User

    if request.param == "superuser":
        user = User.objects.create_superuser("root@demo.nl", "x", naam="Root")
    else:
        user = user_by_email(request.param)
    return login_verified(client, user)


def test_admin_makes_no_accounts(admin_client):
    from accounts.models import User

    aantal = User.objects.count()
    assert admin_client.get(f"{ADMIN_USER}add/").status_code == 403
    response = admin_client.post(
        f"{ADMIN_USER}add/",
        {"email": "nieuw@demo.nl", "naam": "Nieuw", "password1": "x", "password2": "x"},
    )
    assert response.status_code == 403
    assert User.objects.count() == aantal


def test_admin_sets_no_password(admin_client):
    from django.urls import NoReverseMatch

    mentor = user_by_email("mentor@demo.nl")
    hash_voor = mentor.password
    with pytest.raises(NoReverseMatch):
        reverse("admin:auth_user_password_change", args=[mentor.pk])
    url = f"{ADMIN_USER}{mentor.pk}/password/"
    assert admin_client.get(url, follow=True).status_code == 200  # the list, no form
    admin_client.post(url, {"password1": "Nieuw-Wachtwoord-42", "password2": "Nieuw-Wachtwoord-42"})
    mentor.refresh_from_db()
    assert mentor.password == hash_voor
    page = admin_client.get(f"{ADMIN_USER}{mentor.pk}/change/").content.decode()
    assert f"{mentor.pk}/password/" not in page and 'name="password' not in page


def test_admin_changes_only_whether_an_account_is_active(admin_client):
    from accounts.models import Lidmaatschap, Organisatie

    mentor = user_by_email("mentor@demo.nl")
    page = admin_client.get(f"{ADMIN_USER}{mentor.pk}/change/").content.decode()
    assert 'name="email"' not in page and 'name="naam"' not in page
    assert 'name="is_active"' in page
    regenboog = Organisatie.objects.get(naam="Basisschool De Regenboog")
    rollen_voor = Lidmaatschap.objects.count()
    admin_client.post(
        f"{ADMIN_USER}{mentor.pk}/change/",
        {
            "email": "ander@demo.nl",
            "naam": "Ander",
            "is_staff": "on",
            "is_superuser": "on",
            "lidmaatschappen-TOTAL_FORMS": "1",
            "lidmaatschappen-INITIAL_FORMS": "0",
            "lidmaatschappen-0-organisatie": regenboog.pk,
            "lidmaatschappen-0-rol": "directeur",
            "_save": "Opslaan",
        },
    )
    mentor.refresh_from_db()
    assert mentor.email == "mentor@demo.nl" and mentor.naam == "Martijn Kok"
    assert not mentor.is_staff and not mentor.is_superuser
    assert not mentor.is_active  # switched off: the one change the admin makes
    assert Lidmaatschap.objects.count() == rollen_voor


def test_admin_has_no_page_for_roles_proposals_events_or_links():
    from accounts.models import Beheergebeurtenis, Emaillink, Lidmaatschap, Roltoekenning

    for model in (Lidmaatschap, Roltoekenning, Beheergebeurtenis, Emaillink):
        assert model not in admin.site._registry


def test_beheerder_cannot_switch_off_her_own_account(login):
    beheer = user_by_email("beheer@demo.nl")
    client = login("beheer@demo.nl")
    page = client.get(f"{ADMIN_USER}{beheer.pk}/change/").content.decode()
    assert 'name="is_active"' not in page


def test_admin_holds_no_pupil_data():
    registered = {model._meta.label for model in admin.site._registry}
    assert "accounts.Leerling" not in registered
    assert "accounts.Gezag" not in registered
    assert "accounts.Toegangslog" not in registered


# Nobody sets another person's second factor in the admin, and no rights go by group.


def test_admin_sets_no_second_factor_and_has_no_groups(admin_client, settings):
    from django.contrib.auth.models import Group

    for model in admin.site._registry:
        assert not model._meta.app_config.name.startswith("django_otp"), model._meta.label
    assert Group not in admin.site._registry
    for pad in [
        "otp_totp/totpdevice/",
        "otp_totp/totpdevice/add/",
        "otp_email/emaildevice/",
        "otp_static/staticdevice/",
        "auth/group/",
        "auth/group/add/",
    ]:
        assert admin_client.get(f"/beheer/admin/{pad}").status_code == 404, pad
    assert settings.OTP_ADMIN_HIDE_SENSITIVE_DATA is True


# What the region's beheerder can do in the admin, written out (docs/beheer.md): the
# test above derives its expectation from her rights, so it cannot catch rights given
# too widely.
REGIO_ADMIN = {
    "accounts.Organisatie": {"view", "add", "change"},
    "accounts.User": {"view", "change"},
    "arrangeren.TlvInstelling": {"view", "add", "change", "delete"},
}


def test_the_regions_admin_rights_are_exactly_these(rf, db):
    from accounts.models import Organisatie, User

    request = rf.get("/beheer/admin/")
    request.user = user_by_email("beheer@demo.nl")
    rechten = {}
    for model, model_admin in admin.site._registry.items():
        mag = {
            "view": model_admin.has_view_permission(request),
            "add": model_admin.has_add_permission(request),
            "change": model_admin.has_change_permission(request),
            "delete": model_admin.has_delete_permission(request),
        }
        if any(mag.values()):
            rechten[model._meta.label] = {recht for recht, ja in mag.items() if ja}
    assert rechten == REGIO_ADMIN
    # On someone else's account the one field she changes is whether it is active.
    mentor = user_by_email("mentor@demo.nl")
    user_form = admin.site._registry[User].get_form(request, mentor)
    assert set(user_form.base_fields) == {"is_active"}
    # An organisation with a beheerder keeps its named contact out of her reach.
    regenboog = Organisatie.objects.get(naam="Basisschool De Regenboog")
    organisatie_form = admin.site._registry[Organisatie].get_form(request, regenboog)
    assert set(organisatie_form.base_fields) == {
        "naam",
        "sector",
        "code",
        "plaats",
        "swv",
        "gemeente",
    }


def test_lockouts_are_seen_in_the_admin_but_not_reset(client, db):
    """Deleting an axes attempt would unlock an account for whoever is guessing its
    password; a lockout ends by itself after AXES_COOLOFF_TIME (docs/beheer.md)."""
    from axes.models import AccessAttempt

    from accounts.models import User

    poging = AccessAttempt.objects.create(
        username="mentor@demo.nl",
        ip_address="10.0.0.1",
        user_agent="test",
        path_info="/inloggen/",
        get_data="",
        post_data="",
        http_accept="*/*",
        failures_since_start=5,
    )
    beheer = login_verified(client, user_by_email("beheer@demo.nl"))
    assert beheer.get("/beheer/admin/axes/accessattempt/").status_code == 403
    root = login_verified(client, User.objects.create_superuser("root@demo.nl", "x", naam="R"))
    lijst = root.get("/beheer/admin/axes/accessattempt/")
    assert lijst.status_code == 200 and "mentor@demo.nl" in lijst.content.decode()
    assert 'name="q"' not in lijst.content.decode()  # no address in a query string
    url = f"/beheer/admin/axes/accessattempt/{poging.pk}/delete/"
    assert root.post(url, {"post": "yes"}).status_code == 403
    root.post(
        "/beheer/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [poging.pk], "post": "yes"},
    )
    assert AccessAttempt.objects.filter(pk=poging.pk).exists()
