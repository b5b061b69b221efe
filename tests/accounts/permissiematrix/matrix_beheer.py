"""Permission matrix rows for beheer: access log, runs, mail, import, roles, admin."""

from tests.accounts import beheer_helpers, import_helpers, schoolcontact_helpers
from tests.accounts.opschalen_helpers import niveau_kwargs
from tests.accounts.permissiematrix.entries import Entry
from tests.accounts.permissiematrix.kwargs import mislukt_bericht_van

BEHEER: dict[str, Entry] = {
    "accounts:toegangslog": Entry(default=404, per_persona={"beheer@demo.nl": 200}),
    # Who searched the access log and for what (a staff name, a kenmerk; no pupil data).
    "accounts:toegangslog_zoekvragen": Entry(default=404, per_persona={"beheer@demo.nl": 200}),
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
    # A school's contactpersonen in the jeugdteam (docs/rollen.md): the jeugdteam's own
    # beheerder names them (no persona: tests/accounts/test_schoolcontacten_beheer.py); the
    # school's beheerder reads who they are. No pupil data.
    "accounts:schoolcontacten": Entry(default=404, per_persona={"schoolbeheer@demo.nl": 200}),
    "accounts:schoolcontact_beeindigen": Entry(
        default=404, method="post", kwargs=schoolcontact_helpers.binding_kwargs
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
    # The escalation ladder (docs/rollen.md, "Opschalen"): the organisation's own
    # beheerder keeps it; every member of an organisation reads her own; parents have none.
    "accounts:beheer_escalatieladder": Entry(
        default=404, per_persona={"schoolbeheer@demo.nl": 200}
    ),
    "accounts:beheer_escalatieniveau": Entry(
        default=404, per_persona={"schoolbeheer@demo.nl": 200}, kwargs=niveau_kwargs
    ),
    "accounts:beheer_escalatieniveau_verwijderen": Entry(
        default=404,
        per_persona={"schoolbeheer@demo.nl": 302},
        method="post",
        kwargs=niveau_kwargs,
    ),
    "accounts:escalatieladder": Entry(
        default=404,
        per_persona=dict.fromkeys(
            (
                "ib@demo.nl",
                "mentor@demo.nl",
                "jeugdteam@demo.nl",
                "swv@demo.nl",
                "leerplicht@demo.nl",
                "beheer@demo.nl",
                "schoolbeheer@demo.nl",
                "ib.andere@demo.nl",
            ),
            200,
        ),
    ),
    # The admin is the beheerder's; its model pages are checked model by model below.
    "admin:index": Entry(default=302, per_persona={"beheer@demo.nl": 200}),
}
