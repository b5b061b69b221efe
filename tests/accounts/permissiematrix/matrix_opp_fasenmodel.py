"""Permission matrix rows. The OPP and the fasenmodel (phases, thuiszitters)."""

from tests.accounts.opschalen_helpers import thuiszitter_opschaling_kwargs
from tests.accounts.permissiematrix.entries import SAM_KRING, Entry, only
from tests.accounts.permissiematrix.kwargs import (
    bijlage_kwargs,
    gezinsplan_kwargs,
    gezinsplanbestand_kwargs,
    opp_kwargs,
    sam_kwargs,
    thuiszitter_kwargs,
    vrijstelling_kwargs,
)

MET_GEZAG = {"ouder@demo.nl", "ouder2@demo.nl"}  # Sam's parents with custody

OPP_FASENMODEL: dict[str, Entry] = {
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
    # Each action on the OPP has its own URL name; like `opp_actie` above, only the
    # coördinator reaches them (an empty form is refused with a message: 302).
    **{
        f"opp:{naam}": Entry(
            default=404, per_persona={"ib@demo.nl": 302}, method="post", kwargs=opp_kwargs
        )
        for naam in (
            "doel_toevoegen",
            "doel_verwijderen",
            "evaluatie_bewaren",
            "evaluatie_vastleggen",
            "inzet_toevoegen",
            "inzet_verwijderen",
            "bijlage_toevoegen",
            "nieuwe_versie",
            "versturen",
            "toegang_toevoegen",
            "verzoek_intrekken",
            "opnieuw_vragen",
            "herinnering_sturen",
            "ouders_vragen",
        )
    },
    "opp:ondertekenen": Entry(
        default=404, per_persona=only(SAM_KRING, 302, 404), method="post", kwargs=opp_kwargs
    ),
    # "Stuur mij een code": Sam's circle reaches it; without a request of their own the
    # form is refused with a message (302).
    "opp:code_sturen": Entry(
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
    # The add-inzet form's organisation search: only for whoever edits the OPP; it shows
    # organisation names, nothing of the pupil, so it writes no access-log row.
    "opp:organisaties_zoeken": Entry(
        default=404, per_persona={"ib@demo.nl": 200}, kwargs=opp_kwargs
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
    # The gezinsplan (docs/opp.md, "Gezinsplan"): Sam's demo plan is Jeugdteam Leiden's
    # (regie: Tom Verbeek, no persona); the parents with custody read it; the school only
    # with the parents' consent to share it, which the suite's baseline does not hold
    # (tests/demo_toegang.py). Only the jeugdteam edits. With and without that consent:
    # tests/accounts/permissiematrix/test_gezinsplan.py.
    "opp:leerling_gezinsplan": Entry(
        default=404, per_persona=only(MET_GEZAG, 302, 404), kwargs=sam_kwargs
    ),
    "opp:gezinsplan_detail": Entry(
        default=404,
        per_persona=only(MET_GEZAG, 200, 404),
        kwargs=gezinsplan_kwargs,
        logs_leerling=True,
    ),
    "opp:gezinsplan_bewerken": Entry(default=404, per_persona={}, kwargs=gezinsplan_kwargs),
    "opp:gezinsplan_bestand": Entry(
        default=404,
        per_persona=only(MET_GEZAG, 200, 404),
        kwargs=gezinsplanbestand_kwargs,
        logs_leerling=True,
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
    # Opschalen (docs/fasenmodel.md): who edits the entry escalates (the demo's school is
    # at the top of its ladder, leerplicht has none: the page says so); the escalation's
    # page for those who see the entry; resolving for the escalator (ib) only.
    "fasenmodel:thuiszitter_opschalen": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "leerplicht@demo.nl"}, 200, 404),
        kwargs=thuiszitter_kwargs,
        logs_leerling=True,
    ),
    "fasenmodel:opschaling_detail": Entry(
        default=404,
        per_persona=only({"ib@demo.nl", "swv@demo.nl", "leerplicht@demo.nl"}, 200, 404),
        kwargs=thuiszitter_opschaling_kwargs,
        logs_leerling=True,
    ),
    "fasenmodel:opschaling_oplossen": Entry(
        default=404,
        per_persona={"ib@demo.nl": 302},
        method="post",
        kwargs=thuiszitter_opschaling_kwargs,
    ),
    "fasenmodel:overzicht": Entry(
        default=404, per_persona=only({"swv@demo.nl", "leerplicht@demo.nl"}, 200, 404)
    ),
    # The vrijstelling route: leerplicht records, the SWV adds its view, the jeugdteam
    # (care side) reads those within its reach; the review list is for all three. A
    # jeugdhulpaanbieder reads none, consent or not (tests/fasenmodel/test_vrijstelling.py).
    "fasenmodel:vrijstellingen": Entry(
        default=404,
        per_persona=only({"swv@demo.nl", "leerplicht@demo.nl", "jeugdteam@demo.nl"}, 200, 404),
    ),
    "fasenmodel:vrijstelling_nieuw": Entry(default=404, per_persona={"leerplicht@demo.nl": 200}),
    "fasenmodel:vrijstelling": Entry(
        default=404,
        per_persona=only({"swv@demo.nl", "leerplicht@demo.nl"}, 200, 404),
        kwargs=vrijstelling_kwargs,
        logs_leerling=True,
    ),
    "fasenmodel:vrijstelling_bewerken": Entry(
        default=404,
        per_persona={"leerplicht@demo.nl": 200},
        kwargs=vrijstelling_kwargs,
        logs_leerling=True,
    ),
    # Variawet: whoever reads the pupil's file sees the deviations; the school records.
    "fasenmodel:onderwijstijd": Entry(
        default=404, per_persona=only(SAM_KRING, 200, 404), kwargs=sam_kwargs, logs_leerling=True
    ),
}
