"""Permission matrix rows. Arrangeren: traject, MDO and report, jeugdhulp, TLV."""

from tests.accounts.opschalen_helpers import traject_opschaling_kwargs
from tests.accounts.permissiematrix.entries import SAM_KRING, Entry, only
from tests.accounts.permissiematrix.kwargs import (
    jeugdhulp_kwargs,
    jeugdhulp_traject_kwargs,
    mdo_kwargs,
    sam_kwargs,
    stuk_kwargs,
    tlv_bijlage_kwargs,
    tlv_kwargs,
    traject_kwargs,
)
from tests.arrangeren.jeugdhulp_helpers import kaderuitzondering_kwargs


def _noor_verslag_kwargs() -> dict:
    """Noor's MDO (De Regenboog, her mother is ouder.andere) with a final report."""
    from accounts.models import Leerling, Lidmaatschap
    from arrangeren.route.models import Traject
    from arrangeren.route.services import open_traject
    from arrangeren.route.stappen import Voorwaarde
    from arrangeren.route.uitkomsten import huidig_mdo
    from tests.arrangeren.route_helpers import naar_stap_2, plan_en_nodig_uit, schrijf_verslag

    noor = Leerling.objects.get(voornaam="Noor", achternaam="Visser")
    traject = Traject.objects.filter(leerling=noor).first()
    if traject is None:
        ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
        voorwaarden = {v.value: "ja" for v in Voorwaarde}
        traject = open_traject(leerling=noor, door=ib.user, namens=ib, voorwaarden=voorwaarden)
        naar_stap_2(traject, ib.user)
        plan_en_nodig_uit(traject, ib.user)
    schrijf_verslag(traject, traject.geopend_door, vaststellen=True)
    return {"uuid": huidig_mdo(traject).uuid}


def kaderuitzondering_kwargs_leeg() -> dict:
    """The list page takes no kwargs; a proposal for Sam is on it."""
    kaderuitzondering_kwargs()
    return {}


