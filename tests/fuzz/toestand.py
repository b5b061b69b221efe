"""The objects each fuzzed endpoint is used on, in the state in which its form is shown
(a concept OPP for sending out, a TLV request in treatment for a decision, ...).

The permission matrix's builders (tests/accounts/permissiematrix/kwargs.py) are reused
where their state fits; these add the states the matrix does not need. A builder may put
the user who acts under "als" (someone who is no demo persona, like the old school's
coördinator of a pupil who moved).
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Emaillink, Informatiesoort, Leerling, Organisatie, User
from accounts.models.beheer import token_hash
from tests.accounts.permissiematrix.kwargs import _sam_traject, opp_kwargs
from tests.conftest import user_by_email


def sam() -> Leerling:
    return Leerling.objects.get(voornaam="Sam", achternaam="Vries")


def leerling_zonder_opp_kwargs() -> dict:
    """A pupil of De Regenboog (ib's school) without an OPP: the page to draft one."""
    leerling = (
        Leerling.objects.filter(school__naam="Basisschool De Regenboog", opps__isnull=True)
        .order_by("pk")
        .first()
    )
    return {"uuid": leerling.uuid}


def sam_zonder_gezinsplan_kwargs() -> dict:
    """Sam without his demo gezinsplan: the jeugdteam's form to draw one up."""
    from opp.models import Gezinsplan
    from tests.accounts.permissiematrix.kwargs import gezinsplan_delen

    Gezinsplan.objects.filter(leerling=sam()).delete()
    gezinsplan_delen(met_school=False, met_tom=True)
    return {"uuid": sam().uuid}


def concept_opp_kwargs() -> dict:
    """A new OPP in concept with one goal: the form to send it out for signing."""
    from opp.services import maak_opp, voeg_doel_toe

    ib = user_by_email("ib@demo.nl")
    leerling = Leerling.objects.get(uuid=leerling_zonder_opp_kwargs()["uuid"])
    opp = maak_opp(leerling, door=ib)
    voeg_doel_toe(
        opp, door=ib, domein="emotieregulatie", soort="beide", omschrijving="Rust", criterium=""
    )
    return {"uuid": opp.uuid}


def vastgesteld_opp_kwargs() -> dict:
    """Sam's OPP signed by everyone: the form for a new version."""
    from opp.models import Opp
    from tests.opp.helpers import alle_tekenen

    opp = Opp.objects.get(uuid=opp_kwargs()["uuid"])
    alle_tekenen(opp)
    return {"uuid": opp.uuid}


def niet_akkoord_opp_kwargs() -> dict:
    """Sam's mother answered "niet akkoord": the form to ask her again."""
    from opp import services
    from opp.inhoud import canoniek, sha256
    from opp.models import Ondertekening, Opp

    opp = Opp.objects.get(uuid=opp_kwargs()["uuid"])
    moeder = user_by_email("ouder@demo.nl")
    verzoek = Ondertekening.objects.get(opp=opp, ondertekenaar=moeder)
    services.niet_akkoord(
        verzoek,
        door=moeder,
        getoonde_hash=sha256(canoniek(opp)),
        reden="Wij willen eerst praten.",
        apparaat=services.Apparaat(None, ""),
    )
    return {"uuid": opp.uuid}


def toestemming_gevraagd_kwargs() -> dict:
    """An open question to Sam's parents (for the jeugdteam): the parent's answer form."""
    from accounts.services import vraag_toestemming

    vraag_toestemming(
        sam(),
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"),
        soorten=[Informatiesoort.MDO_DEELNAME, Informatiesoort.OPP_INZAGE],
    )
    return {}


def tlv_kwargs(naam: str):
    def kwargs() -> dict:
        from arrangeren.tlv import demo

        return {"uuid": getattr(demo, naam)}

    return kwargs


def vlieger_met_contact_kwargs() -> dict:
    """De Vlieger (no beheerder yet) with its named contact filled in: the region proposes
    a first beheerder, whom the contact confirms."""
    from tests.accounts.beheer_helpers import VLIEGER, organisatie

    vlieger = organisatie(VLIEGER)
    vlieger.contactpersoon_naam = "Daan Directeur"
    vlieger.contactpersoon_email = "directeur@vlieger.nl"
    vlieger.save()
    return {"pk": vlieger.pk}


def eerste_beheerder_voorgesteld_kwargs() -> dict:
    """A proposed first beheerder of De Vlieger: the region sends the contact a new link."""
    from tests.accounts.beheer_helpers import eerste_beheerder_kwargs

    vlieger_met_contact_kwargs()
    return eerste_beheerder_kwargs()


def traject_stap_2_kwargs() -> dict:
    """Sam's traject in step 2, no MDO yet: the form to plan one."""
    from tests.arrangeren.route_helpers import naar_stap_2

    traject = _sam_traject()
    naar_stap_2(traject, traject.geopend_door)
    return {"uuid": traject.uuid}


def opp_met_toegang_kwargs() -> dict:
    """Sam's OPP after his parents let the jeugdteam read it: the jeugdteam can be asked
    to sign (toegang)."""
    from accounts.services import beantwoord_toestemming, vraag_toestemming

    for rij in vraag_toestemming(
        sam(),
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"),
        soorten=[Informatiesoort.OPP_INZAGE],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    return opp_kwargs()


def tlv_compleet_kwargs() -> dict:
    """A complete request of De Regenboog, not yet submitted."""
    from tests.arrangeren.tlv_helpers import aanvraag_met_dossier

    return {"uuid": aanvraag_met_dossier(compleet=True).uuid}


def traject_stap_1_af_kwargs() -> dict:
    """Sam's traject with step 1 recorded: it may move on."""
    from tests.arrangeren.route_helpers import rond_stap_af

    traject = _sam_traject()
    rond_stap_af(traject, traject.geopend_door)
    return {"uuid": traject.uuid}


def tlv_in_behandeling_kwargs() -> dict:
    """A request the SWV took up today, well within its decision term (the demo's request
    in treatment is overdue, and an overdue term can no longer be extended)."""
    from arrangeren.tlv import demo
    from arrangeren.tlv.models import TlvAanvraag
    from arrangeren.tlv.services import neem_in_behandeling

    aanvraag = TlvAanvraag.objects.get(uuid=demo.DEMO_TLV_INGEDIEND)
    neem_in_behandeling(aanvraag, door=user_by_email("swv@demo.nl"))
    return {"uuid": aanvraag.uuid}


def tlv_met_bezwaar_kwargs() -> dict:
    """A refused TLV with an objection registered: the form for its outcome."""
    from arrangeren.tlv import demo
    from arrangeren.tlv.models import TlvAanvraag
    from arrangeren.tlv.services import registreer_bezwaar

    aanvraag = TlvAanvraag.objects.get(uuid=demo.DEMO_TLV_AFGEWEZEN)
    registreer_bezwaar(
        aanvraag,
        ontvangen_op=timezone.localdate(),
        indiener="De ouders",
        omschrijving="Wij zijn het niet eens met het besluit.",
        door=user_by_email("swv@demo.nl"),
    )
    return {"uuid": aanvraag.uuid}


def verhuisde_leerling_kwargs() -> dict:
    """A pupil of 13 who moved from De Vlieger: the old school's coördinator records the
    pupil's own answer about the handover (a user who is no demo persona)."""
    from tests.accounts.overstap_helpers import jaar_oud, verhuizing

    verhuisd = verhuizing(geboortedatum=jaar_oud(13))
    verhuisd.registreer()
    return {"uuid": verhuisd.oud.uuid, "als": verhuisd.coordinator}


def voortgang_traject_kwargs() -> dict:
    """Sam's traject at the step where the inzet runs: the progress form is shown."""
    from arrangeren.route.services import move_to_step
    from arrangeren.route.stappen import NA_MDO_VANAF
    from tests.arrangeren.route_helpers import rond_stap_af

    traject = _sam_traject()
    while traject.huidige_stap < NA_MDO_VANAF:
        rond_stap_af(traject, traject.geopend_door)
        traject.refresh_from_db()  # finalising the report moves it on to step 7 itself
        if traject.huidige_stap < NA_MDO_VANAF:
            move_to_step(traject, traject.huidige_stap + 1, door=traject.geopend_door)
    return {"uuid": traject.uuid}


def mdo_met_tijden_kwargs() -> dict:
    """An MDO whose time is still to be chosen from proposed ones, with the jeugdteam on
    the list without the parents' consent: every form of the MDO page is shown."""
    from arrangeren.route import services
    from arrangeren.route.models import Mdo
    from tests.arrangeren.route_helpers import naar_stap_2

    traject = _sam_traject()
    door = traject.geopend_door
    naar_stap_2(traject, door)
    mdo = services.plan_mdo(
        traject,
        {"doel": "Plan", "planning": Mdo.Planning.KIEZEN, "locatie": "School"},
        door=door,
    )
    begin = timezone.now() + timedelta(days=10)
    tijden = [(begin, begin + timedelta(hours=1)), (begin + timedelta(days=1),) * 2]
    tijden[1] = (tijden[1][0], tijden[1][0] + timedelta(hours=1))
    services.stel_tijdsloten_voor(mdo, tijden, door=door)
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    services.voeg_genodigde_toe(
        mdo, jeugdteam, jeugdteam.lidmaatschappen.get().organisatie, door=door
    )
    return {"uuid": mdo.uuid}


def verslag_kwargs(*, vaststellen: bool):
    """The MDO's report with a goal and an agreement, in concept or established."""

    def kwargs() -> dict:
        from tests.accounts.permissiematrix.kwargs import _sam_mdo
        from tests.arrangeren.route_helpers import schrijf_verslag

        mdo = _sam_mdo()
        schrijf_verslag(mdo.traject, mdo.traject.geopend_door, vaststellen=vaststellen)
        return {"uuid": mdo.uuid}

    return kwargs


def vertrokken_beheerder_kwargs() -> dict:
    """De Regenboog's beheerders have left (accounts switched off): the region ends a role."""
    from tests.accounts.beheer_helpers import regio_beheerdersrol_kwargs

    User.objects.filter(email__in=["schoolbeheer@demo.nl", "directie@demo.nl"]).update(
        is_active=False
    )
    return regio_beheerdersrol_kwargs()


def authenticator(client, kwargs: dict) -> None:
    """A professional with a linked authenticator app, logged in with the password only."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=user_by_email("ib@demo.nl"), name="App", confirmed=True)


# Links from e-mails: the token goes into the session as the link's first GET would.


def emaillink_in_sessie(client, sleutel: str, **velden) -> None:
    _, token = Emaillink.nieuw(verloopt_op=timezone.now() + timedelta(days=7), **velden)
    session = client.session
    session[sleutel] = token_hash(token)
    session.save()


def activeren(client, kwargs: dict) -> None:
    from accounts.views.account import ACTIVEREN_KEY

    user = User.objects.create(email="nieuw.account@demo.nl", naam="Nieuw Account")
    emaillink_in_sessie(
        client, ACTIVEREN_KEY, doel=Emaillink.Doel.ACTIVEREN, email=user.email, user=user
    )


def blokkade(client, kwargs: dict) -> None:
    """The owner opens the link from the mail that her login is locked (inlogrem)."""
    from accounts.views.blokkade import BLOKKADE_KEY

    emaillink_in_sessie(
        client,
        BLOKKADE_KEY,
        doel=Emaillink.Doel.BLOKKADE,
        email="ib@demo.nl",
        user=user_by_email("ib@demo.nl"),
    )


def email_bevestigen(client, kwargs: dict) -> None:
    from accounts.views.account import EMAIL_KEY

    emaillink_in_sessie(
        client,
        EMAIL_KEY,
        doel=Emaillink.Doel.EMAILADRES,
        email="ib.nieuw@demo.nl",
        user=user_by_email("ib@demo.nl"),
    )


def contact_bevestigen(client, kwargs: dict) -> None:
    """The named contact of De Vlieger opens the link to confirm its first beheerder."""
    from accounts.eerste_beheerder import stel_eerste_beheerder_voor
    from accounts.views.eerste_beheerder import CONTACT_KEY
    from tests.accounts.beheer_helpers import VLIEGER, organisatie

    vlieger = organisatie(VLIEGER)
    vlieger.contactpersoon_naam = "Daan Directeur"
    vlieger.contactpersoon_email = "directeur@vlieger.nl"
    vlieger.save()
    toekenning = stel_eerste_beheerder_voor(
        vlieger, email="vera@vlieger.nl", naam="Vera Vlieger", door=user_by_email("beheer@demo.nl")
    )
    emaillink_in_sessie(
        client,
        CONTACT_KEY,
        doel=Emaillink.Doel.EERSTE_BEHEERDER,
        roltoekenning=toekenning,
        email="directeur@vlieger.nl",
    )


def wachtwoord_herstellen(client, kwargs: dict) -> None:
    """The reset link's first GET puts the token in the session (Django's own flow)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse

    user = user_by_email("ouder@demo.nl")
    token = default_token_generator.make_token(user)
    client.get(
        reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": kwargs["uidb64"], "token": token}
        )
    )


def wachtwoord_herstellen_kwargs() -> dict:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = user_by_email("ouder@demo.nl")
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": "set-password",
    }


def ouders_velden() -> dict:
    """The actions on a found parent (shown only in the search's answer)."""
    from accounts.uitnodigingen import ouders_van_school
    from tests.accounts.beheer_helpers import organisatie

    ouder = ouders_van_school(organisatie()).order_by("pk").first()
    return {"actie": "email", "ouder": str(ouder.pk), "email": "nieuw.adres@demo.nl"}
