"""Permission matrix rows for accounts: login, activation, pupils, consent, moves."""

from tests.accounts.permissiematrix.entries import OUDERS, SAM_KRING, Entry, only
from tests.accounts.permissiematrix.kwargs import melding_kwargs, overstap_oud_kwargs, sam_kwargs

ACCOUNTS: dict[str, Entry] = {
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
    # Lifting a login lock (accounts/inlogrem.py): the same token-in-session flow.
    "accounts:blokkade_link": Entry(default=302, anoniem=302, kwargs=lambda: {"token": "ongeldig"}),
    "accounts:blokkade_opheffen": Entry(default=400, anoniem=400),
    "accounts:account": Entry(default=200),
    # Notifications (docs/meldingen.md): one's own list; another's notification is a 404.
    "accounts:meldingen": Entry(default=200),
    "accounts:melding": Entry(default=404, per_persona={"ib@demo.nl": 302}, kwargs=melding_kwargs),
    "accounts:melding_gelezen": Entry(
        default=404, per_persona={"ib@demo.nl": 302}, method="post", kwargs=melding_kwargs
    ),
    "accounts:meldingen_gelezen": Entry(default=302, method="post"),
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
    # coördinator only (no persona; tests/accounts/overstap/), never the receiving
    # school's (ib@demo.nl).
    "accounts:overstap_leerling_antwoord": Entry(
        default=404, method="post", kwargs=overstap_oud_kwargs
    ),
}