ARRANGEREN: dict[str, Entry] = {
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
    "arrangeren:traject_kenmerken": Entry(
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
    # Each action on the traject page has its own URL name; like `traject_actie` above,
    # an empty form is refused with a message (302) for whoever may act.
    "arrangeren:traject_afsluiten": Entry(
        default=404, per_persona={"ib@demo.nl": 302}, method="post", kwargs=traject_kwargs
    ),
    # Opschalen (docs/route.md): whoever edits the traject escalates; its page for the
    # escalator, the school's staff and the addressee (no persona); resolving for the
    # escalator and the addressee (an empty afspraak: back to the page, 302).
    "arrangeren:traject_opschalen": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=traject_kwargs, logs_leerling=True
    ),
    "arrangeren:opschaling_detail": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "mentor@demo.nl"}, 200, 404),
        kwargs=traject_opschaling_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:opschaling_oplossen": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302},
        method="post",
        kwargs=traject_opschaling_kwargs,
    ),
    "arrangeren:traject_verplaatsen": Entry(
        default=404, per_persona={"ib@demo.nl": 302}, method="post", kwargs=traject_kwargs
    ),
    # Progress notes: the school's staff too (and outsiders with consent to take part).
    "arrangeren:voortgang_toevoegen": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302, "mentor@demo.nl": 302},
        method="post",
        kwargs=traject_kwargs,
    ),
    "arrangeren:mdo_detail": Entry(
        default=404,
        per_persona=only(SAM_KRING, 200, 404),
        kwargs=mdo_kwargs,
        logs_leerling=True,
    ),
    # "Zet in agenda": the .ics for whoever may open the MDO page.
    "arrangeren:mdo_ics": Entry(
        default=404,
        per_persona=only(SAM_KRING, 200, 404),
        kwargs=mdo_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:mdo_bewerken": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=mdo_kwargs, logs_leerling=True
    ),
    # The invite form's search for people: only for whoever edits the traject; it shows
    # names of staff, nothing of the pupil, so it writes no access-log row.
    "arrangeren:personen_zoeken": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=mdo_kwargs
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
    # One view per action, on the same paths: the jeugdteam logs hours and announces the
    # end; whoever sees the inzet reaches the exception form (the service refuses all but
    # school and SWV, with a message).
    "arrangeren:jeugdhulp_uren": Entry(
        default=404, per_persona={"jeugdteam@demo.nl": 302}, method="post", kwargs=jeugdhulp_kwargs
    ),
    "arrangeren:jeugdhulp_einde": Entry(
        default=404, per_persona={"jeugdteam@demo.nl": 302}, method="post", kwargs=jeugdhulp_kwargs
    ),
    # The agreements for the end of care: the school's coördinator and the jeugdteam (and
    # the aanbieder's own worker) record them; parents read them on the inzet.
    "arrangeren:jeugdhulp_eindafspraken": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302, "jeugdteam@demo.nl": 302},
        method="post",
        kwargs=jeugdhulp_kwargs,
    ),
    "arrangeren:jeugdhulp_uitzondering": Entry(
        default=404,
        per_persona=only(
            {"ib@demo.nl", "ouder@demo.nl", "ouder2@demo.nl", "jeugdteam@demo.nl"}, 302, 404
        ),
        method="post",
        kwargs=jeugdhulp_kwargs,
    ),
    # Kader exceptions (issue 17): school and SWV each see their own list; the party the
    # proposal waits for agrees (here the SWV on the school's proposal for Sam).
    "arrangeren:jeugdhulp_uitzonderingen": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "swv@demo.nl", "ib.andere@demo.nl"}, 200, 404),
        kwargs=kaderuitzondering_kwargs_leeg,
    ),
    "arrangeren:jeugdhulp_uitzondering_akkoord": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=kaderuitzondering_kwargs,
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
    # One view per action, on the same paths: the school's coördinator submits and adds
    # documents, the SWV's consulent takes the rest; a refusal by the service is a message.
    "arrangeren:tlv_indienen": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    "arrangeren:tlv_bijlage_toevoegen": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    "arrangeren:tlv_in_behandeling": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    "arrangeren:tlv_aanvulling_vragen": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    "arrangeren:tlv_beslissen": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    "arrangeren:tlv_verlengen": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    "arrangeren:tlv_toewijzen": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    "arrangeren:tlv_bezwaar_registreren": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    "arrangeren:tlv_bezwaar_uitkomst": Entry(
        default=404,
        per_persona={"swv@demo.nl": 302},
        method="post",
        kwargs=tlv_kwargs("DEMO_TLV_INGEDIEND"),
    ),
    # The final report as a PDF: whoever reads a final version, else 404. Of Noor's MDO:
    # making a report final marks its MDO as held, and Sam's must stay to come for the
    # rows above when all kwargs run in one database (tests/test_querybudgets.py).
    "arrangeren:verslag_pdf": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "ouder.andere@demo.nl"}, 200, 404),
        kwargs=_noor_verslag_kwargs,
        logs_leerling=True,
    ),
    # The question after an MDO (docs/monitor.md): only a parent with custody of the
    # pupil of a held MDO (Noor's mother); staff and other parents get 404.
    "arrangeren:tevredenheid": Entry(
        default=404,
        per_persona={"ouder.andere@demo.nl": 200},
        kwargs=_noor_verslag_kwargs,
        logs_leerling=True,
    ),
    "arrangeren:tevredenheid_overslaan": Entry(
        default=404,
        per_persona={"ouder.andere@demo.nl": 302},
        method="post",
        kwargs=_noor_verslag_kwargs,
    ),
    # The Regiomonitor: aggregates for the region (beheerder, leerplicht) and the SWV.
    **{
        naam: Entry(
            default=404,
            per_persona=only({"beheer@demo.nl", "leerplicht@demo.nl", "swv@demo.nl"}, 200, 404),
        )
        for naam in ("arrangeren:regiomonitor", "arrangeren:regiomonitor_csv")
    },
}
