"""Every named URL is either fuzzed with POST (`FUZZ`) or only read (`ALLEEN_LEZEN`).

Adding a URL without a place here fails `test_every_named_url_is_fuzzed_or_read_only`
(tests/fuzz/test_fuzz.py), like a URL without a row in the permission matrix: whoever
adds a view says who posts to it, on what, and on which page its form is. The fields are
read from that page, so a field added to a template is fuzzed without a change here; an
action no page shows in that state lists the fields its view reads (`velden`).

A read-only URL must refuse POST, PUT, PATCH and DELETE (405); its persona and objects
come from the permission matrix.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.accounts import beheer_helpers, import_helpers, schoolcontact_helpers
from tests.accounts.opschalen_helpers import (
    niveau_kwargs,
    thuiszitter_opschaling_kwargs,
    traject_opschaling_kwargs,
)
from tests.accounts.permissiematrix.kwargs import (
    gezinsplan_met_tom_kwargs,
    jeugdhulp_kwargs,
    jeugdhulp_traject_kwargs,
    mdo_kwargs,
    melding_kwargs,
    mislukt_bericht_van,
    ongelezen_melding_kwargs,
    opp_kwargs,
    sam_kwargs,
    thuiszitter_kwargs,
    traject_kwargs,
    vrijstelling_kwargs,
)
from tests.accounts.permissiematrix.matrix_arrangeren import (
    _noor_verslag_kwargs as noor_verslag_kwargs,
)
from tests.arrangeren.jeugdhulp_helpers import kaderuitzondering_kwargs
from tests.fuzz import toestand
from tests.fuzz.toestand import tlv_kwargs

ANONIEM = "anoniem"


def _geen(kwargs: dict) -> dict:
    return {}


@dataclass(frozen=True)
class Gebruik:
    """Who posts to an endpoint, on what, and where the form is.

    `pagina`: the URL name of the page that shows the form (None: the endpoint itself;
    "": no page, `velden` says what is sent); `pagina_kwargs` makes its kwargs from the
    endpoint's. `velden`: fields the view reads that no page shows in this state, with
    the value a user would send. `voorbereiden(client, kwargs)`: what a link from an
    e-mail puts in the session. `tweede_factor=False`: logged in with the password only.
    """

    persona: str
    kwargs: Callable[[], dict] | None = None
    pagina: str | None = None
    pagina_kwargs: Callable[[dict], dict] | None = None
    velden: Callable[[], dict] | dict | None = None
    voorbereiden: Callable | None = None
    tweede_factor: bool = True


def _opp(naam_kwargs=opp_kwargs, persona="ib@demo.nl") -> Gebruik:
    return Gebruik(persona, naam_kwargs, pagina="opp:opp_detail")


def _tlv(persona: str, naam: str) -> Gebruik:
    return Gebruik(persona, tlv_kwargs(naam), pagina="arrangeren:tlv_detail")


def _beheer(kwargs=None) -> Gebruik:
    return Gebruik(
        "schoolbeheer@demo.nl", kwargs, pagina="accounts:beheer_organisatie", pagina_kwargs=_geen
    )


def _regio(kwargs) -> Gebruik:
    return Gebruik(
        "beheer@demo.nl",
        kwargs,
        pagina="accounts:regio_organisatie",
        pagina_kwargs=lambda kwargs: {"pk": kwargs["pk"]},
    )


def _onbekende_actie(kwargs, persona: str) -> Gebruik:
    """The old action URLs with a word no action has: nothing to show, nothing to read."""
    return Gebruik(persona, lambda: {**kwargs(), "actie": "bestaat-niet"}, pagina="", velden={})


ACCOUNTS: dict[str, Gebruik | tuple[Gebruik, ...]] = {
    "accounts:login": Gebruik(ANONIEM),
    "accounts:logout": Gebruik("ib@demo.nl", pagina="home"),
    # After the password, before the second factor: a parent gets a code by e-mail.
    "accounts:verify": (
        Gebruik("ouder@demo.nl", tweede_factor=False),
        Gebruik("ib@demo.nl", voorbereiden=toestand.authenticator, tweede_factor=False),
    ),
    "accounts:resend_code": Gebruik("ouder@demo.nl", pagina="accounts:verify", tweede_factor=False),
    "accounts:totp_setup": Gebruik("mentor@demo.nl", tweede_factor=False),
    "accounts:password_reset": Gebruik(ANONIEM),
    "accounts:password_reset_confirm": Gebruik(
        ANONIEM, toestand.wachtwoord_herstellen_kwargs, voorbereiden=toestand.wachtwoord_herstellen
    ),
    "accounts:activeren_form": Gebruik(ANONIEM, voorbereiden=toestand.activeren),
    "accounts:blokkade_opheffen": Gebruik(ANONIEM, voorbereiden=toestand.blokkade),
    "accounts:account": Gebruik("ib@demo.nl"),
    "accounts:melding_gelezen": Gebruik(
        "ib@demo.nl", melding_kwargs, pagina="accounts:meldingen", pagina_kwargs=_geen
    ),
    "accounts:meldingen_gelezen": Gebruik(
        "ib@demo.nl", ongelezen_melding_kwargs, pagina="accounts:meldingen"
    ),
    "accounts:email_bevestigen_form": Gebruik("ib@demo.nl", voorbereiden=toestand.email_bevestigen),
    "accounts:switch_rol": Gebruik("directie@demo.nl", pagina="home"),
    "accounts:bericht_opnieuw_versturen": Gebruik(
        "ib@demo.nl",
        lambda: {"uuid": mislukt_bericht_van("ib@demo.nl").uuid},
        pagina="accounts:berichten_niet_afgeleverd",
        pagina_kwargs=_geen,
    ),
    "accounts:leerling_list": Gebruik("ib@demo.nl"),
    "accounts:toestemmingen": Gebruik("ouder@demo.nl", toestand.toestemming_gevraagd_kwargs),
    "accounts:leerling_toestemming": Gebruik("ib@demo.nl", sam_kwargs),
    "accounts:overstap_leerling_antwoord": Gebruik(
        "(oude school)", toestand.verhuisde_leerling_kwargs, pagina="accounts:leerling_detail"
    ),
    "accounts:toegangslog": Gebruik("beheer@demo.nl"),
    "accounts:import_upload": Gebruik("schoolbeheer@demo.nl"),
    "accounts:import_bevestigen": Gebruik(
        "schoolbeheer@demo.nl", import_helpers.voorbeeld_kwargs, pagina="accounts:import_detail"
    ),
    "accounts:import_annuleren": Gebruik(
        "schoolbeheer@demo.nl", import_helpers.voorbeeld_kwargs, pagina="accounts:import_detail"
    ),
    "accounts:ouders": Gebruik("schoolbeheer@demo.nl", velden=toestand.ouders_velden),
    "accounts:beheer_uitnodigen": _beheer(),
    "accounts:beheer_bevestigen": _beheer(beheer_helpers.voorstel_kwargs),
    "accounts:beheer_afwijzen": _beheer(beheer_helpers.voorstel_kwargs),
    "accounts:beheer_escalatieladder": Gebruik("schoolbeheer@demo.nl"),
    "accounts:beheer_escalatieniveau": Gebruik("schoolbeheer@demo.nl", niveau_kwargs),
    "accounts:beheer_escalatieniveau_verwijderen": Gebruik(
        "schoolbeheer@demo.nl",
        niveau_kwargs,
        pagina="accounts:beheer_escalatieladder",
        pagina_kwargs=_geen,
    ),
    "accounts:beheer_beeindigen": _beheer(beheer_helpers.mentor_lidmaatschap_kwargs),
    "accounts:beheer_contactpersoon": _beheer(),
    # The jeugdteam's beheerder (no persona) names and ends a school's contactpersoon.
    "accounts:schoolcontacten": Gebruik(
        "(beheerder jeugdteam)", schoolcontact_helpers.als_jeugdteambeheerder_kwargs
    ),
    "accounts:schoolcontact_beeindigen": Gebruik(
        "(beheerder jeugdteam)",
        schoolcontact_helpers.als_jeugdteambeheerder_binding_kwargs,
        pagina="accounts:schoolcontacten",
        pagina_kwargs=_geen,
    ),
    "accounts:beheer_opnieuw_uitnodigen": _beheer(beheer_helpers.uitgenodigde_kwargs),
    "accounts:intrekken": _beheer(beheer_helpers.eigen_voorstel_kwargs),
    "accounts:regio_eerste_beheerder": _regio(toestand.vlieger_met_contact_kwargs),
    "accounts:regio_opnieuw_uitnodigen": _regio(beheer_helpers.regio_uitgenodigde_kwargs),
    "accounts:regio_beheerdersrol_beeindigen": _regio(toestand.vertrokken_beheerder_kwargs),
    "accounts:regio_contactlink_opnieuw": Gebruik(
        "beheer@demo.nl",
        toestand.eerste_beheerder_voorgesteld_kwargs,
        pagina="accounts:regio_organisatie",
        pagina_kwargs=lambda kwargs: {"pk": beheer_helpers.vlieger_kwargs()["pk"]},
    ),
    "accounts:contact_bevestigen": Gebruik(ANONIEM, voorbereiden=toestand.contact_bevestigen),
    "accounts:contact_afwijzen": Gebruik(
        ANONIEM,
        pagina="accounts:contact_bevestigen",
        pagina_kwargs=_geen,
        voorbereiden=toestand.contact_bevestigen,
    ),
}

OPP: dict[str, Gebruik | tuple[Gebruik, ...]] = {
    "opp:leerling_opp": Gebruik("ib@demo.nl", toestand.leerling_zonder_opp_kwargs),
    "opp:opp_bewerken": Gebruik("ib@demo.nl", opp_kwargs),
    "opp:doel_toevoegen": _opp(),
    "opp:doel_verwijderen": _opp(),
    "opp:evaluatie_bewaren": _opp(),
    "opp:evaluatie_vastleggen": _opp(toestand.vastgesteld_opp_kwargs),
    "opp:leerling_gezinsplan": Gebruik("toegang@demo.nl", toestand.sam_zonder_gezinsplan_kwargs),
    "opp:gezinsplan_bewerken": Gebruik("toegang@demo.nl", gezinsplan_met_tom_kwargs),
    "opp:inzet_toevoegen": _opp(),
    "opp:inzet_verwijderen": _opp(),
    "opp:bijlage_toevoegen": _opp(),
    "opp:nieuwe_versie": _opp(toestand.vastgesteld_opp_kwargs),
    "opp:versturen": _opp(toestand.concept_opp_kwargs),
    "opp:toegang_toevoegen": _opp(toestand.opp_met_toegang_kwargs),
    "opp:verzoek_intrekken": _opp(),
    "opp:opnieuw_vragen": _opp(toestand.niet_akkoord_opp_kwargs),
    "opp:ouders_vragen": _opp(),
    "opp:herinnering_sturen": _opp(),
    "opp:ondertekenen": _opp(persona="ouder@demo.nl"),
    "opp:code_sturen": _opp(persona="ouder@demo.nl"),
    "opp:visie_ouders": _opp(persona="ouder@demo.nl"),
    "opp:opp_actie": _onbekende_actie(opp_kwargs, "ib@demo.nl"),
}

ARRANGEREN: dict[str, Gebruik | tuple[Gebruik, ...]] = {
    # The lists' search and filters post (a pupil's name stays out of the URL).
    "arrangeren:traject_list": Gebruik("ib@demo.nl"),
    "arrangeren:tlv_lijst": (Gebruik("ib@demo.nl"), Gebruik("swv@demo.nl")),
    "arrangeren:traject_open": Gebruik("ib@demo.nl", sam_kwargs),
    "arrangeren:stap_bewerken": Gebruik("ib@demo.nl", lambda: {**traject_kwargs(), "stap": 1}),
    "arrangeren:regie_overdragen": Gebruik("ib@demo.nl", traject_kwargs),
    "arrangeren:traject_kenmerken": Gebruik("ib@demo.nl", traject_kwargs),
    "arrangeren:mdo_plannen": Gebruik("ib@demo.nl", toestand.traject_stap_2_kwargs),
    "arrangeren:voortgang_toevoegen": Gebruik(
        "ib@demo.nl", toestand.voortgang_traject_kwargs, pagina="arrangeren:traject_detail"
    ),
    "arrangeren:traject_verplaatsen": Gebruik(
        "ib@demo.nl", toestand.traject_stap_1_af_kwargs, pagina="arrangeren:traject_detail"
    ),
    "arrangeren:traject_afsluiten": Gebruik(
        "ib@demo.nl", traject_kwargs, pagina="arrangeren:traject_detail"
    ),
    "arrangeren:traject_opschalen": Gebruik("ib@demo.nl", traject_kwargs),
    "arrangeren:opschaling_oplossen": Gebruik(
        "ib@demo.nl", traject_opschaling_kwargs, pagina="arrangeren:opschaling_detail"
    ),
    "arrangeren:traject_actie": _onbekende_actie(traject_kwargs, "ib@demo.nl"),
    # The MDO page's forms post to the page: the coördinator's actions while times are
    # proposed, an invitee's available times, and an invitee's answer to the invitation.
    "arrangeren:mdo_detail": (
        Gebruik("ib@demo.nl", toestand.mdo_met_tijden_kwargs),
        Gebruik("ouder@demo.nl", toestand.mdo_met_tijden_kwargs),
        Gebruik("ouder@demo.nl", mdo_kwargs),
    ),
    "arrangeren:mdo_bewerken": Gebruik("ib@demo.nl", mdo_kwargs),
    "arrangeren:leerlinggesprek": Gebruik("ib@demo.nl", mdo_kwargs),
    # The report's forms post to the page: saving, goals and agreements in concept; a new
    # version and taking it into the OPP once established.
    "arrangeren:verslag": (
        Gebruik("ib@demo.nl", toestand.verslag_kwargs(vaststellen=False)),
        Gebruik("ib@demo.nl", toestand.verslag_kwargs(vaststellen=True)),
    ),
    # The question after an MDO: the parent with custody answers or skips it.
    "arrangeren:tevredenheid": Gebruik("ouder.andere@demo.nl", noor_verslag_kwargs),
    "arrangeren:tevredenheid_overslaan": Gebruik(
        "ouder.andere@demo.nl", noor_verslag_kwargs, pagina="arrangeren:tevredenheid"
    ),
    "arrangeren:jeugdhulp_registreren": Gebruik("jeugdteam@demo.nl", jeugdhulp_traject_kwargs),
    "arrangeren:jeugdhulp_uren": Gebruik(
        "jeugdteam@demo.nl", jeugdhulp_kwargs, pagina="arrangeren:jeugdhulp_detail"
    ),
    "arrangeren:jeugdhulp_einde": Gebruik(
        "jeugdteam@demo.nl", jeugdhulp_kwargs, pagina="arrangeren:jeugdhulp_detail"
    ),
    "arrangeren:jeugdhulp_eindafspraken": Gebruik(
        "ib@demo.nl", jeugdhulp_kwargs, pagina="arrangeren:jeugdhulp_detail"
    ),
    "arrangeren:jeugdhulp_uitzondering": Gebruik(
        "ib@demo.nl", jeugdhulp_kwargs, pagina="arrangeren:jeugdhulp_detail"
    ),
    "arrangeren:jeugdhulp_actie": _onbekende_actie(jeugdhulp_kwargs, "jeugdteam@demo.nl"),
    "arrangeren:jeugdhulp_uitzondering_akkoord": Gebruik(
        "swv@demo.nl",
        kaderuitzondering_kwargs,
        pagina="arrangeren:jeugdhulp_uitzonderingen",
        pagina_kwargs=_geen,
    ),
    "arrangeren:tlv_nieuw": Gebruik("ib@demo.nl", traject_kwargs),
    "arrangeren:tlv_bewerken": Gebruik("ib@demo.nl", tlv_kwargs("DEMO_TLV_CONCEPT")),
    "arrangeren:tlv_indienen": Gebruik(
        "ib@demo.nl", toestand.tlv_compleet_kwargs, pagina="arrangeren:tlv_detail"
    ),
    "arrangeren:tlv_bijlage_toevoegen": _tlv("ib@demo.nl", "DEMO_TLV_CONCEPT"),
    "arrangeren:tlv_in_behandeling": _tlv("swv@demo.nl", "DEMO_TLV_INGEDIEND"),
    "arrangeren:tlv_toewijzen": _tlv("swv@demo.nl", "DEMO_TLV_INGEDIEND"),
    "arrangeren:tlv_aanvulling_vragen": _tlv("swv@demo.nl", "DEMO_TLV_IN_BEHANDELING"),
    "arrangeren:tlv_beslissen": _tlv("swv@demo.nl", "DEMO_TLV_IN_BEHANDELING"),
    "arrangeren:tlv_verlengen": Gebruik(
        "swv@demo.nl", toestand.tlv_in_behandeling_kwargs, pagina="arrangeren:tlv_detail"
    ),
    "arrangeren:tlv_bezwaar_registreren": _tlv("swv@demo.nl", "DEMO_TLV_AFGEWEZEN"),
    "arrangeren:tlv_bezwaar_uitkomst": Gebruik(
        "swv@demo.nl", toestand.tlv_met_bezwaar_kwargs, pagina="arrangeren:tlv_detail"
    ),
    "arrangeren:tlv_actie": _onbekende_actie(tlv_kwargs("DEMO_TLV_INGEDIEND"), "swv@demo.nl"),
}

FASENMODEL: dict[str, Gebruik | tuple[Gebruik, ...]] = {
    "fasenmodel:leerling_fase": Gebruik("ib@demo.nl", sam_kwargs),
    "fasenmodel:thuiszitter_nieuw": Gebruik("ib@demo.nl"),
    "fasenmodel:thuiszitter_bewerken": Gebruik("ib@demo.nl", thuiszitter_kwargs),
    "fasenmodel:procesregie": Gebruik("leerplicht@demo.nl", thuiszitter_kwargs),
    # The demo's school is at the top of its ladder: no form on the page, the view reads these.
    "fasenmodel:thuiszitter_opschalen": Gebruik(
        "ib@demo.nl", thuiszitter_kwargs, pagina="", velden={"reden": "Vastgelopen", "niveau": "2"}
    ),
    "fasenmodel:opschaling_oplossen": Gebruik(
        "ib@demo.nl", thuiszitter_opschaling_kwargs, pagina="fasenmodel:opschaling_detail"
    ),
    "fasenmodel:vrijstelling_nieuw": Gebruik("leerplicht@demo.nl"),
    "fasenmodel:vrijstelling": Gebruik("swv@demo.nl", vrijstelling_kwargs),
    "fasenmodel:vrijstelling_bewerken": Gebruik("leerplicht@demo.nl", vrijstelling_kwargs),
    "fasenmodel:onderwijstijd": Gebruik("ib@demo.nl", sam_kwargs),
}

_GEBIEDEN = (ACCOUNTS, OPP, ARRANGEREN, FASENMODEL)
FUZZ: dict[str, tuple[Gebruik, ...]] = {
    naam: gebruik if isinstance(gebruik, tuple) else (gebruik,)
    for gebied in _GEBIEDEN
    for naam, gebruik in gebied.items()
}
assert len(FUZZ) == sum(len(gebied) for gebied in _GEBIEDEN), "a URL is in two areas"

# Pages and files that only show something: every other method is refused (405).
ALLEEN_LEZEN = {
    "arrangeren:jeugdhulp_uitzonderingen",
    "arrangeren:mdo_ics",
    "arrangeren:verslag_pdf",
    "home",
    "healthz",
    "gereed",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    # Links from e-mails: the GET puts the token in the session and redirects.
    "accounts:activeren",
    "accounts:blokkade_link",
    "accounts:email_bevestigen",
    "accounts:contact_link",
    "accounts:berichten_niet_afgeleverd",
    "accounts:meldingen",
    # Opening a notification marks it read and redirects to its stored link.
    "accounts:melding",
    "accounts:leerling_detail",
    "accounts:overstappen",
    "accounts:taken",
    "accounts:toegangslog_zoekvragen",
    "accounts:import_detail",
    "accounts:beheer_organisatie",
    "accounts:escalatieladder",
    "arrangeren:opschaling_detail",
    "fasenmodel:opschaling_detail",
    "accounts:regio_organisaties",
    "accounts:regio_organisatie",
    "opp:opp_detail",
    "opp:opp_vergelijken",
    "opp:opp_pdf",
    "opp:organisaties_zoeken",
    "opp:bijlage_downloaden",
    "opp:gezinsplan_detail",
    "opp:gezinsplan_bestand",
    "arrangeren:traject_detail",
    "arrangeren:personen_zoeken",
    "arrangeren:stuk_downloaden",
    "arrangeren:jeugdhulp_detail",
    "arrangeren:tlv_overzicht",
    "arrangeren:tlv_export",
    "arrangeren:tlv_detail",
    "arrangeren:tlv_besluit",
    "arrangeren:tlv_bijlage",
    "fasenmodel:thuiszitters",
    "fasenmodel:thuiszitter_detail",
    "fasenmodel:overzicht",
    "fasenmodel:vrijstellingen",
    "arrangeren:regiomonitor",
    "arrangeren:regiomonitor_csv",
}
